package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seqlab.app.export.FigureText;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lab.RunSettings;
import org.seqlab.app.widgets.FigureCanvas;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Nothing is cut or collides: every view of the lab, opened at 1024×768, 1280×720 and 1920×1080, normal and in
 * presentation mode, with models that fill it. Every visible label, button, tab and choice is read as drawn (no "…"),
 * and the loss chart and the view's figure are drawn again, at the size and in the style the lab gives them, through a
 * Graphics2D that records where each string goes ({@link TextPlacement}): no string over another, none past the edge.
 */
@Tag("ui")
class TruncationTest {

    LabModel lab;
    MainWindow shown;

    @AfterEach
    void stop() throws Exception {
        if (shown != null) {
            WaitForAsyncUtils.asyncFx(shown::stop).get();   // its frame timer would keep the window and its lab alive
        }
        FxToolkit.cleanupStages();
        if (lab != null) {
            lab.shutdown();
        }
    }

    @ParameterizedTest(name = "{0}×{1}, presenting: {2}, {3}")
    @CsvSource({"1024, 768, false, text", "1280, 720, false, text", "1920, 1080, false, text", "1280, 720, true, text",
        "1024, 768, false, digits", "1280, 720, false, digits", "1280, 720, true, digits"})
    void noControlTextIsCut(int width, int height, boolean presenting, String data) throws Exception {
        lab = TestLab.lab();
        shown = TestLab.showPlain(lab, width, height);
        WaitForAsyncUtils.asyncFx(() -> {
            if (data.equals("digits")) {
                lab.data.set("digits-14");
            } else {
                lab.runs.setAll(List.of(new RunSettings(Family.LSTM), new RunSettings(Family.TRANSFORMER), new RunSettings(Family.CONV1D)));
            }
        }).get();
        LabFlowTest.await(() -> lab.snapshot().phase() == Phase.PAUSED);
        WaitForAsyncUtils.asyncFx(() -> lab.apply()).get().get();
        LabFlowTest.await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get() && lab.snapshot().inspection() != null);
        if (presenting) {
            WaitForAsyncUtils.asyncFx(() -> {
                shown.presentation().fullScreen = false;
                shown.setPresentation(true);
                shown.shortcuts().hide();
            }).get();
        }
        List<String> cut = new ArrayList<>();
        List<String> collide = new ArrayList<>();
        for (ViewId v : List.of(ViewId.values())) {
            boolean selected = WaitForAsyncUtils.asyncFx(() -> shown.views().select(v)).get();
            if (!selected) {
                continue;   // these models cannot fill it
            }
            WaitForAsyncUtils.waitForFxEvents();
            for (String c : WaitForAsyncUtils.asyncFx(() -> truncated(shown.getScene().getRoot())).get()) {
                cut.add(v.name() + ": " + c);
            }
            for (FigureCanvas c : WaitForAsyncUtils.asyncFx(() -> List.of(shown.views().lossPane().canvas(), shown.views().selectedPane().canvas())).get()) {
                Figure f = c.figure();
                for (String p : FigureText.problems(f, c.viewWidth(), c.viewHeight(), c.figureStyle())) {
                    collide.add(v.id() + " / " + f.name() + " " + (int) c.viewWidth() + "×" + (int) c.viewHeight() + ": " + p);
                }
            }
        }
        assertThat(collide).as("figure text over other text or past the figure's edge at %d×%d%s", width, height,
                presenting ? " presenting" : "").isEmpty();
        assertThat(cut).as("texts cut to … at %d×%d%s", width, height, presenting ? " presenting" : "").isEmpty();
    }

    /** Every visible labelled control whose text is drawn shorter than it is ("Compare" shown as "Com…"). */
    static List<String> truncated(Parent root) {
        List<String> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            for (Node c : l.getChildrenUnmodifiable()) {
                if (!(c instanceof Text t) || !t.isVisible()) {
                    continue;
                }
                // cut text is a prefix of the label's own and an ellipsis (a skin not yet laid out after a change of
                // text shows the old text, which is no cut)
                String shown = t.getText();
                String kept = shown.endsWith("…") ? shown.substring(0, shown.length() - 1) : shown.endsWith("...")
                        ? shown.substring(0, shown.length() - 3) : null;
                if (!shown.equals(l.getText()) && kept != null && l.getText().startsWith(kept)) {
                    out.add("'" + l.getText() + "' shown as '" + t.getText() + "' (" + (l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName()) + ")");
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, out);
            }
        }
    }
}
