package org.seqlab.app.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.seqlab.app.lessons.ClassReport;
import org.seqlab.app.lessons.Lesson;
import org.seqlab.app.lessons.ProgressExport;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Failure;

/**
 * A class's files: File → Export my progress… (a learner's xAPI statements and CSV, to hand in) and File → Class
 * report… (a teacher's table of a folder of them). The writing happens off the FX thread; the status line says what
 * was written, and which files were skipped.
 */
final class ClassFiles {

    private ClassFiles() {
    }

    static void exportProgress(Shell window) {
        TextInputDialog ask = new TextInputDialog(System.getProperty("user.name", ""));
        ask.setTitle(Texts.get("progress.export.title"));
        ask.setHeaderText(Texts.get("progress.export.name"));
        ask.initOwner(window.getScene().getWindow());
        Optional<String> name = ask.showAndWait().map(String::strip).filter(n -> !n.isEmpty());
        if (name.isEmpty()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("progress.export.title"));
        chooser.setInitialFileName(name.get().replaceAll("[^\\p{L}\\p{N}._-]+", "-") + "-progress.json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("progress.export.files"), "*.json"));
        File f = chooser.showSaveDialog(window.getScene().getWindow());
        if (f == null) {
            return;
        }
        Path json = f.toPath();
        var lessons = window.reader().lessons();
        window.lab().work().run(Texts.get("progress.export.job"), p -> ProgressExport.write(window.progress(), name.get(),
                id -> lessons.stream().filter(l -> l.id().equals(id)).findFirst().map(Lesson::steps).map(java.util.List::size).orElse(null), json),
                n -> window.lab().noticeProperty().set(Texts.get("progress.export.done", n, json.getFileName().toString(),
                        ProgressExport.csvBeside(json).getFileName().toString())),
                ex -> window.lab().noticeProperty().set(Texts.get("progress.export.failed", Failure.reason(ex))));
    }

    static void classReport(Shell window) {
        DirectoryChooser folder = new DirectoryChooser();
        folder.setTitle(Texts.get("report.folder.title"));
        File dir = folder.showDialog(window.getScene().getWindow());
        if (dir == null) {
            return;
        }
        window.lab().work().run(Texts.get("report.job"), p -> ClassReport.of(dir.toPath()),
                r -> ClassReportWindow.show(window.getScene().getWindow(), dir.getName(), r),
                ex -> window.lab().noticeProperty().set(Texts.get("report.failed", Failure.reason(ex))));
    }
}
