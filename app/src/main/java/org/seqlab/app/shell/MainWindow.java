package org.seqlab.app.shell;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.seqlab.app.lab.ControlsPane;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lab.LabViews;
import org.seqlab.engine.train.TrainingSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * The main window: menus on top, the shared loss chart and the model views in the centre, the controls on the
 * right, a status bar with progress at the bottom. Every command has a key.
 */
public final class MainWindow extends BorderPane {

    private final LabModel lab;
    private final LabViews views;
    private final ControlsPane controls;
    private final StatusBar status = new StatusBar();
    private final Label engine = new Label();
    private final Label speed = new Label();
    private final AnimationTimer poller;

    public MainWindow(LabModel lab) {
        this.lab = lab;
        setId("mainWindow");
        views = new LabViews(lab, lab.noticeProperty()::set);
        controls = new ControlsPane(lab);

        SplitPane centre = new SplitPane(views.lossPane(), views.modelViews());
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.42);
        setCenter(centre);
        setRight(controls);
        setTop(menus());

        status.setId("statusBar");
        status.setText("Loading ND4J…");
        status.setProgress(-1);
        engine.getStyleClass().add("status-item");
        speed.getStyleClass().add("status-item");
        status.getRightItems().addAll(speed, engine);
        setBottom(status);

        lab.snapshotProperty().addListener((o, a, s) -> showStatus(s));
        lab.noticeProperty().addListener((o, a, b) -> showStatus(lab.snapshot()));

        poller = new AnimationTimer() {
            @Override
            public void handle(long now) {
                lab.poll();
            }
        };
        poller.start();
        addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    }

    public LabViews views() {
        return views;
    }

    public ControlsPane controls() {
        return controls;
    }

    public StatusBar statusBar() {
        return status;
    }

    /** Selects a view tab by a short name: samples, hidden, gates, gradient. */
    public void showView(String name) {
        String id = switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "samples" -> "samplesViewTab";
            case "hidden" -> "hiddenViewTab";
            case "gates" -> "gatesViewTab";
            case "gradient" -> "gradientViewTab";
            case "metrics" -> "metricsViewTab";
            case "attention" -> "attentionViewTab";
            case "mask" -> "maskViewTab";
            case "query" -> "queryViewTab";
            case "positions" -> "positionsViewTab";
            case "costs" -> "costsViewTab";
            case "stack" -> "stackViewTab";
            case "masks" -> "masksViewTab";
            case "field" -> "fieldViewTab";
            case "drawing" -> "drawingViewTab";
            case "anomaly" -> "anomalyViewTab";
            case "decoding" -> "decodingViewTab";
            case "beam" -> "beamViewTab";
            case "exposure" -> "exposureViewTab";
            case "strategies" -> "strategiesViewTab";
            default -> throw new IllegalArgumentException("unknown view '" + name + "'; choose samples, hidden, gates, gradient, "
                    + "attention, mask, query, positions, stack, masks, field, drawing, anomaly, decoding, beam, exposure, strategies, "
                    + "costs or metrics");
        };
        views.select(id);   // or as soon as the models can fill it
    }

    public void stop() {
        poller.stop();
    }

    private MenuBar menus() {
        MenuItem open = item("Open text file…", "Ctrl+O", controls::openFile);
        MenuItem export = item("Export view (PNG 2× + CSV)", "Ctrl+E", () -> views.selectedPane().export());
        MenuItem exportLoss = item("Export loss chart (PNG 2× + CSV)", "Ctrl+Shift+E", () -> views.lossPane().export());
        MenuItem quit = item("Quit", "Ctrl+Q", Platform::exit);
        Menu file = new Menu("_File", null, open, new SeparatorMenuItem(), export, exportLoss, new SeparatorMenuItem(), quit);

        MenuItem train = item("Train / Pause", "Space", lab::toggleTraining);
        MenuItem step = item("Step", "S", lab::step);
        MenuItem reset = item("Reset", "Ctrl+R", lab::reset);
        MenuItem undo = item("Undo reset / apply", "Ctrl+Z", lab::undo);
        MenuItem apply = item("Apply settings", "Ctrl+Enter", lab::apply);
        Menu trainMenu = new Menu("_Train", null, train, step, reset, undo, new SeparatorMenuItem(), apply);

        Menu view = new Menu("_View");
        for (org.seqlab.app.lab.LabViews.Group g : org.seqlab.app.lab.LabViews.Group.values()) {
            MenuItem m = new MenuItem(g + " views");
            m.setOnAction(e -> views.selectGroup(g));
            m.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (g.ordinal() + 1)));
            view.getItems().add(m);
        }
        view.getItems().add(new SeparatorMenuItem());
        for (javafx.scene.control.Tab t : views.allTabs()) {
            MenuItem m = new MenuItem(t.getText() + "  (" + org.seqlab.app.lab.LabViews.Group.of(t.getId()) + ")");
            m.setOnAction(e -> views.select(t.getId()));
            view.getItems().add(m);
        }
        view.getItems().add(new SeparatorMenuItem());
        view.getItems().add(item("Full screen", "F11", () -> {
            Stage st = (Stage) getScene().getWindow();
            st.setFullScreen(!st.isFullScreen());
        }));

        MenuItem keys = item("Keyboard shortcuts", "F1", this::showShortcuts);
        Menu help = new Menu("_Help", null, keys);
        return new MenuBar(file, trainMenu, view, help);
    }

    /** Space and S are not menu accelerators (they would swallow typing); the filter routes them unless a text field has focus. */
    private static MenuItem item(String text, String key, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        if (!key.equals("Space") && !key.equals("S")) {
            m.setAccelerator(KeyCombination.keyCombination(key.replace("Ctrl", "Shortcut")));
        } else {
            m.setText(text + "\t" + key);
        }
        return m;
    }

    private void keys(KeyEvent e) {
        boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl;
        if (typing || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            lab.toggleTraining();
            e.consume();
        } else if (e.getCode() == KeyCode.S || e.getCode() == KeyCode.RIGHT && !(getScene().getFocusOwner() instanceof javafx.scene.control.Slider)
                && !org.seqlab.app.views.FigureCanvas.takesArrowKeys(getScene().getFocusOwner())) {
            lab.step();
            e.consume();
        }
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("SeqLab keyboard shortcuts");
        a.setContentText(String.join("\n",
                "Space — train / pause",
                "S or → — one training step",
                "← → Home End — step through the Decoding view (click it first)",
                "Ctrl+R — reset the models (new weights from the seed)",
                "Ctrl+Z — undo the last reset or apply",
                "Ctrl+Enter — apply changed settings",
                "Ctrl+1 … Ctrl+5 — view group: Training, Recurrent, Attention, Convolution, Decoding",
                "Ctrl+E — export the current view (PNG 2× and CSV)",
                "Ctrl+Shift+E — export the loss chart",
                "Ctrl+O — train on your own text file",
                "F11 — full screen"));
        a.initOwner(getScene().getWindow());
        a.show();
    }

    private void showStatus(TrainingSnapshot s) {
        String notice = lab.noticeProperty().get();
        String text = switch (s.phase()) {
            case LOADING -> "Loading ND4J…";
            case FAILED -> s.message();
            case IDLE -> "Engine ready.";
            case PAUSED -> "Paused at step " + s.step() + ".";
            case RUNNING -> "Training · step " + s.step();
        };
        if (!s.message().isEmpty() && s.phase() != Phase.FAILED) {
            text += "  " + s.message();
        }
        if (!notice.isEmpty()) {
            text += "  " + notice;
        }
        status.setText(text);
        if (s.phase() == Phase.LOADING) {
            status.setProgress(-1);
        } else if (s.stepLimit() > 0) {
            status.setProgress(Math.min(1, s.step() / (double) s.stepLimit()));
        } else if (lab.applyingProperty().get()) {
            status.setProgress(-1);
        } else {
            status.setProgress(0);
        }
        engine.setText(s.engine() == null ? "" : s.engine().describe());
        StringBuilder sp = new StringBuilder();
        for (RunSnapshot r : s.runs()) {
            if (sp.length() > 0) {
                sp.append(" · ");
            }
            sp.append(String.format("%s %.1f steps/s", r.id(), r.stepsPerSecond()));
        }
        speed.setText(sp.toString());
    }
}
