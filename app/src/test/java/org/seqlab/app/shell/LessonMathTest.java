package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.reader.MathView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Lesson math as a reader on a projector sees it: typeset in step titles too, and display formulas never clipped. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class LessonMathTest {

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1024, 768);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    @Test
    void aStepTitleTypesetsItsMathAndWideFormulasFitTheReader(FxRobot robot) throws Exception {
        await(() -> window.lessonsLoadedProperty().get());
        // "Everything it remembers is in $h_t$": the title holds a formula, not the TeX
        robot.interact(() -> window.openLessonWhenLoaded("03-rnn:2"));
        WaitForAsyncUtils.waitForFxEvents();
        TextFlow title = TestLab.find(robot, "#lessonStepTitle", TextFlow.class);
        assertThat(title.getChildren()).anySatisfy(n -> assertThat(n).isInstanceOf(MathView.class));
        assertThat(title.getChildren()).noneSatisfy(n -> assertThat(n instanceof Text t && t.getText().contains("$")).isTrue());

        // the attention formula is wider than a 1024-pixel window's reader: it is set smaller to fit, whole
        robot.interact(() -> window.openLessonWhenLoaded("06-attention:1"));
        WaitForAsyncUtils.waitForFxEvents();
        var formulas = robot.lookup(".math-display").queryAllAs(MathView.class);
        assertThat(formulas).isNotEmpty();
        for (MathView f : formulas) {
            Parent row = f.getParent();
            double room = ((Region) row).getWidth();
            assertThat(f.getBoundsInParent().getMinX()).as(f.tex()).isGreaterThanOrEqualTo(-0.5);
            assertThat(f.getBoundsInParent().getMaxX()).as(f.tex()).isLessThanOrEqualTo(room + 0.5);
            assertThat(clippedBy(f)).as("%s sits in nothing that scrolls or clips it", f.tex()).isNull();
        }
    }

    /** The first ancestor below the reader's own scroll pane that clips or scrolls, or null. */
    private static Node clippedBy(Node n) {
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane sp) {
                return sp.getStyleClass().contains("math-scroll") ? sp : null;   // the reader's own pane scrolls the page
            }
            if (p.getClip() != null && !p.getStyleClass().contains("viewport")) {
                return p;
            }
        }
        return null;
    }

    @Test
    void aLinkToAnotherLessonOpensIt(FxRobot robot) throws Exception {
        await(() -> window.lessonsLoadedProperty().get());
        // lesson 06 motivates attention by the encoder–decoder's bottleneck, which lesson 18 measures
        robot.interact(() -> window.openLessonWhenLoaded("06-attention:1"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Hyperlink link = TestLab.find(robot, ".lesson-link", javafx.scene.control.Hyperlink.class);
        assertThat(link.getText()).isEqualTo("lesson 18");
        robot.clickOn(link);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.reader().openLessonProperty().get().id()).isEqualTo("18-encoder-decoder");
        assertThat(window.reader().step()).isZero();
    }
}
