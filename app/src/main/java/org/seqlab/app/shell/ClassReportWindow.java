package org.seqlab.app.shell;

import java.io.File;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.seqlab.app.lessons.ClassReport;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.io.AtomicFile;

/** A class's report in a table the teacher can sort by any column, with what was skipped and a button to save it as CSV. */
final class ClassReportWindow {

    private ClassReportWindow() {
    }

    static void show(Window owner, String folder, ClassReport.Report report) {
        TableView<List<String>> table = new TableView<>();
        table.setId("classReportTable");
        String[] head = ClassReport.HEAD.split(",");
        for (int c = 0; c < head.length; c++) {
            int at = c;
            TableColumn<List<String>, String> column = new TableColumn<>(Texts.orElse("report.column." + head[c], head[c]));
            column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().get(at)));
            table.getColumns().add(column);
        }
        table.getItems().setAll(report.table());
        Label what = new Label(Texts.get("report.summary", report.learners(), folder, report.skipped().size())
                + (report.skipped().isEmpty() ? "" : "\n" + String.join("\n", report.skipped())));
        what.setWrapText(true);
        Button save = new Button(Texts.get("report.saveCsv"));
        save.setId("saveClassReport");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, what, spacer, save);
        bar.setPadding(new Insets(10));
        BorderPane root = new BorderPane(table, null, null, bar, null);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(Texts.get("report.window.title"));
        stage.setScene(new Scene(root, 1100, 600));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(Texts.get("report.save.title"));
            chooser.setInitialFileName("class-report.csv");
            File out = chooser.showSaveDialog(stage);
            if (out != null) {
                try {
                    AtomicFile.checkDestination(out.toPath());
                    ClassReport.write(report, out.toPath());
                    what.setText(Texts.get("report.saved", out.getName()));
                } catch (Exception ex) {
                    what.setText(Texts.get("report.failed", ex.getLocalizedMessage()));
                }
            }
        });
        stage.show();
    }
}
