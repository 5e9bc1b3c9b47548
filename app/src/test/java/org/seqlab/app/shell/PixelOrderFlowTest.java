package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;
import static org.seqlab.app.shell.LabFlowTest.choose;
import static org.seqlab.app.shell.LabFlowTest.combo;

import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Digits read as sequences: the text models stay, each gets a pixel order, and two orders train side by side. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class PixelOrderFlowTest {

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1400, 900);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    @Test
    void twoLstmsReadTheSameDigitsInTwoOrders(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        robot.interact(() -> lab.data.set("digits-14:raster"));   // as the data list does (its pop-up is longer than the screen here)
        assertThat(combo(robot, "#dataChoice").getValue()).isEqualTo("digits-14:raster");
        assertThat(lab.runs).allSatisfy(r -> assertThat(r.family.get().image()).isFalse());   // text models read sequences
        // model B's pixel order: the sheet's combo box that lists the orders
        // the sheets are rebuilt for digits read as a sequence: they now offer a pixel order
        java.util.function.Supplier<java.util.Optional<ComboBox<Object>>> orders = () -> robot.lookup("#sheetB .combo-box")
                .<ComboBox<Object>>match(c -> ((ComboBox<?>) c).getItems().contains(PixelOrder.RANDOM)).tryQuery();
        await(() -> orders.get().isPresent());
        ComboBox<Object> order = orders.get().orElseThrow();
        assertThat(order.getValue()).isEqualTo(PixelOrder.RASTER);
        robot.interact(() -> {   // the settings scroll: bring model B's row into view, as a user would
            for (javafx.scene.Node n = order; n != null; n = n.getParent()) {
                if (n instanceof javafx.scene.control.ScrollPane sp) {
                    sp.setVvalue(sp.getVmax());
                }
            }
        });
        choose(robot, order, "Random (fixed)");
        assertThat(lab.runs.get(1).order.get()).isEqualTo(PixelOrder.RANDOM);
        robot.clickOn("#applyButton");
        await(() -> !lab.dirtyProperty().get() && lab.snapshot().data() != null && lab.snapshot().data().name().equals("digits-14:raster"));
        assertThat(lab.snapshot().data().unit()).isEqualTo("bits per dimension");
        assertThat(lab.snapshot().runs().get(1).config().order()).isEqualTo(PixelOrder.RANDOM);
        assertThat(lab.snapshot().runs().get(1).label()).endsWith("random");
        robot.interact(() -> lab.trainUntil(3));
        await(() -> lab.snapshot().step() == 3 && lab.snapshot().phase() == Phase.PAUSED
                && lab.snapshot().runs().stream().allMatch(r -> r.samples() != null));
        // every pixel of an image generated, in the model's own order
        assertThat(lab.snapshot().runs().get(1).samples().sampled()).hasSize(196).matches("[01]+");
        // the views inspect one digit; each model reads it in its own order
        await(() -> lab.snapshot().inspection() != null && lab.snapshot().inspection().step() == 3);
        assertThat(lab.snapshot().inspection().error()).isEmpty();
        assertThat(lab.snapshot().inspection().traces()).containsKeys("A", "B");
                FigurePane samples = TestLab.find(robot, "#samplesView", FigurePane.class);
        await(() -> samples.canvas().figure() != null && samples.canvas().figure().title().contains("drawn at step"));
    }
}
