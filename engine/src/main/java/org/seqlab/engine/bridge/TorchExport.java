package org.seqlab.engine.bridge;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.TextCorpus;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.data.synthetic.FiniteStateSource;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.io.SafeTensors;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.TrainingSession;

/**
 * A SeqLab language model written out as a plain PyTorch program that reproduces it: {@code model.py} (the model as a
 * learner writes it, {@code nn.Embedding}, {@code nn.LSTM}, a minGPT block …), {@code weights.safetensors} in
 * PyTorch's names and layouts, {@code optimizer.safetensors} with Adam's moments and step (for a saved run),
 * {@code vocab.json}, {@code config.json}, the training text when there is one, {@code run.py} (score, train on,
 * sample) and a README. The weights are SeqLab's, transposed where SeqLab keeps rows as vectors ({@code x W}) and
 * PyTorch keeps them as outputs ({@code W x}), with the LSTM's gate blocks reordered from SeqLab's i, f, o, g to
 * PyTorch's i, f, g, o; a masked convolution's kernel in full, its masked taps zero.
 */
public final class TorchExport {

    /** The families this writes (the convolutions, MADE and the encoder–decoders are not written yet). */
    public static final List<Family> FAMILIES = List.of(Family.RNN, Family.LSTM, Family.GRU, Family.TRANSFORMER, Family.CONV1D,
            Family.PIXELCNN, Family.GATED_PIXELCNN, Family.MADE);

    /**
     * What is written.
     *
     * @param adam     Adam's moments and the steps taken (null for a model file, which has none)
     * @param training the text the model trained on, written as {@code data.txt} for {@code run.py --train} (null: none)
     */
    public record Source(SequenceModel model, Vocabulary vocab, OptimizerConfig optimizer, AdamState adam, String training,
            FiniteStateSource generator) {

        public Source(SequenceModel model, Vocabulary vocab, OptimizerConfig optimizer, AdamState adam, String training) {
            this(model, vocab, optimizer, adam, training, null);
        }

        /** A run of a session (a saved run's, or the lab's): its model, its optimiser's settings and Adam's state. */
        public static Source of(ModelRun run, Vocabulary vocab, String training) {
            return new Source(run.model(), vocab, run.config().optimizer(), AdamState.of(run.optimizer().state(), run.steps()), training);
        }

        /** The same, with the session's data: its text, and for a synthetic source the machine that generates it. */
        public static Source of(ModelRun run, DataSource data) {
            Source s = of(run, data.vocabulary(), trainingText(data));
            return new Source(s.model, s.vocab, s.optimizer, s.adam, s.training,
                    data instanceof SyntheticCorpus c ? c.source() : null);
        }
    }

    /** Adam's first and second moments over the flat parameters, and the steps it has taken. */
    public record AdamState(double[] m, double[] v, int steps) {

        /** From an optimiser's flat state [2P] (first moments, then second), as {@code AdamOptimizer.state()} holds it. */
        public static AdamState of(INDArray state, int steps) {
            double[] flat = state.toDoubleVector();
            int n = flat.length / 2;
            return new AdamState(Arrays.copyOfRange(flat, 0, n), Arrays.copyOfRange(flat, n, 2 * n), steps);
        }
    }

    /** A new folder {@code name} inside {@code parent}, numbered ({@code name-2} …) when one of that name is there. */
    public static Path newFolder(Path parent, String name) {
        Path dir = parent.resolve(name);
        for (int k = 2; Files.exists(dir); k++) {
            dir = parent.resolve(name + "-" + k);
        }
        return dir;
    }

    /** What {@link #writeRuns} wrote: a folder per model, and the models it could not write, with why. */
    public record Written(List<Path> folders, List<String> skipped) {
    }

    private TorchExport() {
    }

    /**
     * Every model of a session that can be written, each into a new folder {@code A-lstm-pytorch} … inside {@code folder}
     * (a number is added when one of that name is there). Runs on the engine thread, which owns the models.
     */
    public static Written writeRuns(TrainingSession session, Path folder) throws IOException {
        List<Path> folders = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ModelRun r : session.runs()) {
            Family f = r.config().model().family();
            if (!FAMILIES.contains(f)) {
                skipped.add(r.label() + " (" + f.label() + " is not written yet)");
                continue;
            }
            Path dir = newFolder(folder, r.id() + "-" + f.id() + "-pytorch");
            write(dir, Source.of(r, session.data()));
            folders.add(dir);
        }
        return new Written(folders, skipped);
    }

    /**
     * The text a model trained on, for {@code run.py --train}: a corpus's training part (the user's own text, or a built-in
     * one), or for a synthetic source 256 of its training windows one after another (a sample of an endless source).
     */
    public static String trainingText(DataSource data) {
        if (data instanceof TextCorpus corpus) {
            return corpus.trainingText();
        }
        int steps = data.fixedSteps() > 0 ? data.fixedSteps() : Math.min(128, data.maxSteps());   // digits: whole images
        Batch b = data.trainBatch(256, steps, new SplittableRandom(1));
        return data.vocabulary().decode(b.inputs());
    }

    /**
     * Writes the program into {@code dir} (created; refused when it exists and holds anything).
     *
     * @return the files written
     */
    public static List<Path> write(Path dir, Source s) throws IOException {
        ModelConfig c = s.model().spec().config();
        if (!FAMILIES.contains(c.family())) {
            throw new IllegalArgumentException("to-pytorch writes " + String.join(", ", FAMILIES.stream().map(Family::label).toList())
                    + " models; " + c.family().withArticle() + " is not written yet");
        }
        if (Files.exists(dir) && (!Files.isDirectory(dir) || hasFiles(dir))) {
            throw new IllegalArgumentException(dir + " exists and is not an empty folder: choose a new one, so nothing there is overwritten");
        }
        Files.createDirectories(dir);
        Parameters p = s.model().parameters();
        List<TorchLayouts.Entry> entries = layout(s.model());
        List<Path> written = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("family", c.family().id());
        meta.put("vocab", json(s.vocab().tokens()));
        if (c.family() == Family.TRANSFORMER) {
            // what the tensors cannot say, in the names TorchImport reads (n_head as nanoGPT's config calls it)
            meta.put("n_head", Integer.toString(c.heads()));
            meta.put("n_kv_head", Integer.toString(c.kvHeads()));
            meta.put("block_size", Integer.toString(c.context()));
            meta.put("positions", c.positional().id());
            meta.put("norm", c.norm().id());
            meta.put("activation", c.activation().id());
        }
        written.add(tensors(dir.resolve("weights.safetensors"), entries, reader(p, p.toArray()), meta));
        if (s.adam() != null) {
            Map<String, String> opt = new LinkedHashMap<>();
            opt.put("steps", Integer.toString(s.adam().steps()));
            written.add(optimizerFile(dir.resolve("optimizer.safetensors"), entries, p, s.adam()));
        }
        written.add(text(dir.resolve("vocab.json"), json(s.vocab().tokens())));
        if (!s.vocab().characters()) {
            // byte-pair tokens: the first `alphabet` are characters, each later one a merge of two before it, applied in order
            written.add(text(dir.resolve("merges.json"), json(Map.of("alphabet", s.vocab().bpe().alphabet(),
                    "merges", s.vocab().bpe().merges()))));
        }
        written.add(text(dir.resolve("config.json"), new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(config(s, c))));
        if (s.training() != null) {
            written.add(text(dir.resolve("data.txt"), s.training()));
        }
        if (s.generator() != null) {
            // the synthetic source itself, a finite-state machine: generate.py draws more of it, run.py trains on fresh windows
            FiniteStateSource g = s.generator();
            List<List<Object[]>> states = new ArrayList<>();
            for (int st = 0; st < g.states(); st++) {
                states.add(g.transitions(st).stream().map(t -> new Object[] {t.symbol(), t.probability(), t.next()}).toList());
            }
            written.add(text(dir.resolve("source.json"), json(Map.of("name", g.name(), "alphabet", g.alphabet(), "start", g.startState(),
                    "states", states))));
            written.add(text(dir.resolve("generate.py"), resource("generate.py")));
        }
        written.add(text(dir.resolve("model.py"), resource(switch (c.family()) {
            case TRANSFORMER -> "transformer.py";
            case CONV1D -> "wavenet.py";
            case PIXELCNN, GATED_PIXELCNN, MADE -> "pixels.py";
            default -> "recurrent.py";
        })));
        written.add(text(dir.resolve("run.py"), resource("run.py")));
        written.add(text(dir.resolve("run_common.py"), resource("run_common.py")));
        written.add(text(dir.resolve("README.md"), resource("README.md").replace("{{model}}", c.describe())
                .replace("{{optimizer}}", s.adam() == null ? "This is a model file: it holds no optimiser state, so `--train` starts"
                        + " Adam afresh." : "`optimizer.safetensors` holds Adam's moments after "
                        + s.adam().steps() + " steps: `--train` goes on from them.")));
        return written;
    }

    /** The model's weights now, in PyTorch's names and layouts (as {@code weights.safetensors} holds them). */
    public static Map<String, float[]> weights(SequenceModel model) {
        Parameters p = model.parameters();
        Function<String, float[]> seqlab = reader(p, p.toArray());
        Map<String, float[]> out = new LinkedHashMap<>();
        for (TorchLayouts.Entry e : layout(model)) {
            out.put(e.name(), e.make().apply(seqlab));
        }
        return out;
    }

    private static List<TorchLayouts.Entry> layout(SequenceModel model) {
        ModelConfig c = model.spec().config();
        return switch (c.family()) {
            case TRANSFORMER -> TorchLayouts.transformer(c, model.spec().vocabSize());
            case CONV1D -> TorchLayouts.conv1d(c, model.spec().vocabSize());
            case PIXELCNN -> TorchLayouts.pixelCnn(c);
            case GATED_PIXELCNN -> TorchLayouts.gatedPixelCnn(c);
            case MADE -> TorchLayouts.made(c);
            default -> TorchLayouts.recurrent(c, model.spec().vocabSize());
        };
    }

    static boolean hasFiles(Path dir) throws IOException {
        try (var list = Files.list(dir)) {
            return list.findAny().isPresent();
        }
    }

    /** SeqLab's tensor {@code name}, read out of one flat array laid out as the parameters are (weights, or a moment). */
    static Function<String, float[]> reader(Parameters p, double[] flat) {
        if (flat.length != p.size()) {
            throw new IllegalArgumentException("the state holds " + flat.length + " values for " + p.size() + " parameters");
        }
        return name -> {
            Parameters.Tensor t = p.tensor(name);
            float[] out = new float[(int) t.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) flat[(int) t.offset() + i];
            }
            return out;
        };
    }

    static Path tensors(Path file, List<TorchLayouts.Entry> entries, Function<String, float[]> seqlab, Map<String, String> meta)
            throws IOException {
        Map<String, SafeTensors.Tensor> out = new LinkedHashMap<>();
        for (TorchLayouts.Entry e : entries) {
            out.put(e.name(), new SafeTensors.Tensor(e.shape(), e.make().apply(seqlab)));
        }
        SafeTensors.write(file, out, meta);
        return file;
    }

    private static Map<String, Object> config(Source s, ModelConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", c.family().id());
        m.put("vocab_size", s.model().spec().vocabSize());
        m.put("layers", c.layers());
        if (c.family() == Family.TRANSFORMER) {
            m.put("d_model", c.hidden());
            m.put("heads", c.heads());
            m.put("kv_heads", c.kvHeads());
            m.put("context", s.model().spec().context());
            m.put("positions", c.positional().id());
            m.put("norm", c.norm().id());
            m.put("activation", c.activation().id());
            m.put("bias", c.biased());
        } else if (c.family().image()) {
            m.put("channels", c.hidden());
            m.put("kernel", c.kernel());
            m.put("height", c.height());
            m.put("width", c.width());
        } else if (c.family() == Family.CONV1D) {
            m.put("channels", c.hidden());
            m.put("kernel", c.kernel());
            m.put("dilated", c.dilated());
            m.put("receptive_field", c.receptiveField());
        } else {
            m.put("embed", c.embedWidth());
            m.put("hidden", c.hidden());
        }
        m.put("optimizer", optimizer(s.optimizer(), s.adam()));
        return m;
    }

    /**
     * Adam's state in one file: {@code m.NAME} and {@code v.NAME} for every weight NAME (its first and second moments, in
     * the weight's layout), and the steps taken in the metadata.
     */
    static Path optimizerFile(Path file, List<TorchLayouts.Entry> entries, Parameters p, AdamState adam) throws IOException {
        Map<String, SafeTensors.Tensor> out = new LinkedHashMap<>();
        for (String moment : List.of("m", "v")) {
            Function<String, float[]> seqlab = reader(p, moment.equals("m") ? adam.m() : adam.v());
            for (TorchLayouts.Entry e : entries) {
                out.put(moment + "." + e.name(), new SafeTensors.Tensor(e.shape(), e.make().apply(seqlab)));
            }
        }
        SafeTensors.write(file, out, Map.of("steps", Integer.toString(adam.steps())));
        return file;
    }

    /** The optimiser's settings as run.py reads them, and the steps Adam has taken. */
    static Map<String, Object> optimizer(OptimizerConfig o, AdamState adam) {
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("method", o.method().id());
        opt.put("lr", o.learningRate());
        opt.put("beta1", o.betaOne());
        opt.put("beta2", o.betaTwo());
        opt.put("eps", o.epsilon());
        opt.put("schedule", o.schedule().id());
        opt.put("warmup", o.warmupSteps());
        opt.put("decay", o.decaySteps());
        opt.put("clip", o.clip() ? o.clipNorm() : null);
        opt.put("steps", adam == null ? 0 : adam.steps());
        return opt;
    }

    static String json(Object o) {
        return new GsonBuilder().disableHtmlEscaping().create().toJson(o);
    }

    static Path text(Path file, String content) throws IOException {
        AtomicFile.write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TorchExport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the PyTorch template " + name + " is missing from SeqLab");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
