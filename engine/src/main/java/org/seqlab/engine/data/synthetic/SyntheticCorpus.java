package org.seqlab.engine.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.ExactSource;
import org.seqlab.engine.data.Vocabulary;

/**
 * Training windows drawn fresh from a {@link FiniteStateSource}, each starting at the source's start state,
 * so the entropy floor of a window is exact. Validation uses a fixed seed of its own.
 */
public final class SyntheticCorpus implements DataSource, ExactSource {

    private static final long VALIDATION_SEED = 20_240_601L;

    private final FiniteStateSource source;
    private final Vocabulary vocab;

    public SyntheticCorpus(FiniteStateSource source) {
        this.source = source;
        this.vocab = Vocabulary.ofSymbols(source.alphabet());
    }

    public FiniteStateSource source() {
        return source;
    }

    @Override
    public String name() {
        return "synthetic:" + source.name();
    }

    @Override
    public String description() {
        return source.description();
    }

    @Override
    public Vocabulary vocabulary() {
        return vocab;
    }

    @Override
    public Batch trainBatch(int batch, int steps, RandomGenerator rng) {
        return SampledWindows.batch(source::sample, batch, steps, rng);
    }

    @Override
    public List<Batch> validationBatches(int batch, int steps, int count) {
        return SampledWindows.validation(source::sample, batch, steps, count, VALIDATION_SEED);
    }

    @Override
    public double probability(int[] symbols) {
        return source.probability(symbols);
    }

    @Override
    public int maxSteps() {
        return 100_000;
    }

    @Override
    public OptionalDouble entropyFloorBits(int steps) {
        return OptionalDouble.of(source.windowFloorBits(steps));
    }

    @Override
    public OptionalDouble entropyRateBits() {
        return OptionalDouble.of(source.entropyRateBits());
    }

    @Override
    public List<String> examples() {
        SplittableRandom rng = new SplittableRandom(3);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            out.add(vocab.decode(source.sample(40, rng)));
        }
        return out;
    }
}
