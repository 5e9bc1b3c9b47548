package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqlab.app.Main;
import org.seqlab.app.lab.LabModel;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The states a class meets, checked as laid out: the window SeqLab opens on a 1024×768, 1280×720, 1366×768 or
 * 1920×1080 screen (95 % of it), with the lessons beside the lab or not, presenting or not, and after the toggles a
 * teacher makes (F2 on and off, F5 and Esc): no control or text lies outside the window and no label is cut short; in
 * the figures no text is cut, set over other text or smaller than the back row reads (12 px, 18 px presenting); in
 * English, German and Chinese.
 */
@Tag("ui")
class LayoutCheckTest {

    LabModel lab;
    MainWindow shown;

    @AfterEach
    void stop() throws Exception {
        org.seqlab.app.text.Texts.use(java.util.Locale.ENGLISH);   // check-layout --lang speaks German to the whole JVM
        java.util.Locale.setDefault(java.util.Locale.Category.FORMAT, java.util.Locale.ENGLISH);
        if (shown != null) {
            WaitForAsyncUtils.asyncFx(shown::stop).get();
        }
        FxToolkit.cleanupStages();
        if (lab != null) {
            lab.shutdown();
        }
    }

    private List<LayoutCheck.Problem> laidOut(int screenWidth, int screenHeight, Runnable state) throws Exception {
        return laidOut(screenWidth, screenHeight, false, state);
    }

    /** @param whole the window takes the whole screen (presenting), not the 95 % SeqLab opens with */
    private List<LayoutCheck.Problem> laidOut(int screenWidth, int screenHeight, boolean whole, Runnable state) throws Exception {
        lab = TestLab.lab();
        shown = whole ? TestLab.showPlain(lab, screenWidth, screenHeight)
                : TestLab.showPlain(lab, (int) Math.min(1500, screenWidth * 0.95), (int) Math.min(940, screenHeight * 0.95));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            shown.presentation().fullScreen = false;   // the window stands for the projector's screen already
            state.run();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.asyncFx(() -> {
            shown.getScene().getRoot().applyCss();
            shown.getScene().getRoot().layout();
            return LayoutCheck.check(shown.getScene());
        }).get();
    }

    @ParameterizedTest(name = "{0}×{1} screen, lessons open: {2}, presenting: {3}")
    @CsvSource({"1024, 768, true, false", "1024, 768, false, false", "1280, 720, true, false", "1280, 720, false, false",
        "1366, 768, true, false", "1920, 1080, true, false", "1280, 720, false, true", "1920, 1080, false, true", "1024, 768, false, true",
        "1366, 768, false, true"})
    void nothingIsOutsideTheWindowOrCut(int width, int height, boolean lessons, boolean presenting) throws Exception {
        List<LayoutCheck.Problem> problems = laidOut(width, height, presenting, () -> {
            shown.showLessons(lessons);
            shown.setPresentation(presenting);
        });
        assertThat(problems).as("laid out at %d×%d", width, height).isEmpty();
    }

    /** After the toggles a teacher makes, the layout is what it was: F2 on and off, F5 and Esc. */
    @Test
    void togglingTheLessonsAndPresentingLeavesNothingOutside() throws Exception {
        List<LayoutCheck.Problem> problems = laidOut(1280, 720, () -> {
            shown.showLessons(true);
            shown.showLessons(false);
            shown.setPresentation(true);
            shown.setPresentation(false);
            shown.showLessons(true);
        });
        assertThat(problems).isEmpty();
    }

    /** The check itself sees a cut: a window too narrow for the lab. */
    @Test
    void aWindowTooNarrowForTheLabIsReported() throws Exception {
        List<LayoutCheck.Problem> problems = laidOut(560, 600, () -> shown.showLessons(true));
        assertThat(problems).extracting(LayoutCheck.Problem::kind).contains("outside");
    }

    /** The command a teacher runs before class: the same check, on the window SeqLab opens on the projector's screen. */
    @Test
    void checkLayoutSaysWhatATeacherWouldMeet() throws Exception {
        // TestFX's own start of the toolkit first: started by the command instead, TestFX cannot launch its primary stage,
        // and the flows that run after this one in the same JVM send their keys to no window
        FxToolkit.registerPrimaryStage();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int fits = Main.run(new String[] {"check-layout", "--size", "1024x768", "--lesson", "04-gradients:2", "--json"}, new PrintWriter(out),
                new PrintWriter(err));
        assertThat(fits).as(out + "\n" + err).isZero();
        assertThat(out.toString().strip()).startsWith("{\"problems\": 0, \"smallest_text_px\": ");
        StringWriter small = new StringWriter();
        int tooSmall = Main.run(new String[] {"check-layout", "--size", "640x480", "--lessons"}, new PrintWriter(small), new PrintWriter(err));
        assertThat(tooSmall).isEqualTo(1);
        assertThat(small.toString()).contains("608×456 is too small for the lab in this state: it needs at least 664");
    }

    /**
     * The command over the view groups, each view checked once drawn from its models, figure text included: the
     * recurrent, attention, convolution, decoding and take-apart views of an LSTM, a Transformer and a causal
     * convolution beside the reader at 1280×720 and at 1024×768 (where the views' controls fold behind a button),
     * presenting at 1024×768 with and without the reader; the image views of two PixelCNNs beside the reader at
     * 1280×720 and at 1024×768.
     */
    @ParameterizedTest(name = "check-layout {0}")
    @ValueSource(strings = {"--size 1280x720 --lessons --all-views --models lstm,transformer,conv1d",
        "--size 1024x768 --lessons --all-views --models lstm,transformer,conv1d",
        "--size 1024x768 --present --all-views --models lstm,transformer,conv1d",
        "--size 1024x768 --present --lessons --all-views --models lstm,transformer,conv1d",
        "--size 1280x720 --lessons --all-views --data digits-14 --models pixelcnn,gated-pixelcnn",
        "--size 1024x768 --lessons --all-views --data digits-14 --models pixelcnn,gated-pixelcnn",
        // German, the longest words, and Chinese, another script that breaks lines between characters
        "--size 1280x720 --lessons --all-views --models lstm,transformer,conv1d --lang de",
        "--size 1024x768 --present --all-views --models lstm,transformer,conv1d --lang de",
        "--size 1024x768 --lessons --all-views --models lstm,transformer,conv1d --lang zh-CN",
        "--size 1280x720 --present --all-views --models lstm,transformer,conv1d --lang zh-CN"})
    void everyViewFitsAsTheCommandChecksIt(String args) throws Exception {
        FxToolkit.registerPrimaryStage();   // as above: TestFX's toolkit, not the command's
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(("check-layout " + args + " --json").split(" "), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString().strip()).startsWith("{\"problems\": 0, \"smallest_text_px\": ");
    }
}
