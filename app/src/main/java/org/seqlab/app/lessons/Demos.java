package org.seqlab.app.lessons;

import java.util.ArrayList;
import java.util.List;

/**
 * The start board's demos: each a scene in the lessons' own format, with the point it makes and how that is measured,
 * so {@code check-lessons --demos} checks them as it checks the lessons, by the code the lab runs them with. Each is
 * sized to make its point within 30 s of its button on a two-core machine: the attention demo trains on batches of 16
 * at 1.5e-3 for 600 steps (its induction head forms by step 300 on seeds 1–3, each step about 60 % of the cost of one
 * on 32; trained on to 1500 at that rate, the head dissolves again), the
 * gradient demo on batches of 16 too (its LSTM recalls by step 500–800 on seeds 1–3; on 32 it took 600–1000 steps
 * of nearly twice the cost). Faster learning rates were tried and not kept: the LSTM then fails to recall on some seeds.
 */
public final class Demos {

    /** A demo: its button's words, what it shows, and the scene (in the lessons' own format) that sets it up. */
    public record Demo(String title, String what, String scene) {
    }

    public static final List<Demo> DEMOS = List.of(
            new Demo("Watch attention find the pattern", "A Transformer learns to repeat: see each query learn where to look.", """
                    label: Watch attention find the pattern
                    data: synthetic:repeat
                    models:
                      - family: transformer
                        hidden: 64
                        layers: 2
                        heads: 4
                        lr: 1.5e-3
                    batch: 16
                    train: 600
                    view: attention
                    point: A head attends to the token after the earlier occurrence of the current one (an induction head), at five times chance or more
                    expect:
                      - induction(A) > 0.15
                    """),
            new Demo("See the gradient vanish", "An RNN and an LSTM must recall a letter 10 to 20 steps back: which one can?", """
                    label: See the gradient vanish
                    data: synthetic:recall
                    models:
                      - family: rnn
                        hidden: 96
                      - family: lstm
                        hidden: 96
                    batch: 16
                    train: 1000
                    view: gradient
                    inspect: "c...............?c"
                    point: Both gradients fall going back; the RNN's faster (under 1 % left 16 steps back), and it forgets the cue the LSTM recalls
                    expect:
                      - recall(B) > 0.9
                      - recall(A) < 0.5
                      - grad_ratio(A, 16) < 0.01
                      - grad_ratio(B, 16) > 2 * grad_ratio(A, 16)
                    """),
            new Demo("Find the PixelCNN's blind spot", "Which pixels can a PixelCNN see? The gated one sees them all.", """
                    label: Find the PixelCNN's blind spot
                    data: digits-14
                    models:
                      - family: pixelcnn
                        hidden: 32
                      - family: gated-pixelcnn
                        hidden: 32
                    train: 200
                    view: field
                    point: The plain PixelCNN has a blind spot above and to the right of each pixel; the gated one has none
                    expect:
                      - blind_spot(A) > 0
                      - blind_spot(B) < 1
                    """),
            new Demo("Decode step by step", "An LSTM writes names: see greedy, temperature, top-k and top-p choose each letter.", """
                    label: Decode step by step
                    data: names
                    models:
                      - family: lstm
                        hidden: 128
                    train: 1000
                    view: decoding
                    point: The LSTM gives names under 3.1 bits per character, well short of the 4.8 of a uniform guess, and its greedy continuation has fallen into a loop
                    expect:
                      - bits(A) < 3.1
                      - greedy_loop(A) > 0
                    """));

    private Demos() {
    }

    /** The demos' scenes, checked as a lesson's are (a broken one is a bug: the start board's test reads them all). */
    public static List<Scene> scenes() {
        List<Scene> out = new ArrayList<>();
        for (Demo d : DEMOS) {
            List<LessonProblem> problems = new ArrayList<>();
            Scene s = LessonParser.parseScene(d.scene(), "start board: " + d.title(), null, problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the demo '" + d.title() + "' is not a valid scene: " + problems);
            }
            out.add(s);
        }
        return out;
    }

    /** The demos as one lesson, a step each, for check-lessons. */
    public static Lesson asLesson() {
        List<Lesson.Step> steps = new ArrayList<>();
        List<Scene> scenes = scenes();
        for (int i = 0; i < scenes.size(); i++) {
            steps.add(new Lesson.Step(0, DEMOS.get(i).title(), List.of(scenes.get(i))));
        }
        return new Lesson("demos", "the start board", "The start board's demos", "", List.of(), List.of(), 0, steps);
    }
}
