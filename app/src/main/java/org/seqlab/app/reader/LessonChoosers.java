package org.seqlab.app.reader;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.seqlab.app.lessons.LessonPack;
import org.seqlab.app.text.Texts;

/** The dialogs that choose where lessons come from: a folder of lessons, or a lesson pack. */
public final class LessonChoosers {

    private LessonChoosers() {
    }

    /** A folder of lessons (or one lesson's folder), or nothing when the user cancels. */
    static Optional<Path> folder(Node owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Texts.get("reader.openFolder.title"));
        return Optional.ofNullable(chooser.showDialog(window(owner))).map(File::toPath);
    }

    /** A lesson pack ({@code .seqlesson}), or nothing when the user cancels. */
    public static Optional<Path> pack(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("reader.openPack.title"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Texts.get("reader.packs"), "*" + LessonPack.EXTENSION),
                new FileChooser.ExtensionFilter(Texts.get("chooser.allFiles"), "*"));
        return Optional.ofNullable(chooser.showOpenDialog(window(owner))).map(File::toPath);
    }

    private static Window window(Node owner) {
        return owner.getScene() == null ? null : owner.getScene().getWindow();
    }
}
