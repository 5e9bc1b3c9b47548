package org.seqlab.engine.follow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqlab.engine.data.OrderedPixels;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.sample.Sampler;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.SideBySide;
import org.seqlab.engine.train.Trainer;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.Samples;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * What each model writes now, greedy and sampled, from the data's first character (an image: drawn whole from its
 * first pixel; digits read as a sequence: all their pixels, in each model's order, after a blank). Refreshed at most every 2 s while training, and never for more than a tenth of the time (an image
 * takes a forward pass per pixel).
 */
public final class SamplesFollower implements Trainer.Follower<TrainingSession, TrainingSnapshot> {

    static final long SAMPLE_NANOS = 2_000_000_000L;

    private final LabTrainer trainer;
    // confined to the engine thread
    private double temperature = 0.8;
    private int length = 120;
    private Map<String, Samples> samples = Map.of();
    private long lastSamples;
    private long sampleCost;

    /** Follows {@code trainer} from now on. */
    public SamplesFollower(LabTrainer trainer) {
        this.trainer = trainer;
        trainer.follow(this);
    }

    /** The sampled text's temperature and length (in characters); the samples are redrawn at once. */
    public void setSampling(double t, int len) {
        trainer.execute(session -> {
            temperature = Math.max(0, t);
            length = Math.max(1, Math.min(2000, len));
            if (session != null) {
                refresh(session);
            }
        });
    }

    @Override
    public void refresh(TrainingSession session) {
        lastSamples = System.nanoTime();
        long t0 = System.nanoTime();
        Vocabulary vocab = session.data().vocabulary();
        List<String> examples = session.data().examples();
        String prompt = examples.isEmpty() ? vocab.decode(0) : examples.get(0).substring(0, examples.get(0).offsetByCodePoints(0, 1));
        int n = session.data().fixedSteps() > 0 ? session.data().fixedSteps() - 1 : length;
        if (session.data() instanceof OrderedPixels) {
            prompt = vocab.decode(0);   // digits read as a sequence start from a blank, and every pixel is generated
            n = session.data().fixedSteps();
        }
        List<ModelRun> runs = session.runs();
        String from = prompt;
        int count = n;
        double t = temperature;
        // each model writes on its own core, like its training step
        List<Samples> written = SideBySide.each(runs.size(), i -> {
            // a fixed seed per step: the same model at the same step always shows the same sample
            SplittableRandom rng = new SplittableRandom(session.config().seed() * 31 + session.stepsTaken());
            String greedy = Sampler.generate(runs.get(i).model(), vocab, from, count, 0, rng);
            String sampled = Sampler.generate(runs.get(i).model(), vocab, from, count, t, rng);
            return new Samples(session.stepsTaken(), from, greedy, sampled, t);
        });
        Map<String, Samples> next = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            next.put(runs.get(i).id(), written.get(i));
        }
        samples = next;
        sampleCost = System.nanoTime() - t0;
    }

    @Override
    public void afterStep(TrainingSession session, long nanoTime) {
        if (nanoTime - lastSamples > Math.max(SAMPLE_NANOS, 9 * sampleCost)) {
            refresh(session);
        }
    }

    @Override
    public TrainingSnapshot decorate(TrainingSnapshot snapshot) {
        List<RunSnapshot> runs = new ArrayList<>();
        for (RunSnapshot r : snapshot.runs()) {
            runs.add(r.withSamples(samples.get(r.id())));
        }
        return snapshot.withRuns(runs);
    }
}
