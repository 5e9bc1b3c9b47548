package org.seqlab.engine.tutor.vocabulary;

/**
 * What the tutor can name, each with its one-sentence explanation, the lesson section that explains it, and the
 * counter-experiment that tests it (docs/tutor.md lists them with the evidence that raises each).
 */
public enum Cause {
    // in the order the tutor lists them: what is certain from the settings or the loss first, then causes before the
    // symptoms they produce (a vanishing gradient before the long-range symbol it loses)
    DIVERGED("diverged", "The loss stopped being a number the model can learn from: the steps were too large for where the weights were.",
            "04", "Clipping", "learning rate ÷ 10, clipping at 1"),
    NO_POSITIONS("no-positions", "This Transformer has no position vectors, and the data's next symbol depends on the order of what came before.",
            "08", "A task that is only order", "sinusoidal positions"),
    CONTEXT_TOO_SHORT("context-too-short", "The model sees fewer symbols back than the data's dependencies reach, so it cannot use them however long it trains.",
            "11", "Doubling the reach", "a wider reach: dilated, five layers"),
    LR_TOO_LOW("lr-too-low", "Each update moves the weights by far less than a thousandth of their size, so the loss hardly falls.",
            "02", "Training maximises likelihood", "the family's default learning rate"),
    VANISHING_GRADIENT("vanishing-gradient", "The gradient through time fades by orders of magnitude before it reaches the symbol the prediction depends on, so the model cannot learn to keep it.",
            "04", "A product of Jacobians", "an LSTM of the same width"),
    EXPLODING_GRADIENT("exploding-gradient", "The gradient is too large on most steps and clipping cuts it down: the updates follow the clip, not the loss.",
            "04", "Clipping", "learning rate ÷ 10"),
    OVERFITTING("overfitting", "The model memorises its training text: the training loss keeps falling while the validation loss rises.",
            "16", "A small text, a big model", "a model a quarter as wide"),
    DEAD_UNITS("dead-units", "A third or more of the hidden units stay pinned at one sign on every input, so they carry nothing and pass back almost no gradient.",
            "04", "Seeing it", "learning rate ÷ 10"),
    SATURATED_GATES("saturated-gates", "Most gate activations sit within 0.02 of 0 or 1, where their gradient is almost zero, so the gates have stopped learning.",
            "05", "The gates on real text", "learning rate ÷ 10"),
    LR_TOO_HIGH("lr-too-high", "Each update moves the weights by far more than a thousandth of their size, so the loss bounces instead of falling.",
            "02", "Training maximises likelihood", "learning rate ÷ 10"),
    UNDERFITTING("underfitting", "The model is too small for the data: both losses have stopped falling far above what a larger model reaches.",
            "16", "Bias and variance", "a model four times as wide"),
    LONG_RANGE_MISSED("long-range-missed", "The model predicts the local structure but not the symbol that depends on something far back: its gap to the floor is what that symbol costs.",
            "05", "The cell state", "an LSTM of the same width");

    private final String id;
    private final String says;
    private final String lesson;
    private final String section;
    private final String counter;

    Cause(String id, String says, String lesson, String section, String counter) {
        this.id = id;
        this.says = says;
        this.lesson = lesson;
        this.section = section;
        this.counter = counter;
    }

    /** The id the command line and the JSON print, e.g. {@code lr-too-high}. */
    public String id() {
        return id;
    }

    /** One sentence: what the cause means for this run. */
    public String says() {
        return says;
    }

    /** The lesson that explains it, by number ({@code 04}). */
    public String lesson() {
        return lesson;
    }

    /** The heading of the section in {@link #lesson()} that explains it. */
    public String section() {
        return section;
    }

    /** The counter-experiment in words. */
    public String counter() {
        return counter;
    }

    public static Cause of(String id) {
        for (Cause c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no cause '" + id + "'");
    }
}
