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
import org.seqlab.app.figures.AblationFigure;
import org.seqlab.app.figures.InductionFigure;
import org.seqlab.app.figures.LogitLensFigure;
import org.seqlab.app.figures.PatchingFigure;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lab.RunSettings;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Take apart group on an LSTM and a Transformer: switch a head off, patch, read the logit lens, score the heads; and
 * the Transformer on a permuted input.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class TakeApartFlowTest {

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
    void switchOffPatchLensAndHeadsOnTrainedModels(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        robot.interact(() -> {
            lab.data.set("synthetic:repeat");
            lab.runs.setAll(new RunSettings(Family.LSTM), new RunSettings(Family.TRANSFORMER));
            lab.apply();
        });
        await(() -> !lab.dirtyProperty().get() && lab.snapshot().runs().size() == 2 && lab.snapshot().inspection() != null
                && lab.snapshot().data().name().equals("synthetic:repeat"));
        robot.interact(() -> lab.trainUntil(5));
        await(() -> lab.snapshot().step() == 5 && lab.snapshot().phase() == Phase.PAUSED);

        LabFlowTest.group(robot, "Take apart");
        robot.clickOn("#ablateViewTab");
        FigurePane ablate = TestLab.find(robot, "#ablateView", FigurePane.class);
        // the LSTM first, its forget gate switched off
        await(() -> ablate.canvas().figure() instanceof AblationFigure f && f.input().comparison().model().startsWith("A"));
        AblationFigure first = (AblationFigure) ablate.canvas().figure();
        assertThat(first.input().comparison().ablation().describe()).isEqualTo("the forget gate of layer 0");
        assertThat(first.title()).contains("forget gate").contains("step 5");
        // the Transformer, head 1 of block 0
        choose(robot, combo(robot, "#ablateRun"), lab.snapshot().runs().get(1).label());
        ComboBox<?> part = combo(robot, "#ablatePart");
        choose(robot, part, "head 1 of block 0");
        await(() -> ablate.canvas().figure() instanceof AblationFigure f && f.input().comparison().ablation().describe().equals("head 1 of block 0"));
        var head = ((AblationFigure) ablate.canvas().figure()).input().comparison();
        assertThat(head.ablatedValidation()).isNotEqualTo(head.intactValidation());
        // Replay draws again; the weights came back, so the intact model scores exactly as before
        robot.clickOn("#ablateReplay");
        await(() -> ((AblationFigure) ablate.canvas().figure()).input().comparison() != head);
        assertThat(((AblationFigure) ablate.canvas().figure()).input().comparison().intactValidation()).isEqualTo(head.intactValidation());

        robot.clickOn("#patchingViewTab");
        FigurePane patching = TestLab.find(robot, "#patchingView", FigurePane.class);
        await(() -> patching.canvas().figure() instanceof PatchingFigure);
        robot.interact(() -> robot.lookup("#patchPosition").<javafx.scene.control.Spinner<Integer>>query().getValueFactory().setValue(6));
        await(() -> patching.canvas().figure() instanceof PatchingFigure f && f.input().patching().position() == 6);
        assertThat(((PatchingFigure) patching.canvas().figure()).input().patching().meanGap()).isLessThan(1e-6);   // the LSTM: exact

        robot.clickOn("#lensViewTab");
        FigurePane lens = TestLab.find(robot, "#lensView", FigurePane.class);
        await(() -> lens.canvas().figure() instanceof LogitLensFigure);
        assertThat(((LogitLensFigure) lens.canvas().figure()).input().lens().bits()).hasNumberOfRows(3);   // embeddings, block 1, output

        robot.clickOn("#headsViewTab");
        FigurePane heads = TestLab.find(robot, "#headsView", FigurePane.class);
        await(() -> heads.canvas().figure() instanceof InductionFigure);
        assertThat(((InductionFigure) heads.canvas().figure()).input().scores()).hasNumberOfRows(2);
        assertThat(heads.canvas().figure().table().rows()).hasSize(8);

        // the Transformer on the inspected input and on it permuted, with and without its mask
        LabFlowTest.group(robot, "Attention");
        robot.clickOn("#permuteViewTab");
        FigurePane permute = TestLab.find(robot, "#permuteView", FigurePane.class);
        await(() -> permute.canvas().figure() instanceof org.seqlab.app.figures.PermutationFigure);
        var order = ((org.seqlab.app.figures.PermutationFigure) permute.canvas().figure()).input().result();
        assertThat(order.original()).hasSize(16);
        assertThat(order.permuted().get(0)).isEqualTo(order.original().get(14));
        assertThat(order.maxUnmaskedGap()).isGreaterThan(0);   // sinusoidal positions: the permuted input reads differently
    }
}
