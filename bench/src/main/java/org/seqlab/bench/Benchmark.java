package org.seqlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.BuiltInCorpora;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.inspect.Costs;
import org.seqlab.engine.model.layers.Blas;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.build.Models;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Training step times of SeqLab's hand-written models against PyTorch (what a learner would otherwise run: makemore,
 * minGPT) and DL4J's own layers, on identical shapes, in one run. The contenders alternate in rounds — SeqLab, then
 * PyTorch, then DL4J, family by family, round after round — so a machine whose speed drifts (it does, here, through
 * the day) slows all of them alike; the table reports each one's median over all rounds and their ratio. A step is
 * forward + backward + Adam, one thread each. FLOPs count the matrix products only (forward, and twice that backward).
 */
@Command(name = "seqlab-bench", mixinStandardHelpOptions = true,
        description = "Measures training step times of SeqLab's models against PyTorch and DL4J, alternating in rounds.")
public final class Benchmark implements Callable<Integer> {

    @Option(names = "--batch", description = "Batch size B (default ${DEFAULT-VALUE}).")
    int batch = 32;

    @Option(names = "--seq", description = "Sequence length T (default ${DEFAULT-VALUE}).")
    int seq = 64;

    @Option(names = "--hidden", description = "Hidden size H (default ${DEFAULT-VALUE}).")
    int hidden = 128;

    @Option(names = "--embed", description = "Embedding width E (default ${DEFAULT-VALUE}).")
    int embed = 128;

    @Option(names = "--rounds", description = "Rounds of alternation (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--steps", description = "Timed steps per contender and round for text models (default ${DEFAULT-VALUE}).")
    int steps = 15;

    @Option(names = "--image-steps", description = "Timed steps per contender and round for the image models (default ${DEFAULT-VALUE}).")
    int imageSteps = 5;

    @Option(names = "--warmup", description = "Untimed steps before a contender's first round (default ${DEFAULT-VALUE}).")
    int warmup = 15;

    @Option(names = "--peer", description = "The PyTorch peer script (default ${DEFAULT-VALUE}).")
    Path peerScript = Path.of("bench/pytorch_peer.py");

    @Option(names = "--no-peer", description = "Leave PyTorch out.")
    boolean noPeer;

    @Option(names = "--no-dl4j", description = "Leave DL4J out (its garbage collections can land in SeqLab's steps).")
    boolean noDl4j;

    @Option(names = "--no-generation", description = "Leave out the generation and inspection tables.")
    boolean noGeneration;

    @Option(names = "--only", split = ",",
            description = "Run only these families: rnn, lstm, gru, transformer, conv1d, pixelcnn, gated-pixelcnn, seq2seq-gru, seq2seq-attention, seq2seq-transformer.")
    List<String> only = new ArrayList<>();

    /** One family's contenders. */
    private record Contender(String key, String label, double flops, long params, StepFn seqlab, StepFn dl4j, boolean image) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    @Override
    public Integer call() {
        Engine.Info info = Engine.start();
        DataSource moby = BuiltInCorpora.mobyDick();
        int vocab = moby.vocabulary().size();
        SplittableRandom rng = new SplittableRandom(1);
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batches.add(moby.trainBatch(batch, seq, rng));
        }
        PyTorchPeer peer = noPeer ? null : PyTorchPeer.find(peerScript);
        System.out.printf(Locale.ROOT, "%s; B=%d T=%d E=%d H=%d V=%d (Moby-Dick); %d rounds of %d (images %d) timed steps each%n",
                info.describe(), batch, seq, embed, hidden, vocab, rounds, steps, imageSteps);

        double gemmBig = gemmRate(2048, 128, 512);
        double gemmCube = gemmRate(512, 512, 512);
        double peak = Math.max(gemmBig, gemmCube);
        System.out.printf(Locale.ROOT, "float32 GEMM (ND4J, one thread): %.0f GFLOP/s at 2048x128·128x512, %.0f at 512³%n", gemmBig, gemmCube);

        List<Contender> contenders = contenders(vocab, batches);
        Map<String, List<Double>> ours = new LinkedHashMap<>();
        Map<String, List<Double>> torch = new LinkedHashMap<>();
        Map<String, List<Double>> dl4j = new LinkedHashMap<>();
        Map<String, Long> torchParams = new LinkedHashMap<>();
        Map<String, Double> heapPerStep = new LinkedHashMap<>();
        String peerInfo = null;
        for (int round = 1; round <= rounds; round++) {
            for (Contender c : contenders) {
                int n = c.image() ? imageSteps : steps;
                int w = round == 1 ? warmup : 1;
                add(ours, c.key(), time(c.seqlab(), w, n));
                heapPerStep.put(c.key(), lastAllocatedPerStep);   // the last round's, once everything is warm
                System.err.printf(Locale.ROOT, "round %d: %s SeqLab done%n", round, c.key());
                if (peer != null) {
                    PyTorchPeer.Result r = peer.run(c.key(), batch, seq, hidden, embed, vocab, n, warmup);
                    add(torch, c.key(), r.ms());
                    torchParams.put(c.key(), r.parameters());
                    peerInfo = r.describe();
                }
                if (c.dl4j() != null) {
                    add(dl4j, c.key(), time(c.dl4j(), w, n));
                }
            }
        }
        if (peerInfo != null) {
            System.out.println(peerInfo);
        }
        System.out.println();
        System.out.println("| model | parameters (PyTorch) | SeqLab ms/step | PyTorch ms/step | SeqLab ÷ PyTorch | DL4J ms/step "
                + "| SeqLab slowest ÷ median | SeqLab heap KB/step | SeqLab GFLOP/s | of GEMM peak | ND4J ops / direct GEMMs per step |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Contender c : contenders) {
            double m = median(ours.get(c.key()));
            double t = torch.containsKey(c.key()) ? median(torch.get(c.key())) : Double.NaN;
            double d = dl4j.containsKey(c.key()) ? median(dl4j.get(c.key())) : Double.NaN;
            double rate = c.flops() / 1e9 / (m / 1e3);
            int[] calls = callsPerStep(c.seqlab());
            System.out.printf(Locale.ROOT, "| %s | %,d (%s) | %.1f | %s | %s | %s | %.2f | %,.0f | %.1f | %.0f%% | %d / %d |%n", c.label(), c.params(),
                    torchParams.containsKey(c.key()) ? String.format(Locale.ROOT, "%,d", torchParams.get(c.key())) : "–", m,
                    Double.isNaN(t) ? "–" : String.format(Locale.ROOT, "%.1f", t),
                    Double.isNaN(t) ? "–" : String.format(Locale.ROOT, "%.2f", m / t),
                    Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.1f", d),
                    max(ours.get(c.key())) / m, heapPerStep.get(c.key()) / 1024, rate, 100 * rate / peak, calls[0], calls[1]);
        }
        System.out.printf(Locale.ROOT, "medians over %d rounds; GEMM peak for the last column: %.0f GFLOP/s%n", rounds, peak);
        if (!noGeneration) {
            generation(vocab, peer);
            InspectionTimes.print(moby);
        }
        return 0;
    }

    /** Positions at which generation speed is reported. */
    static final int[] POSITIONS = {64, 256, 512};

    /**
     * Tokens per second when generating the token after t tokens, one sequence: SeqLab's Transformer with its key/value
     * cache and recomputing the whole prefix, PyTorch's as minGPT's generate runs it (the whole prefix again), and the
     * LSTM's step in both. The fastest of nine neighbouring steps (or five repeats) stands for each position.
     */
    private void generation(int vocab, PyTorchPeer peer) {
        int maxT = POSITIONS[POSITIONS.length - 1];
        SequenceModel t = Models.create(new ModelConfig(Family.TRANSFORMER, 0, hidden, 2, 4, maxT + 1, Positional.SINUSOIDAL), vocab, 1);
        SequenceModel l = Models.create(new ModelConfig(Family.LSTM, embed, hidden, 1), vocab, 1);
        Costs.stepMillis(t, 32);   // warm up
        double[] cached = Costs.stepMillis(t, maxT);
        double[] lstm = Costs.stepMillis(l, maxT);
        System.out.println();
        System.out.println("Generation, one sequence, tokens per second at position t (the token after t tokens):");
        System.out.println();
        StringBuilder head = new StringBuilder("| model |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int p : POSITIONS) {
            head.append(" t = ").append(p).append(" |");
            rule.append("---:|");
        }
        System.out.println(head);
        System.out.println(rule);
        genRow("SeqLab Transformer 2×" + hidden + ", with its cache", p -> window(cached, p));
        genRow("SeqLab Transformer 2×" + hidden + ", recomputing the prefix", p -> uncached(t, p));
        if (peer != null) {
            java.util.Map<Integer, Double> torchT = peer.generate("transformer", hidden, embed, vocab, POSITIONS);
            genRow("PyTorch Transformer 2×" + hidden + ", minGPT's generate (recomputing)", torchT::get);
        }
        genRow("SeqLab LSTM 1×" + hidden + " step", p -> window(lstm, p));
        if (peer != null) {
            java.util.Map<Integer, Double> torchL = peer.generate("lstm", hidden, embed, vocab, POSITIONS);
            genRow("PyTorch LSTM 1×" + hidden + " step", torchL::get);
        }
    }

    private static void genRow(String name, java.util.function.IntToDoubleFunction ms) {
        StringBuilder sb = new StringBuilder("| " + name + " |");
        for (int p : POSITIONS) {
            sb.append(String.format(Locale.ROOT, " %,.0f |", 1000 / ms.applyAsDouble(p)));
        }
        System.out.println(sb);
    }

    /** The fastest step among positions p − 8 … p (1-based). */
    private static double window(double[] ms, int p) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = Math.max(0, p - 9); i < p; i++) {
            best = Math.min(best, ms[i]);
        }
        return best;
    }

    /** A full forward pass over p tokens (the fastest of five), as generating without a cache does for every token. */
    private static double uncached(SequenceModel m, int p) {
        int[] tokens = new int[p];
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 7; r++) {
            long t0 = System.nanoTime();
            m.forward(new Batch(1, p, tokens, tokens), TraceLevel.NONE).logits();
            if (r >= 2) {
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
        }
        return best;
    }

    /** The families, each with SeqLab's model built once (it trains on across rounds) and DL4J's for the recurrent ones. */
    private List<Contender> contenders(int vocab, List<Batch> batches) {
        List<Contender> out = new ArrayList<>();
        long n = (long) batch * seq;
        for (Family f : new Family[] {Family.RNN, Family.LSTM, Family.GRU}) {
            if (wanted(f.id())) {
                int g = f == Family.LSTM ? 4 * hidden : f == Family.GRU ? 3 * hidden : hidden;
                double flops = 3.0 * 2 * n * ((double) embed * g + (double) hidden * g + (double) hidden * vocab);
                ModelRun run = seqlabRun(new ModelConfig(f, embed, hidden, 1), vocab);
                out.add(new Contender(f.id(), f.label() + " 1×" + hidden, flops, run.model().parameters().size(),
                        i -> run.step(batches.get(i % batches.size()), i + 1), noDl4j || f == Family.GRU ? null : dl4j(f, vocab, batches), false));
            }
        }
        out.addAll(Seq2SeqContenders.all(this::wanted, batch, embed, hidden).stream()
                .map(c -> new Contender(c.key(), c.label(), c.flops(), c.params(), c.step()::accept, null, false)).toList());
        if (wanted("transformer")) {
            // 2 blocks, 4 heads, d_model = hidden, context = seq: per block, the qkv and output projections,
            // the two attention products (all heads) and the 4× MLP; then the output layer; backward twice forward
            int d = hidden;
            double perBlock = 2.0 * n * d * 3 * d + 2.0 * 2 * batch * seq * seq * d + 2.0 * n * d * d + 2.0 * 2 * n * d * 4 * d;
            ModelRun run = seqlabRun(new ModelConfig(Family.TRANSFORMER, 0, d, 2, 4, seq, Positional.SINUSOIDAL), vocab);
            out.add(new Contender("transformer", "Transformer 2×" + d + " 4h", 3.0 * (2 * perBlock + 2.0 * n * d * vocab),
                    run.model().parameters().size(), i -> run.step(batches.get(i % batches.size()), i + 1), null, false));
        }
        if (wanted("conv1d")) {
            // 6 gated layers, k = 2, C = hidden: per layer the convolution (k·C → 2C) and the residual|skip map (C → 2C)
            int c = hidden;
            double perLayer = 2.0 * n * (2 * c) * (2 * c) + 2.0 * n * c * (2 * c);
            ModelRun run = seqlabRun(ModelConfig.conv1d(c, 6, 2, true), vocab);
            out.add(new Contender("conv1d", "causal conv 6×" + c + " k2 (RF 64)", 3.0 * (6 * perLayer + 2.0 * n * c * vocab),
                    run.model().parameters().size(), i -> run.step(batches.get(i % batches.size()), i + 1), null, false));
        }
        for (boolean gated : new boolean[] {false, true}) {
            if (wanted(gated ? "gated-pixelcnn" : "pixelcnn")) {
                out.add(pixelCnn(gated));
            }
        }
        return out;
    }

    private static ModelRun seqlabRun(ModelConfig config, int vocab) {
        return new ModelRun("A", new RunConfig(config, OptimizerConfig.defaults().withClip(false, 1)), vocab, 1);
    }

    private static void add(Map<String, List<Double>> m, String key, double[] ms) {
        List<Double> l = m.computeIfAbsent(key, k -> new ArrayList<>());
        for (double x : ms) {
            l.add(x);
        }
    }

    static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private boolean wanted(String key) {
        return only.isEmpty() || only.contains(key);
    }

    /** Best of five timings of {@code Nd4j.gemm} into a preallocated output, in GFLOP/s. */
    static double gemmRate(int m, int k, int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        int reps = (int) Math.max(5, Math.min(2000, 2e9 / (2.0 * m * k * n)));
        double best = 0;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (round > 0) {
                best = Math.max(best, 2.0 * m * k * n * reps / secs / 1e9);
            }
        }
        return best;
    }

    /**
     * PixelCNN on 28×28 digits, batch 32, 64 channels, 6 layers: a 7×7 type A kernel (24 taps) then 3×3 type B
     * (5 taps); the gated one has a 3×3 vertical (6 taps) and 1×3 horizontal (1–2 taps) kernel per layer.
     */
    private Contender pixelCnn(boolean gated) {
        DigitsCorpus digits = DigitsCorpus.full();
        SplittableRandom rng = new SplittableRandom(2);
        List<Batch> images = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            images.add(digits.trainBatch(batch, 784, rng));
        }
        int c = 64;
        int layers = 6;
        double n = (double) batch * 784;
        double fwd;
        if (gated) {
            double first = 2 * n * (6 * 1) * (2 * c) + 2 * n * (1) * (2 * c);                 // vertical, horizontal A (1 channel in)
            double later = 2 * n * (6 * c) * (2 * c) + 2 * n * (2 * c) * (2 * c);             // vertical, horizontal B
            double perLayer = 2 * n * (2 * c) * (2 * c) + 2 * n * c * c;                      // link, residual
            fwd = first + (layers - 1) * later + layers * perLayer + 2 * n * c * c + 2 * n * c;
        } else {
            fwd = 2 * n * 24 * c + (layers - 1) * 2 * n * (5 * c) * c + 2 * n * c * c + 2 * n * c;
        }
        ModelRun run = new ModelRun("A", new RunConfig(ModelConfig.pixelCnn(gated, c, layers, gated ? 3 : 7, 28, 28),
                OptimizerConfig.defaults().withClip(false, 1)), 2, 1);
        return new Contender(gated ? "gated-pixelcnn" : "pixelcnn", (gated ? "gated PixelCNN" : "PixelCNN") + " 6×64, 28×28 digits", 3 * fwd,
                run.model().parameters().size(), i -> run.step(images.get(i % images.size()), i + 1), null, true);
    }

    /** DL4J's own layers on the same shapes and batches (the recurrent families only). */
    private StepFn dl4j(Family family, int vocab, List<Batch> batches) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new Adam(3e-3))
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(embed).inputLength(seq).hasBias(false)
                        .outputDataFormat(RNNFormat.NCW).build())
                .layer(family == Family.LSTM
                        ? new LSTM.Builder().nIn(embed).nOut(hidden).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build()
                        : new SimpleRnn.Builder().nIn(embed).nOut(hidden).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(vocab)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<DataSet> sets = new ArrayList<>();
        for (Batch b : batches) {
            sets.add(toDl4j(b, vocab));
        }
        return i -> net.fit(sets.get(i % sets.size()));
    }

    /** Features [B, T] as indices, labels one-hot [B, V, T] (DL4J's NCW layout). */
    private static DataSet toDl4j(Batch b, int vocab) {
        float[] features = new float[b.batch() * b.steps()];
        float[] labels = new float[b.batch() * vocab * b.steps()];
        for (int i = 0; i < b.batch(); i++) {
            for (int t = 0; t < b.steps(); t++) {
                features[i * b.steps() + t] = b.input(i, t);
                labels[(i * vocab + b.target(i, t)) * b.steps() + t] = 1;
            }
        }
        return new DataSet(Nd4j.create(features, new long[] {b.batch(), b.steps()}, 'c'),
                Nd4j.create(labels, new long[] {b.batch(), vocab, b.steps()}, 'c'));
    }

    private interface StepFn {
        void run(int i);
    }

    /** {@code warmup} untimed steps, then {@code n} timed ones (a step counter carries on across rounds). */
    private double[] time(StepFn step, int warmup, int n) {
        // Each contender starts on an empty young generation: a collection of the previous contender's garbage (DL4J
        // makes a lot) would otherwise land in this one's timed steps. Its own garbage is still collected there. The
        // untimed steps come after, since the first step after a full collection is slow (freed native buffers are
        // allocated again).
        System.gc();
        for (int i = 0; i < Math.max(2, warmup); i++) {
            step.run(counter++);
        }
        double[] ms = new double[n];
        long heap0 = allocatedBytes();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            step.run(counter++);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        lastAllocatedPerStep = (allocatedBytes() - heap0) / (double) n;
        return ms;
    }

    /** Heap bytes this thread has allocated so far (HotSpot's per-thread counter). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private double lastAllocatedPerStep;

    /**
     * The native calls one SeqLab step makes, counted on one more step: ND4J ops (ND4J's own profiler; each costs
     * 25–45 µs of overhead here) and the matrix products sent straight to OpenBLAS ({@code Blas}, about 1 µs each).
     */
    private int[] callsPerStep(StepFn step) {
        OpProfiler.getInstance().reset();
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        long direct0 = Blas.directCalls();
        try {
            step.run(counter++);
        } finally {
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        }
        return new int[] {(int) OpProfiler.getInstance().getInvocationsCount(), (int) (Blas.directCalls() - direct0)};
    }

    private int counter;
}
