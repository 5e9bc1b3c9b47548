package org.seqlab.app.lab;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.Style;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.ImageFolders;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.Hyperparameter;
import org.seqlab.engine.train.Schedule;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The settings panel: the data, and every hyperparameter of every model in a ControlsFX PropertySheet. Changed
 * settings take effect with Apply, which rebuilds the models (undoable). It folds away (F3) so the figures get the
 * room; Train, Step, Reset and Undo live in the {@link Transport} above the lab.
 */
public final class ControlsPane extends BorderPane {

    private static final String FILE_CHOICE = Texts.get("settings.textFile");

    private final LabModel lab;
    private final VBox sections = new VBox(10);
    private final ComboBox<String> dataChoice = new ComboBox<>();

    public ControlsPane(LabModel lab) {
        this.lab = lab;
        setId("controls");
        getStyleClass().add("controls-pane");
        setPrefWidth(430);
        setMinWidth(400);

        Label dataLabel = new Label(Texts.get("settings.data"));
        dataLabel.getStyleClass().add("section-title");
        dataChoice.setId("dataChoice");
        dataChoice.getItems().addAll(DataSources.BUILT_IN);
        dataChoice.getItems().add(FILE_CHOICE);
        dataChoice.setMaxWidth(Double.MAX_VALUE);
        dataChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? "" : s.contains("/") || s.contains("\\") ? new File(s).getName() : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        dataChoice.setValue(lab.data.get());
        dataChoice.setOnAction(e -> {
            String v = dataChoice.getValue();
            if (FILE_CHOICE.equals(v)) {
                chooseFile();
            } else if (v != null) {
                lab.data.set(v);
            }
        });
        lab.data.addListener((o, a, b) -> {
            if (b != null && a != null && (DataSources.isImages(b) != DataSources.isImages(a)
                    || (DataSources.orderedPixels(b) == null) != (DataSources.orderedPixels(a) == null))) {
                // text, images and digits read as sequences offer different settings
                Platform.runLater(this::rebuildSheets);
            }
            if (!b.equals(dataChoice.getValue())) {
                if (!dataChoice.getItems().contains(b)) {
                    dataChoice.getItems().add(dataChoice.getItems().size() - 1, b);
                }
                dataChoice.setValue(b);
            }
        });
        Label dataInfo = new Label();
        dataInfo.setId("dataInfo");
        dataInfo.setWrapText(true);
        dataInfo.getStyleClass().add("data-info");

        sections.setId("settings");
        rebuildSheets();
        lab.runs.addListener((ListChangeListener<RunSettings>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::watchFamily);
            }
            rebuildSheets();
        });
        lab.runs.forEach(this::watchFamily);

        Button add = new Button(Texts.get("settings.addModel"), new FontIcon("mdi2p-plus"));
        add.setId("addModel");
        add.setTooltip(new Tooltip(Texts.get("settings.addModel.tip")));
        add.setOnAction(e -> lab.addRun());
        add.disableProperty().bind(Bindings.size(lab.runs).greaterThanOrEqualTo(4));
        Button apply = new Button(Texts.get("settings.apply"), new FontIcon("mdi2c-check"));
        apply.setId("applyButton");
        apply.setTooltip(new Tooltip(Texts.get("settings.apply.tip")));
        apply.setOnAction(e -> lab.apply());
        apply.disableProperty().bind(lab.dirtyProperty().not().or(lab.applyingProperty()));
        apply.getStyleClass().add("accent");
        HBox runButtons = new HBox(6, add, apply);
        runButtons.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("settingsError");
        error.setWrapText(true);
        error.getStyleClass().add("settings-error");
        error.textProperty().bind(lab.settingsErrorProperty());
        error.visibleProperty().bind(lab.settingsErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Label pending = new Label(Texts.get("settings.pending"));
        pending.setWrapText(true);
        pending.getStyleClass().add("settings-pending");
        pending.visibleProperty().bind(lab.dirtyProperty().and(lab.settingsErrorProperty().isEmpty()).and(lab.applyingProperty().not())
                .and(Bindings.createBooleanBinding(() -> lab.snapshot().phase() != Phase.LOADING, lab.snapshotProperty())));
        pending.managedProperty().bind(pending.visibleProperty());

        // Apply at the bottom stays in view; the settings above it scroll
        VBox middle = new VBox(10, dataLabel, dataChoice, dataInfo, sections);
        middle.setPadding(new Insets(4, 10, 10, 10));
        ScrollPane scroll = new ScrollPane(middle);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);
        VBox bottom = new VBox(6, pending, error, runButtons);
        bottom.setPadding(new Insets(8, 10, 10, 10));
        bottom.getStyleClass().add("controls-bottom");
        setBottom(bottom);

        lab.snapshotProperty().addListener((o, a, s) -> dataInfo.setText(describe(s)));
    }

    private static final org.controlsfx.property.editor.DefaultPropertyEditorFactory EDITORS =
            new org.controlsfx.property.editor.DefaultPropertyEditorFactory();

    /** ControlsFX's editor for the setting; a choice of the engine's words (a pixel order, a schedule) in the interface's. */
    @SuppressWarnings("unchecked")
    private static org.controlsfx.property.editor.PropertyEditor<?> editor(PropertySheet.Item item) {
        var editor = EDITORS.call(item);
        if (item.getType().isEnum() && editor.getEditor() instanceof javafx.scene.control.ComboBox<?> box) {
            ((javafx.scene.control.ComboBox<Object>) box).setConverter(new StringConverter<>() {
                @Override
                public String toString(Object o) {
                    return o instanceof Enum<?> e ? Texts.named(e) : "";
                }

                @Override
                public Object fromString(String s) {
                    return null;   // a choice, never typed
                }
            });
        }
        return editor;
    }

    /** A hyperparameter's name in the family's words: the bundles' ({@code hp.lr}, {@code hp.hidden.transformer}), else the engine's English. */
    static String label(Hyperparameter h, Family f) {
        return Texts.orElse("hp." + h.key() + "." + f.id(), Texts.orElse("hp." + h.key(), h.label(f)));
    }

    static String description(Hyperparameter h, Family f) {
        return Texts.orElse("hp." + h.key() + "." + f.id() + ".tip", Texts.orElse("hp." + h.key() + ".tip", h.description(f)));
    }

    static String describe(TrainingSnapshot s) {
        if (s.data() == null) {
            return s.phase() == Phase.LOADING ? Texts.get("notice.loadingEngine") : "";
        }
        StringBuilder sb = new StringBuilder(EngineNames.data(s.data().description()));
        if (s.data().image() != null) {
            sb.append("\n" + Texts.get("data.pixels", s.data().sequenceLength()));
            return sb.toString();
        }
        sb.append("\n" + Texts.get("data.symbols", s.data().symbols()));
        s.data().rateBits().ifPresent(r -> sb.append(Texts.get("data.rate", r)));
        s.data().floorBits().ifPresent(f -> sb.append(Texts.get("data.floor", String.valueOf(s.data().sequenceLength()), f)));
        return sb.toString();
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("chooser.openText"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Texts.get("chooser.textFiles"), "*.txt", "*.md", "*.csv"),
                new FileChooser.ExtensionFilter(Texts.get("chooser.allFiles"), "*"));
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            lab.data.set(f.getAbsolutePath());
        } else {
            dataChoice.setValue(lab.data.get());
        }
    }

    /** Opens the file chooser, as File → Open does. */
    public void openFile() {
        chooseFile();
    }

    /** File → Open image folder: a folder of PNG or JPEG images becomes 14×14 binary pixel data (Apply builds it). */
    public void openImageFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Texts.get("chooser.openImages", ImageFolders.MIN_IMAGES));
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            lab.data.set("images-14:" + dir.getAbsolutePath());
        }
    }

    /**
     * A Transformer has other settings than a recurrent model, and a warm-up has lengths a constant rate has not: show
     * the right ones when the family or the schedule changes.
     */
    private void watchFamily(RunSettings r) {
        r.family.addListener((o, a, b) -> {
            if (a != b && b != null) {
                r.applyDefaults(b);
                Platform.runLater(this::rebuildSheets);
            }
        });
        r.schedule.addListener((o, a, b) -> Platform.runLater(this::rebuildSheets));
    }

    private boolean images() {
        return DataSources.isImages(lab.data.get());
    }

    private void rebuildSheets() {
        List<Node> nodes = new ArrayList<>();
        List<PropertySheet.Item> batches = new ArrayList<>();
        batches.add(new SettingItem("", Texts.get("settings.batch"), Texts.get("settings.batch.tip"), Integer.class, lab.batch));
        PixelOrder dataOrder = DataSources.orderedPixels(lab.data.get());
        if (!images() && dataOrder == null) {   // an image is always one sequence of all its pixels: nothing to choose
            batches.add(new SettingItem("", Texts.get("settings.length"), Texts.get("settings.length.tip"),
                    Integer.class, lab.sequenceLength));
        }
        batches.add(new SettingItem("", Texts.get("settings.seed"), Texts.get("settings.seed.tip"), Integer.class, lab.seed));
        nodes.add(section(Texts.get("settings.batches"), null, null, batches));
        for (int i = 0; i < lab.runs.size(); i++) {
            RunSettings r = lab.runs.get(i);
            String id = String.valueOf((char) ('A' + i));
            int index = i;
            List<PropertySheet.Item> items = new ArrayList<>();
            items.add(new SettingItem("", Texts.get("settings.family"), Texts.get("settings.family.tip"),
                    Family.class, r.family));
            Family f = r.family.get();
            // the settings the family reads, in the one table's order and words
            for (Hyperparameter h : Hyperparameter.values()) {
                boolean warmup = h == Hyperparameter.WARMUP || h == Hyperparameter.DECAY;
                if (!h.appliesTo(f) || h == Hyperparameter.ORDER && dataOrder == null
                        || warmup && r.schedule.get() != Schedule.WARMUP_COSINE) {
                    continue;   // a pixel order only on digits read as a sequence; the warm-up's lengths only with a warm-up
                }
                if (h == Hyperparameter.ORDER && r.order.get() == null) {
                    r.order.set(dataOrder);
                }
                if (h == Hyperparameter.CLIP) {
                    items.add(new SettingItem("", Texts.get("settings.clip"), Texts.get("settings.clip.tip"),
                            Boolean.class, r.clip));
                }
                items.add(new SettingItem("", label(h, f), description(h, f), RunSettings.type(h), r.property(h)));
            }
            nodes.add(section(Texts.get("settings.model", id), id, lab.runs.size() > 1 ? () -> lab.removeRun(index) : null, items));
        }
        sections.getChildren().setAll(nodes);
    }

    /** A titled block of settings; for a model, its chart colour and a remove button. */
    private Node section(String title, String runId, Runnable remove, List<PropertySheet.Item> items) {
        Label header = new Label(title);
        header.getStyleClass().add("section-title");
        HBox head = new HBox(8);
        head.setAlignment(Pos.CENTER_LEFT);
        if (runId != null) {
            Rectangle swatch = new Rectangle(6, 18);
            java.awt.Color c = Style.run(runId);
            swatch.setFill(Color.rgb(c.getRed(), c.getGreen(), c.getBlue()));
            head.getChildren().add(swatch);
        }
        head.getChildren().add(header);
        if (remove != null) {
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Button x = new Button(null, new FontIcon("mdi2c-close"));
            x.setId("remove" + runId);
            x.getStyleClass().addAll("flat", "small");
            x.setTooltip(new Tooltip(Texts.get("settings.remove", title)));
            x.setOnAction(e -> remove.run());
            head.getChildren().addAll(spacer, x);
        }
        PropertySheet sheet = new PropertySheet();
        sheet.setId(runId == null ? "sheetBatches" : "sheet" + runId);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(ControlsPane::editor);
        sheet.getItems().setAll(items);
        double rows = items.size() * 40 + 12;
        sheet.setPrefHeight(rows);
        sheet.setMinHeight(rows);
        VBox box = new VBox(2, head, sheet);
        box.getStyleClass().add("settings-section");
        return box;
    }
}
