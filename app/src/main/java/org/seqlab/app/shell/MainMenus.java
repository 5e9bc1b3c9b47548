package org.seqlab.app.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCombination;
import org.seqlab.app.widgets.Describing;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.lab.EncoderDecoderWindow;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.views.LabViews;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.train.SessionFile;

/** The main window's menus: every command, with its key; and the file choosers for saved runs. */
final class MainMenus {

    private final Shell window;
    private final LabModel lab;
    private final CheckMenuItem lessonsItem = new CheckMenuItem("Show lessons");
    private final CheckMenuItem presentationItem = new CheckMenuItem("Presentation mode");
    private final CheckMenuItem settingsItem = new CheckMenuItem("Show settings");

    MainMenus(Shell window, LabModel lab) {
        this.window = window;
        this.lab = lab;
    }

    CheckMenuItem lessonsItem() {
        return lessonsItem;
    }

    CheckMenuItem settingsItem() {
        return settingsItem;
    }

    CheckMenuItem presentationItem() {
        return presentationItem;
    }

    private EncoderDecoderWindow encoderDecoder;

    /** The encoder–decoder lab, in a window of its own (one at a time; it stops its training when closed). */
    void openEncoderDecoder() {
        if (encoderDecoder == null || !encoderDecoder.stage().isShowing()) {
            Window owner = window.getScene() == null ? null : window.getScene().getWindow();
            encoderDecoder = new EncoderDecoderWindow(owner, beside(owner), lab, window.presenting());
        }
        encoderDecoder.show();
    }

    /**
     * The lab's part of its window, in screen coordinates: the whole window, or right of the lesson reader when it is
     * open and leaves the lab room for two figures (then the ✓ the learner waits for stays in sight).
     */
    Rectangle2D beside(Window owner) {
        if (owner == null || owner.getWidth() <= 0) {
            return null;
        }
        double reader = window.lessonsShown() ? window.reader().getWidth() : 0;
        if (owner.getWidth() - reader < 600) {
            reader = 0;
        }
        Rectangle2D area = new Rectangle2D(owner.getX() + reader, owner.getY(), owner.getWidth() - reader, owner.getHeight());
        // on the screen the lab is on (a window larger than its screen would put the new one's controls past its edge)
        for (Screen s : Screen.getScreensForRectangle(area)) {
            Rectangle2D v = s.getVisualBounds();
            double x0 = Math.max(area.getMinX(), v.getMinX());
            double y0 = Math.max(area.getMinY(), v.getMinY());
            double x1 = Math.min(area.getMaxX(), v.getMaxX());
            double y1 = Math.min(area.getMaxY(), v.getMaxY());
            if (x1 - x0 >= 600 && y1 - y0 >= 400) {
                return new Rectangle2D(x0, y0, x1 - x0, y1 - y0);
            }
        }
        return area;
    }

    EncoderDecoderWindow encoderDecoder() {
        return encoderDecoder;
    }

    /** Builds the menu bar (once, for the window). */
    MenuBar bar() {
        MenuItem open = item("Open text file…", "Ctrl+O", window.controls()::openFile);
        MenuItem images = item("Open image folder…", "Ctrl+I", window.controls()::openImageFolder);
        Menu export = new Menu("Export view");
        export.getItems().add(item("PNG 2×, SVG, CSV and its description", "Ctrl+E", () -> window.views().selectedPane().export()));
        export.getItems().add(new SeparatorMenuItem());
        for (FigureExporter.Format f : FigureExporter.Format.values()) {
            export.getItems().add(item(f.label(), "", () -> window.views().selectedPane().export(EnumSet.of(f))));
        }
        MenuItem exportLoss = item("Export loss chart (PNG 2×, SVG, CSV)", "Ctrl+Shift+E", () -> window.views().lossPane().export());
        MenuItem figures = item("Figures folder…", "", () -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Where exported figures go");
            Path current = lab.figuresFolderProperty().get();
            if (current != null && Files.isDirectory(current)) {
                chooser.setInitialDirectory(current.toFile());
            }
            File f = chooser.showDialog(window.getScene().getWindow());
            if (f != null) {
                lab.figuresFolderProperty().set(f.toPath());
                lab.noticeProperty().set("Figures now go to " + f);
            }
        });
        MenuItem toPyTorch = item("Export models as PyTorch…", "", this::exportPyTorch);
        MenuItem quit = item("Quit", "Ctrl+Q", Platform::exit);
        MenuItem saveRun = item("Save run…", "Ctrl+S", this::saveRun);
        MenuItem openRun = item("Open run…", "Ctrl+Shift+O", this::openRun);
        MenuItem openModel = item("Open model (SeqLab or PyTorch)…", "", this::openModel);
        Menu file = new Menu("_File", null, open, images, new SeparatorMenuItem(), saveRun, openRun, openModel, new SeparatorMenuItem(), export, exportLoss,
                figures, toPyTorch, new SeparatorMenuItem(), quit);

        MenuItem train = item("Train / Pause", "Space", lab::toggleTraining);
        MenuItem step = item("Step", "S", lab::step);
        MenuItem reset = item("Reset", "Ctrl+R", lab::reset);
        MenuItem undo = item("Undo reset / apply", "Ctrl+Z", lab::undo);
        MenuItem apply = item("Apply settings", "Ctrl+Enter", lab::apply);
        MenuItem seq2seq = item("Encoder–decoder lab…", "Ctrl+D", this::openEncoderDecoder);
        Menu trainMenu = new Menu("_Train", null, train, step, reset, undo, new SeparatorMenuItem(), apply, new SeparatorMenuItem(), seq2seq);

        Menu view = new Menu("_View");
        for (ViewId.Group g : ViewId.Group.values()) {
            MenuItem m = new MenuItem(g + " views");
            m.setOnAction(e -> window.views().selectGroup(g));
            m.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (g.ordinal() + 1)));
            view.getItems().add(m);
        }
        view.getItems().add(new SeparatorMenuItem());
        for (Tab t : window.views().allTabs()) {
            ViewId v = LabViews.view(t);
            MenuItem m = new MenuItem(t.getText() + "  (" + v.group() + ")");
            m.setOnAction(e -> window.views().select(v));
            view.getItems().add(m);
        }
        view.getItems().add(new SeparatorMenuItem());
        settingsItem.setAccelerator(KeyCombination.keyCombination("F3"));
        settingsItem.setOnAction(e -> window.showSettings(settingsItem.isSelected()));
        view.getItems().add(settingsItem);
        CheckMenuItem describe = new CheckMenuItem("Describe the figure");
        describe.setAccelerator(KeyCombination.keyCombination("F4"));
        describe.selectedProperty().bindBidirectional(Describing.SHOWN);
        view.getItems().add(describe);
        presentationItem.setText("Presentation mode\tF5");   // F5 is routed by the key filter, in full screen too
        presentationItem.setOnAction(e -> window.setPresentation(!window.presenting()));
        view.getItems().add(presentationItem);
        view.getItems().add(item("Full screen", "F11", () -> {
            Stage st = (Stage) window.getScene().getWindow();
            st.setFullScreen(!st.isFullScreen());
        }));

        lessonsItem.setAccelerator(KeyCombination.keyCombination("F2"));
        lessonsItem.setSelected(window.lessonsShown());
        lessonsItem.setOnAction(e -> window.showLessons(!window.lessonsShown()));
        MenuItem allLessons = item("All lessons", "Ctrl+L", () -> {
            window.showLessons(true);
            window.reader().showList();
        });
        MenuItem nextStep = item("Next step", "Page Down", () -> window.reader().next());
        MenuItem previousStep = item("Previous step", "Page Up", () -> window.reader().previous());
        MenuItem folder = item("Open lesson folder…", "", () -> {
            window.showLessons(true);
            window.reader().chooseFolder();
        });
        Menu lessons = new Menu("_Lessons", null, lessonsItem, allLessons, new SeparatorMenuItem(), nextStep, previousStep,
                new SeparatorMenuItem(), folder);

        MenuItem keys = item("Keyboard shortcuts", "F1", window::toggleShortcuts);
        keys.setAccelerator(null);
        keys.setText("Keyboard shortcuts\tF1 or ?");
        MenuItem board = item("Start board (demos)", "", () -> window.showStartBoard(true));
        Menu help = new Menu("_Help", null, keys, board);
        return new MenuBar(file, trainMenu, view, lessons, help);
    }

    /** Space and S are not menu accelerators (they would swallow typing); the filter routes them unless a text field has focus. */
    private static MenuItem item(String text, String key, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        if (key.isEmpty()) {
            return m;
        }
        if (!key.equals("Space") && !key.equals("S") && !key.startsWith("Page")) {
            m.setAccelerator(KeyCombination.keyCombination(key.replace("Ctrl", "Shortcut")));
        } else {
            m.setText(text + "\t" + key);
        }
        return m;
    }

    private FileChooser runChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("SeqLab runs",
                "*" + SessionFile.EXTENSION));
        Path dir = lab.figuresFolderProperty().get() == null ? null : lab.figuresFolderProperty().get().getParent();
        if (dir != null && Files.isDirectory(dir)) {
            chooser.setInitialDirectory(dir.toFile());
        }
        return chooser;
    }

    private void saveRun() {
        FileChooser chooser = runChooser("Save the run: settings, weights, optimiser state and history");
        chooser.setInitialFileName(lab.snapshot().data() == null ? "run" : lab.snapshot().data().name().replaceAll("[^A-Za-z0-9-]+", "-")
                + "-step" + lab.snapshot().step() + SessionFile.EXTENSION);
        File f = chooser.showSaveDialog(window.getScene().getWindow());
        if (f != null) {
            Path p = f.toPath();
            if (!p.getFileName().toString().endsWith(SessionFile.EXTENSION)) {
                p = p.resolveSibling(p.getFileName() + SessionFile.EXTENSION);
            }
            lab.saveRun(p);
        }
    }

    /** A saved model or a PyTorch checkpoint, as the lab's one model on its data. */
    private void openModel() {
        FileChooser chooser = runChooser("Open a model: SeqLab's (.seqlab) or a PyTorch checkpoint (.safetensors)");
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("Models", "*.seqlab", "*.safetensors"));
        File f = chooser.showOpenDialog(window.getScene().getWindow());
        if (f != null) {
            lab.openModel(f.toPath());
        }
    }

    private void openRun() {
        File f = runChooser("Open a saved run").showOpenDialog(window.getScene().getWindow());
        if (f != null) {
            lab.openRun(f.toPath());
        }
    }

    /** Every model as a PyTorch program, each in a new folder inside the one chosen (training waits while they are written). */
    private void exportPyTorch() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Where the PyTorch programs go (a new folder for each model)");
        Path current = lab.figuresFolderProperty().get();
        if (current != null && Files.isDirectory(current)) {
            chooser.setInitialDirectory(current.toFile());
        }
        File f = chooser.showDialog(window.getScene().getWindow());
        if (f != null) {
            lab.work().await("Writing PyTorch programs", progress -> lab.tasks().toPyTorch(f.toPath()), written -> lab.noticeProperty().set(
                    (written.folders().isEmpty() ? "No model was written" : "Wrote " + String.join(", ", written.folders().stream()
                            .map(d -> d.getFileName().toString()).toList()) + " in " + f + " (python3 run.py --help in each)")
                    + (written.skipped().isEmpty() ? "." : "; not " + String.join(", ", written.skipped()) + ".")),
                    ex -> lab.noticeProperty().set("Could not write the PyTorch programs: " + Failure.reason(ex)));
        }
    }
}
