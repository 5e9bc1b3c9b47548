package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.figures.KlFitFigure;
import org.seqlab.app.lab.LabModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Forward against reverse KL: Play walks the fits to their end, and another start refits them. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class KlViewTest {

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
    void playAnimatesTheTwoFitsAndTheirNumbersAreExact(FxRobot robot) throws Exception {
        robot.interact(() -> window.showView("kl"));
        Slider step = TestLab.find(robot, "#klStep", Slider.class);
        assertThat(step.getValue()).isZero();
        robot.clickOn("#klPlay");
        await(() -> step.getValue() == step.getMax());
        var figure = window.views().selectedPane().canvas().figure();
        assertThat(figure).isInstanceOf(KlFitFigure.class);
        assertThat(figure.title()).endsWith("step 400 of 400");
        var last = figure.table().rows().get(400);
        // the forward fit spreads over both modes; the reverse one, started right of centre, sits on the mode at +2
        assertThat(Double.parseDouble(last.get(2))).as("forward σ").isGreaterThan(1.9);
        assertThat(Double.parseDouble(last.get(5))).as("reverse μ").isBetween(1.9, 2.1);
        @SuppressWarnings("unchecked")
        ComboBox<KlFitFigure.Start> start = TestLab.find(robot, "#klStart", ComboBox.class);
        assertThat(start.getItems()).extracting(Object::toString).contains("start narrow, left of centre");
        robot.interact(() -> start.setValue(KlFitFigure.Start.NEAR_LEFT));
        await(() -> Double.parseDouble(window.views().selectedPane().canvas().figure().table().rows().get(400).get(5)) < -1.9);
    }
}
