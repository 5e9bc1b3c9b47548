package org.seqlab.app.lab;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.seq2seq.ExperimentFile;

/** The encoder–decoder lab's file dialogs: an experiment to save or open, a folder for PyTorch programs. */
final class ExperimentChooser {

    private ExperimentChooser() {
    }

    /** An experiment file; a name typed without the extension gets it. */
    static Optional<Path> file(Window owner, Task task, boolean saving) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get(saving ? "s2s.chooser.save" : "s2s.chooser.open"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("s2s.chooser.files"), "*" + ExperimentFile.EXTENSION));
        if (saving) {
            chooser.setInitialFileName(task.id() + ExperimentFile.EXTENSION);
        }
        File f = saving ? chooser.showSaveDialog(owner) : chooser.showOpenDialog(owner);
        if (f == null) {
            return Optional.empty();
        }
        Path p = f.toPath();
        return Optional.of(saving && !p.toString().endsWith(ExperimentFile.EXTENSION) ? Path.of(p + ExperimentFile.EXTENSION) : p);
    }

    /** The folder the PyTorch programs go into, a new folder each inside it. */
    static Optional<Path> folder(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Texts.get("chooser.toPyTorch.seq2seq"));
        File f = chooser.showDialog(owner);
        return f == null ? Optional.empty() : Optional.of(f.toPath());
    }
}
