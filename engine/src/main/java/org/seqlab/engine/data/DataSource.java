package org.seqlab.engine.data;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * Where training and validation windows come from: a text split into train and validation parts, or a
 * synthetic source that generates fresh sequences and knows its exact entropy.
 */
public interface DataSource {

    /** The short name used on the command line: {@code names}, {@code synthetic:reber}, a file name. */
    String name();

    /** One line for the status bar and the chart's title. */
    String description();

    Vocabulary vocabulary();

    /** B random windows of T+1 tokens, as inputs and shifted targets. */
    Batch trainBatch(int batch, int steps, RandomGenerator rng);

    /** A fixed list of validation batches (the same every call), at most {@code count} of them. */
    List<Batch> validationBatches(int batch, int steps, int count);

    /** The longest window T this source can provide (the shorter of its splits, minus one). */
    int maxSteps();

    /**
     * The exact minimum mean loss in bits per symbol that any model can reach on this source's training
     * windows of T predictions (the entropy floor), when it is known (synthetic sources); empty for texts and images.
     */
    default OptionalDouble entropyFloorBits(int steps) {
        return OptionalDouble.empty();
    }

    /** The entropy rate H = lim H(X_t | X_{<t}) in bits per symbol, when it is known; empty for texts and images. */
    default OptionalDouble entropyRateBits() {
        return OptionalDouble.empty();
    }

    /** A few strings worth inspecting (all within the vocabulary); for images, their pixels as 0s and 1s. */
    List<String> examples();

    /**
     * The user's own text this source was made from, which a saved model or run carries inside itself; empty for
     * built-in and synthetic data, which are opened again by {@link #name()}.
     */
    default Optional<String> ownText() {
        return Optional.empty();
    }

    /**
     * How many characters a token covers on average on the validation part: 1 where every token is one character (or
     * pixel); more for {@link Bpe merged} tokens. Bits per character are bits per token divided by it.
     */
    default double charactersPerToken() {
        return 1;
    }

    /** For an image source, the images' size; null for text. */
    default ImageShape imageShape() {
        return null;
    }

    /** The sequence length the source imposes (the pixels of an image), or 0 when the session chooses. */
    default int fixedSteps() {
        ImageShape s = imageShape();
        return s == null ? 0 : s.pixels();
    }
}
