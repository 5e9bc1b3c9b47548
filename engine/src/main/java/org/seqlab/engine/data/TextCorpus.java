package org.seqlab.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A text as one stream of character ids, split into a training part and a validation part; windows are
 * drawn from anywhere in the training part.
 */
public final class TextCorpus implements DataSource {

    private final String name;
    private String description;   // set once; a tokenised copy describes itself after encoding
    private final Vocabulary vocab;
    private final int[] train;
    private final int[] validation;
    private final List<String> examples;
    private final String trainText;
    private final String validationText;
    private final double charactersPerToken;   // measured once: the lab reads it with every snapshot
    private String ownText;

    /**
     * @param trainText      the training part
     * @param validationText the validation part (its characters must be in the training part's vocabulary or
     *                       in {@code vocabText})
     * @param vocabText      text whose characters form the vocabulary (usually train + validation)
     */
    public TextCorpus(String name, String description, String trainText, String validationText, String vocabText,
            List<String> examples) {
        this(name, description, trainText, validationText, Vocabulary.of(vocabText), examples);
    }

    private TextCorpus(String name, String description, String trainText, String validationText, Vocabulary vocab,
            List<String> examples) {
        this.name = name;
        this.vocab = vocab;
        this.train = vocab.encode(trainText);
        this.validation = vocab.encode(validationText);
        this.description = description;
        this.examples = List.copyOf(examples);
        this.trainText = trainText;
        this.validationText = validationText;
        this.charactersPerToken = (double) validationText.codePointCount(0, validationText.length()) / validation.length;
    }

    /**
     * The same text in {@code size} byte-pair tokens, learned live on the training part (never on the validation part,
     * which is only encoded); named {@code NAME:bpe-SIZE}.
     */
    public TextCorpus tokenised(int size) {
        Bpe bpe = Bpe.learn(vocab.encode(trainText), vocab.tokens(), size);
        TextCorpus t = new TextCorpus(name + ":bpe-" + size, "", trainText, validationText, Vocabulary.of(vocab, bpe), examples);
        StringBuilder first = new StringBuilder();
        for (int id = vocab.size(); id < Math.min(bpe.tokens().size(), vocab.size() + 8); id++) {
            first.append(first.length() == 0 ? "" : ", ").append(t.vocab.label(id));
        }
        t.description = String.format("%s in %d BPE tokens learned on its training part (%.2f characters per token;"
                + " first merges %s)", description.replaceFirst(" \\(.*", ""), bpe.tokens().size(), t.charactersPerToken(), first);
        return t;
    }

    /** Characters per token of the validation part: 1 for characters, more for merged tokens. */
    @Override
    public double charactersPerToken() {
        return charactersPerToken;
    }

    /** Splits a text by position: the first {@code 1 − valFraction} trains, the rest validates. */
    public static TextCorpus split(String name, String description, String text, double valFraction, List<String> examples) {
        int cut = text.offsetByCodePoints(0, (int) Math.round(text.codePointCount(0, text.length()) * (1 - valFraction)));
        return new TextCorpus(name, description, text.substring(0, cut), text.substring(cut), text, examples);
    }

    /** The user's text file, as read: it travels inside saved models and runs (see {@link DataSource#ownText()}). */
    static TextCorpus ofOwnText(String name, String description, String text, double valFraction, List<String> examples) {
        TextCorpus c = split(name, description, text, valFraction, examples);
        c.ownText = text;
        return c;
    }

    /** The training part, as text (written beside a model exported to PyTorch). */
    public String trainingText() {
        return trainText;
    }

    @Override
    public Optional<String> ownText() {
        return Optional.ofNullable(ownText);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocab;
    }

    public int trainLength() {
        return train.length;
    }

    public int validationLength() {
        return validation.length;
    }

    @Override
    public int maxSteps() {
        return Math.min(train.length, validation.length) - 1;
    }

    @Override
    public Batch trainBatch(int batch, int steps, RandomGenerator rng) {
        checkSteps(steps);
        int[][] windows = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int start = rng.nextInt(train.length - steps);
            windows[b] = Arrays.copyOfRange(train, start, start + steps + 1);
        }
        return Batch.ofWindows(windows);
    }

    /** Windows spread evenly over the validation part, so the estimate covers all of it. */
    @Override
    public List<Batch> validationBatches(int batch, int steps, int count) {
        checkSteps(steps);
        int available = validation.length - steps;
        int windows = Math.max(1, Math.min(batch * count, available));
        int batches = Math.max(1, windows / batch);
        int perBatch = Math.min(batch, windows);
        int total = batches * perBatch;
        List<Batch> out = new ArrayList<>();
        for (int k = 0; k < batches; k++) {
            int[][] w = new int[perBatch][];
            for (int b = 0; b < perBatch; b++) {
                int index = k * perBatch + b;
                int start = (int) ((long) index * (available - 1) / Math.max(1, total - 1));
                w[b] = Arrays.copyOfRange(validation, start, start + steps + 1);
            }
            out.add(Batch.ofWindows(w));
        }
        return out;
    }

    private void checkSteps(int steps) {
        if (steps > maxSteps()) {
            throw new IllegalArgumentException("sequence length " + steps + " is longer than this text allows ("
                    + maxSteps() + " for " + name + ")");
        }
    }

    @Override
    public List<String> examples() {
        return examples;
    }
}
