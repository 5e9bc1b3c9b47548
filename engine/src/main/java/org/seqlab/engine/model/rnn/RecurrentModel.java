package org.seqlab.engine.model.rnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Forward;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.ModelSpec;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Step;
import org.seqlab.engine.model.StepState;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.layers.Embedding;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.SoftmaxCrossEntropy;

/**
 * A recurrent language model: embedding → L stacked recurrent layers (vanilla RNN or LSTM) → output
 * projection → softmax. {@code p(x_{t+1} | x_{≤t}) = softmax(h_t^{(L)} Wy + by)}.
 *
 * <p>Generation reuses the training forward with T = 1 and a carried state, so the two cannot disagree.
 */
public final class RecurrentModel implements SequenceModel {

    private final ModelSpec spec;
    private final Parameters params;
    private final Embedding embed;
    private final List<RecurrentLayer> layers = new ArrayList<>();
    private final Linear out;
    private final SoftmaxCrossEntropy loss;
    private final boolean lstm;
    private final int vocab;

    private boolean lastTraced;

    /** The state of every layer, bottom to top. */
    public record State(List<LayerState> layers) implements StepState {
        @Override
        public int batchSize() {
            return layers.get(0).batch();
        }
    }

    public RecurrentModel(ModelConfig config, int vocab, DataType dataType, long seed) {
        if (!config.family().recurrent()) {
            throw new IllegalArgumentException(config.family() + " is not a recurrent family");
        }
        this.lstm = config.family() == Family.LSTM;
        this.vocab = vocab;
        this.params = new Parameters(dataType);
        int width = config.embedWidth();
        this.embed = new Embedding(params, "embed", vocab, width);
        int in = width;
        for (int l = 0; l < config.layers(); l++) {
            String name = config.family().id() + l;
            layers.add(switch (config.family()) {
                case LSTM -> new LstmLayer(params, name, in, config.hidden());
                case GRU -> new GruLayer(params, name, in, config.hidden());
                default -> new RnnLayer(params, name, in, config.hidden());
            });
            in = config.hidden();
        }
        this.out = new Linear(params, "out", config.hidden(), vocab);
        this.loss = new SoftmaxCrossEntropy(dataType, vocab);
        params.allocate();
        SplittableRandom rng = new SplittableRandom(seed);
        embed.initialize(rng);
        for (RecurrentLayer layer : layers) {
            layer.initialize(rng);
        }
        out.initialize(rng);
        this.spec = new ModelSpec(config, vocab, params.size(), 0);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    @Override
    public List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            probes.addAll(layers.get(l).probes(l));
        }
        probes.add(new Probe.LogProb());
        return probes;
    }

    @Override
    public Forward forward(Batch batch, TraceLevel level) {
        return run(batch, null, level);
    }

    private Forward run(Batch batch, State start, TraceLevel level) {
        int steps = batch.steps();
        int b = batch.batch();
        HostArray x = embed.forward(batch.inputsTimeMajor(), steps, b);           // (T*B, D)
        for (int l = 0; l < layers.size(); l++) {
            x = layers.get(l).forward(x, steps, b, start == null ? null : start.layers().get(l)); // (T*B, H)
        }
        HostArray logits = out.forward(x.array(), steps, b);                    // (T*B, V)
        double mean = loss.forward(logits, batch.targetsTimeMajor(), batch.weightsTimeMajor(), steps, b);
        lastTraced = level == TraceLevel.FULL;
        Trace trace = Trace.EMPTY;
        if (lastTraced) {
            Trace.Builder tb = Trace.builder();
            for (int l = 0; l < layers.size(); l++) {
                layers.get(l).trace(tb, l);
            }
            double[] rowLoss = loss.rowLosses();
            double[] logprob = new double[steps];
            for (int t = 0; t < steps; t++) {
                logprob[t] = -rowLoss[t * b];
            }
            tb.put(new Probe.LogProb(), new int[] {steps}, logprob);
            trace = tb.build();
        }
        return new Forward(b, steps, vocab, mean, trace, () -> batchMajor(logits, steps, b, vocab));
    }

    private static float[] batchMajor(HostArray logits, int steps, int batch, int vocab) {
        double[] tm = new double[steps * batch * vocab];
        logits.read(0, tm, 0, tm.length);
        float[] out = new float[tm.length];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int src = (t * batch + b) * vocab;
                int dst = (b * steps + t) * vocab;
                for (int v = 0; v < vocab; v++) {
                    out[dst + v] = (float) tm[src + v];
                }
            }
        }
        return out;
    }

    @Override
    public Trace backward() {
        HostArray dY = loss.gradient();                                         // (T*B, V)
        HostArray dH = out.backward(dY.array());                                // (T*B, H)
        for (int l = layers.size() - 1; l >= 0; l--) {
            dH = layers.get(l).backward(dH);                                    // (T*B, In)
        }
        embed.backward(dH);
        if (!lastTraced) {
            return Trace.EMPTY;
        }
        Trace.Builder tb = Trace.builder();
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).traceGradients(tb, l);
        }
        return tb.build();
    }

    @Override
    public StepState start(int batchSize) {
        List<LayerState> states = new ArrayList<>();
        for (RecurrentLayer layer : layers) {
            states.add(LayerState.zeros(batchSize, layer.hiddenSize(), lstm));
        }
        return new State(states);
    }

    @Override
    public Step step(StepState state, int[] tokens) {
        State s = (State) state;
        int b = tokens.length;
        if (s.batchSize() != b) {
            throw new IllegalArgumentException("state carries " + s.batchSize() + " sequences, got " + b + " tokens");
        }
        int[] noTargets = new int[b];
        Arrays.fill(noTargets, -1); // a generation step has nothing to score
        Batch one = new Batch(b, 1, tokens.clone(), noTargets);
        Forward f = run(one, s, TraceLevel.NONE);
        List<LayerState> next = new ArrayList<>();
        for (RecurrentLayer layer : layers) {
            next.add(layer.finalState());
        }
        float[] flat = f.logits();
        float[][] logits = new float[b][vocab];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * vocab, logits[i], 0, vocab);
        }
        return new Step(logits, new State(next));
    }

    /** Number of recurrent layers. */
    public int depth() {
        return layers.size();
    }
}
