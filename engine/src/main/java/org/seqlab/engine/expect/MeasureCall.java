package org.seqlab.engine.expect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One measurement an expectation names: what is measured, on which model (or none), with which whole numbers. */
public record MeasureCall(Measure measure, String model, List<Integer> args) {

    /** As written in a lesson: {@code grad_ratio(A, 16)}, {@code floor()}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (model != null) {
            parts.add(model);
        }
        args.forEach(a -> parts.add(String.valueOf(a)));
        return measure.id() + "(" + String.join(", ", parts) + ")";
    }

    private static final Pattern WRITTEN = Pattern.compile("(\\w+)\\(\\s*([A-D])?\\s*((?:,?\\s*-?\\d+\\s*)*)\\)");

    /** A call as {@link #toString} writes it ("grad_ratio(A, 16)", "floor()"), read back; null for anything else. */
    public static MeasureCall of(String written) {
        Matcher m = WRITTEN.matcher(written.strip());
        Measure measure = m.matches() ? Measure.byId(m.group(1)) : null;
        if (measure == null) {
            return null;
        }
        List<Integer> args = new ArrayList<>();
        for (String a : m.group(3).split(",")) {
            if (!a.isBlank()) {
                args.add(Integer.parseInt(a.strip()));
            }
        }
        return new MeasureCall(measure, m.group(2), args);
    }

    /**
     * As a learner reads it, in words rather than the lesson's notation: "A's gradient left 16 steps back", "the entropy
     * floor", "B's exact matches (length 16)".
     */
    public String spoken() {
        String of = model == null ? "" : model + "'s ";
        int a = args.isEmpty() ? 0 : args.get(0);
        int b = args.size() < 2 ? 0 : args.get(1);
        return switch (measure) {
            case BITS -> of + "bits per symbol";
            case BITS_PER_CHAR -> of + "bits per character";
            case TRAIN_BITS -> of + "training bits";
            case FLOOR -> "the entropy floor";
            case GREEDY_LOOP -> of + "greedy loop period";
            case CACHE -> of + "cached numbers per token";
            case UNIGRAM -> "symbol frequencies alone on " + of + "data";
            case PER_POSITION -> "a distribution per position on " + of + "data";
            case GRAD_NORM -> of + "gradient norm";
            case DIVERGED -> of + "divergence, 1 or 0";
            case FIELD -> of + "receptive field";
            case GRAD_RATIO -> of + "gradient left " + a + " steps back";
            case INDUCTION -> of + "induction score";
            case BLIND_SPOT -> of + "pixels in its blind spot";
            case AUC -> of + "AUC against damage " + a;
            case FREE_GAP -> of + "extra bits running free";
            case RECALL -> of + "recall";
            case LONG_BITS -> of + "bits on windows " + a + "× as long";
            case HEAD_OFF -> "cost of switching off " + of + "block " + a + " head " + b;
            case INDUCTION_OFF -> "cost of switching off " + of + "induction head";
            case HEAD_INDUCTION -> "induction score of " + of + "block " + a + " head " + b;
            case GATE_OFF -> "cost of holding " + of + "layer " + a + " gate " + b + " at 0";
            case UNIT_OFF -> "cost of switching off " + of + "layer " + a + " unit " + b;
            case LAYER_OFF -> "cost of switching off " + of + "layer " + a;
            case LENS_BITS -> of + "bits read before block " + a;
            case PATCHED -> of + "distance left patching position " + a;
            case PATCHED_ALL -> of + "distance left patching all up to " + a;
            case PERM_GAP -> of + "change under reordering, unmasked";
            case PERM_LAST -> of + "change under reordering, last position";
            case EXACT -> of + "exact matches (length " + a + ")";
            case UPDATE_RATIO -> of + "update size against its weights";
            case CLIPPED -> of + "share of steps clipped";
            case SATURATED -> of + "share of saturated gate values";
            case PINNED -> of + "share of pinned units";
        };
    }
}
