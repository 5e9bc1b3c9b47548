package org.seqlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.BuiltInCorpora;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training steps per second of SeqLab's hand-written models and of DL4J's own layers on identical shapes and
 * identical batches of Moby-Dick, in one run, beside the machine's measured float32 GEMM rate. A step is
 * forward + backward + Adam. FLOPs count the matrix products only (forward, and twice that backward).
 */
@Command(name = "seqlab-bench", mixinStandardHelpOptions = true,
        description = "Measures training steps per second of SeqLab's models against DL4J's layers.")
public final class Benchmark implements Callable<Integer> {

    @Option(names = "--batch", description = "Batch size B (default ${DEFAULT-VALUE}).")
    int batch = 32;

    @Option(names = "--seq", description = "Sequence length T (default ${DEFAULT-VALUE}).")
    int seq = 64;

    @Option(names = "--hidden", description = "Hidden size H (default ${DEFAULT-VALUE}).")
    int hidden = 128;

    @Option(names = "--embed", description = "Embedding width E (default ${DEFAULT-VALUE}).")
    int embed = 128;

    @Option(names = "--steps", description = "Timed steps per model (default ${DEFAULT-VALUE}).")
    int steps = 60;

    @Option(names = "--warmup", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup = 15;

    @Option(names = "--only", split = ",",
            description = "Run only these rows: seqlab-rnn, seqlab-lstm, seqlab-transformer, seqlab-conv1d, seqlab-pixelcnn, "
                    + "seqlab-gated-pixelcnn, dl4j-rnn, dl4j-lstm.")
    List<String> only = new ArrayList<>();

    /** One timed row of the table. */
    record Row(String name, double msPerStep, double msMedian, double flopsPerStep, long params) {
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
        System.out.printf(Locale.ROOT, "%s; B=%d T=%d E=%d H=%d V=%d (Moby-Dick); %d warm-up + %d timed steps each%n",
                info.describe(), batch, seq, embed, hidden, vocab, warmup, steps);

        double gemmBig = gemmRate(2048, 128, 512);
        double gemmCube = gemmRate(512, 512, 512);
        double gemmStep = gemmRate(batch, hidden, 4 * hidden);
        double peak = Math.max(gemmBig, gemmCube);
        System.out.printf(Locale.ROOT, "float32 GEMM (ND4J, one thread): %.0f GFLOP/s at 2048x128·128x512, %.0f at 512³, "
                + "%.0f at %dx%d·%dx%d (one LSTM time step)%n%n", gemmBig, gemmCube, gemmStep, batch, hidden, hidden, 4 * hidden);

        List<Row> rows = new ArrayList<>();
        long n = (long) batch * seq;
        for (Family f : new Family[] {Family.RNN, Family.LSTM}) {
            String key = "seqlab-" + f.id();
            if (wanted(key)) {
                int g = f == Family.LSTM ? 4 * hidden : hidden;
                double flops = 3.0 * 2 * n * ((double) embed * g + (double) hidden * g + (double) hidden * vocab);
                rows.add(timeSeqLab("SeqLab " + f.label(), f, vocab, batches, flops));
            }
        }
        if (wanted("seqlab-transformer")) {
            // 2 blocks, 4 heads, d_model = hidden, context = seq: per block, the qkv and output projections,
            // the two attention products (all heads) and the 4× MLP; then the output layer; backward twice forward
            int d = hidden;
            double perBlock = 2.0 * n * d * 3 * d + 2.0 * 2 * batch * seq * seq * d + 2.0 * n * d * d + 2.0 * 2 * n * d * 4 * d;
            double flops = 3.0 * (2 * perBlock + 2.0 * n * d * vocab);
            ModelConfig t = new ModelConfig(Family.TRANSFORMER, 0, d, 2, 4, seq, Positional.SINUSOIDAL);
            RunConfig config = new RunConfig(t, OptimizerConfig.defaults().withClip(false, 1));
            ModelRun run = new ModelRun("A", config, vocab, 1);
            double[] ms = time(i -> run.step(batches.get(i % batches.size()), i + 1));
            rows.add(row("SeqLab Transformer 2×" + d + " 4h", ms, flops, run.model().parameters().size()));
        }
        if (wanted("seqlab-conv1d")) {
            // 6 gated layers, k = 2, C = hidden: per layer the convolution (k·C → 2C) and the residual|skip map (C → 2C)
            int c = hidden;
            int layers = 6;
            double perLayer = 2.0 * n * (2 * c) * (2 * c) + 2.0 * n * c * (2 * c);
            double flops = 3.0 * (layers * perLayer + 2.0 * n * c * vocab);
            RunConfig config = new RunConfig(ModelConfig.conv1d(c, layers, 2, true), OptimizerConfig.defaults().withClip(false, 1));
            ModelRun run = new ModelRun("A", config, vocab, 1);
            double[] ms = time(i -> run.step(batches.get(i % batches.size()), i + 1));
            rows.add(row("SeqLab causal conv 6×" + c + " k2 (RF 64)", ms, flops, run.model().parameters().size()));
        }
        for (boolean gated : new boolean[] {false, true}) {
            if (wanted(gated ? "seqlab-gated-pixelcnn" : "seqlab-pixelcnn")) {
                rows.add(timePixelCnn(gated));
            }
        }
        for (Family f : new Family[] {Family.RNN, Family.LSTM}) {
            String key = "dl4j-" + f.id();
            if (wanted(key)) {
                int g = f == Family.LSTM ? 4 * hidden : hidden;
                double flops = 3.0 * 2 * n * ((double) embed * g + (double) hidden * g + (double) hidden * vocab);
                rows.add(timeDl4j(f == Family.LSTM ? "DL4J LSTM" : "DL4J SimpleRnn", f, vocab, batches, flops));
            }
        }

        System.out.println("| model | parameters | ms / step (mean) | ms / step (median) | steps / s | GFLOP / step | GFLOP/s | of GEMM peak |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            double gflops = r.flopsPerStep / 1e9;
            double rate = gflops / (r.msPerStep / 1e3);
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.2f | %.1f | %.0f%% |%n", r.name, r.params,
                    r.msPerStep, r.msMedian, 1000 / r.msPerStep, gflops, rate, 100 * rate / peak);
        }
        for (Family f : new Family[] {Family.RNN, Family.LSTM}) {
            Row ours = find(rows, "SeqLab " + f.label());
            Row theirs = find(rows, f == Family.LSTM ? "DL4J LSTM" : "DL4J SimpleRnn");
            if (ours != null && theirs != null) {
                System.out.printf(Locale.ROOT, "%s: SeqLab takes %.2f of DL4J's step time (%.1fx faster)%n", f.label(),
                        ours.msPerStep / theirs.msPerStep, theirs.msPerStep / ours.msPerStep);
            }
        }
        System.out.printf(Locale.ROOT, "GEMM peak used for the last column: %.0f GFLOP/s%n", peak);
        return 0;
    }

    private boolean wanted(String key) {
        return only.isEmpty() || only.contains(key);
    }

    private static Row find(List<Row> rows, String name) {
        return rows.stream().filter(r -> r.name.equals(name)).findFirst().orElse(null);
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
    private Row timePixelCnn(boolean gated) {
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
        RunConfig config = new RunConfig(ModelConfig.pixelCnn(gated, c, layers, gated ? 3 : 7, 28, 28),
                OptimizerConfig.defaults().withClip(false, 1));
        ModelRun run = new ModelRun("A", config, 2, 1);
        double[] ms = time(i -> run.step(images.get(i % images.size()), i + 1));
        return row((gated ? "SeqLab gated PixelCNN" : "SeqLab PixelCNN") + " 6×64, 28×28 digits", ms, 3 * fwd,
                run.model().parameters().size());
    }

    private Row timeSeqLab(String name, Family family, int vocab, List<Batch> batches, double flops) {
        RunConfig config = new RunConfig(new ModelConfig(family, embed, hidden, 1), OptimizerConfig.defaults().withClip(false, 1));
        ModelRun run = new ModelRun("A", config, vocab, 1);
        double[] ms = time(i -> run.step(batches.get(i % batches.size()), i + 1));
        return row(name, ms, flops, run.model().parameters().size());
    }

    private Row timeDl4j(String name, Family family, int vocab, List<Batch> batches, double flops) {
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
        double[] ms = time(i -> net.fit(sets.get(i % sets.size())));
        return row(name, ms, flops, net.numParams());
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

    private double[] time(StepFn step) {
        for (int i = 0; i < warmup; i++) {
            step.run(i);
        }
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run(warmup + i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static Row row(String name, double[] ms, double flops, long params) {
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Row(name, mean, sorted[sorted.length / 2], flops, params);
    }
}
