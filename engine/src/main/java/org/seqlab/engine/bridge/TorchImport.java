package org.seqlab.engine.bridge;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.io.SafeTensors;
import org.seqlab.engine.model.Activation;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Norm;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.model.build.ModelSize;
import org.seqlab.engine.model.build.Models;

/**
 * A PyTorch checkpoint (a .safetensors {@code state_dict}) as a SeqLab model, in two conventions:
 *
 * <ul>
 * <li><b>a recurrent char model</b> (makemore's): an {@code nn.Embedding} whose module name holds {@code emb}, an
 *     {@code nn.RNN}, {@code nn.GRU} or {@code nn.LSTM} with {@code batch_first=True} and any number of layers (the
 *     family follows from the gate rows: H, 3H or 4H), and an output {@code nn.Linear};</li>
 * <li><b>a GPT</b> in nanoGPT's / minGPT's names ({@code transformer.wte}, {@code .wpe}, {@code .h.{i}.ln_1},
 *     {@code .attn.c_attn}, {@code .attn.c_proj}, {@code .ln_2}, {@code .mlp.c_fc}, {@code .mlp.c_proj}, {@code .ln_f},
 *     {@code lm_head}), biases optional (nanoGPT's {@code bias=False}: SeqLab's biases start at zero), {@code lm_head}
 *     tied to {@code wte} when absent; {@code n_head} and the {@code activation} ({@code gelu}, the erf form, when unsaid;
 *     {@code gelu_tanh}; SeqLab's {@code gelu_sigmoid}) come from the metadata.</li>
 * </ul>
 *
 * The vocabulary is the metadata's {@code vocab} (a JSON array of symbols in id order) or a {@code vocab.json} beside
 * the file. PyTorch's two biases per gate ({@code b_ih + b_hh}) become SeqLab's one, which computes the same.
 */
public final class TorchImport {

    private static final Pattern LAYER = Pattern.compile("(.*)\\.weight_ih_l(\\d+)");
    private static final Pattern BLOCK = Pattern.compile("transformer\\.h\\.(\\d+)\\..*");

    private TorchImport() {
    }

    /** Reads the checkpoint and builds the model it describes, its weights assigned; refused with one sentence otherwise. */
    public static ModelFile.Loaded load(Path file) throws DataException {
        SafeTensors.Read read = SafeTensors.read(file);
        Map<String, SafeTensors.Tensor> t = read.tensors();
        Vocabulary vocab = vocabulary(file, read.metadata());
        boolean gpt = t.containsKey("transformer.wte.weight");
        boolean recurrent = t.keySet().stream().anyMatch(k -> LAYER.matcher(k).matches());
        if (!gpt && !recurrent) {
            throw DataException.says("torch.holdsNeitherRecurrentChar", file.getFileName(), String.join(", ", new TreeSet<>(t.keySet())));
        }
        try {
            return gpt ? gpt(file, t, read.metadata(), vocab) : recurrent(file, t, vocab);
        } catch (IllegalArgumentException e) {
            throw DataException.says("common.wrap", file.getFileName(), e);
        }
    }

    private static Vocabulary vocabulary(Path file, Map<String, String> metadata) throws DataException {
        String json = metadata.get("vocab");
        Path beside = file.resolveSibling("vocab.json");
        if (json == null && Files.isRegularFile(beside)) {
            try {
                if (Files.size(beside) > 1 << 20) {
                    throw DataException.says("torch.vocabJsonBesideIs", file.getFileName());
                }
                json = Files.readString(beside, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw DataException.says("torch.couldNotReadVocab", e);
            }
        }
        if (json == null) {
            throw DataException.says("torch.namesNoVocabularyPut", file.getFileName());
        }
        StringBuilder symbols = new StringBuilder();
        try {
            JsonArray a = JsonParser.parseString(json).getAsJsonArray();
            for (var e : a) {
                String s = e.getAsString();
                if (s.codePointCount(0, s.length()) != 1) {
                    throw DataException.says("torch.vocabularySymbolIsNot", s);
                }
                symbols.append(s);
            }
            return Vocabulary.ofSymbols(symbols.toString());
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DataException.says("torch.vocabularyIsNotJson", e);
        }
    }

    private static ModelFile.Loaded recurrent(Path file, Map<String, SafeTensors.Tensor> t, Vocabulary vocab) throws DataException {
        String rnn = null;
        int layers = 0;
        for (String k : t.keySet()) {
            Matcher m = LAYER.matcher(k);
            if (m.matches()) {
                rnn = m.group(1);
                layers = Math.max(layers, Integer.parseInt(m.group(2)) + 1);
            }
        }
        String prefix = rnn;
        String emb = t.keySet().stream().filter(k -> k.endsWith(".weight") && k.contains("emb") && t.get(k).shape().length == 2)
                .findFirst().orElseThrow(() -> DataException.says("torch.noEmbedding", file.getFileName()));
        int v = vocab.size();
        if (t.get(emb).shape()[0] != v) {
            throw DataException.says("torch.embeddingHasRowsFor", file.getFileName(), t.get(emb).shape()[0], v);
        }
        int e = (int) t.get(emb).shape()[1];
        int h = (int) need(t, file, prefix + ".weight_hh_l0").shape()[1];
        int rows = (int) t.get(prefix + ".weight_hh_l0").shape()[0];
        Family family = switch (rows / h) {
            case 1 -> Family.RNN;
            case 3 -> Family.GRU;
            case 4 -> Family.LSTM;
            default -> throw DataException.says("torch.gateRowsForUnits", file.getFileName(), rows, h);
        };
        String out = t.keySet().stream().filter(k -> k.endsWith(".weight") && !k.equals(emb) && !k.startsWith(prefix + ".")
                && t.get(k).shape().length == 2 && t.get(k).shape()[0] == v && t.get(k).shape()[1] == h).findFirst()
                .orElseThrow(() -> DataException.says("torch.noReadOut", file.getFileName(), v, h));
        ModelConfig c = new ModelConfig(family, e == h ? 0 : e, h, layers);   // 0: as wide as the hidden state, SeqLab's default
        SequenceModel model = build(c, v, file);
        Parameters p = model.parameters();
        int blocks = rows / h;
        int[] order = family == Family.LSTM ? new int[] {0, 1, 3, 2} : TorchLayouts.identity(blocks);
        assign(p, "embed.E", t.get(emb).values());
        int in = e;
        for (int l = 0; l < layers; l++) {
            String s = family.id() + l;
            float[] wih = need(t, file, prefix + ".weight_ih_l" + l).values();
            float[] whh = need(t, file, prefix + ".weight_hh_l" + l).values();
            assign(p, s + ".Wx", TorchLayouts.transpose(TorchLayouts.reorderRows(wih, order, h, in), blocks * h, in));
            assign(p, s + ".Wh", TorchLayouts.transpose(TorchLayouts.reorderRows(whh, order, h, h), blocks * h, h));
            float[] bih = optional(t, prefix + ".bias_ih_l" + l, blocks * h);
            float[] bhh = optional(t, prefix + ".bias_hh_l" + l, blocks * h);
            float[] b = new float[blocks * h];
            for (int i = 0; i < b.length; i++) {
                // one bias per gate: b_ih + b_hh, except the GRU's candidate, whose b_hn sits inside the reset gate's product
                b[i] = bih[i] + (family == Family.GRU && i >= 2 * h ? 0 : bhh[i]);
            }
            assign(p, s + ".b", TorchLayouts.reorderRows(b, order, h, 1));
            if (family == Family.GRU) {
                assign(p, s + ".bhn", java.util.Arrays.copyOfRange(bhh, 2 * h, 3 * h));
            }
            in = h;
        }
        assign(p, "out.W", TorchLayouts.transpose(t.get(out).values(), v, h));
        assign(p, "out.b", optional(t, out.substring(0, out.length() - ".weight".length()) + ".bias", v));
        return loaded(model, vocab, c, file);
    }

    private static ModelFile.Loaded gpt(Path file, Map<String, SafeTensors.Tensor> t, Map<String, String> meta, Vocabulary vocab)
            throws DataException {
        int v = vocab.size();
        SafeTensors.Tensor wte = t.get("transformer.wte.weight");
        if (wte.shape().length != 2 || wte.shape()[0] != v) {
            throw DataException.says("torch.transformerWteWeightShould", file.getFileName(), v, java.util.Arrays.toString(wte.shape()));
        }
        int d = (int) wte.shape()[1];
        String heads = meta.get("n_head");
        if (heads == null) {
            throw DataException.says("torch.doesNotSayIts", file.getFileName());
        }
        Activation activation;
        try {
            activation = Activation.parse(meta.getOrDefault("activation", "gelu"));   // nanoGPT's nn.GELU() when unsaid
        } catch (IllegalArgumentException e) {
            throw DataException.says("torch.wrap2", file.getFileName(), e);
        }
        int layers = 0;
        for (String k : t.keySet()) {
            Matcher m = BLOCK.matcher(k);
            if (m.matches()) {
                layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
            }
        }
        SafeTensors.Tensor wpe = t.get("transformer.wpe.weight");
        int context = wpe != null ? (int) wpe.shape()[0] : Integer.parseInt(meta.getOrDefault("block_size", "128"));
        // SeqLab's own exports say what else they are; a nanoGPT checkpoint is pre-LN with learned positions
        Positional positions = Positional.parse(meta.getOrDefault("positions", wpe != null ? "learned" : "none"));
        int h = Integer.parseInt(heads);
        ModelConfig c = new ModelConfig(Family.TRANSFORMER, 0, d, layers, h, context, positions)
                .withKvHeads(Integer.parseInt(meta.getOrDefault("n_kv_head", heads)))
                .withNorm(Norm.parse(meta.getOrDefault("norm", "pre"))).withActivation(activation)
                .withBias(t.containsKey("transformer.h.0.attn.c_attn.bias"));   // nanoGPT's bias=False: no biases anywhere
        int kv = c.kvHeads() * (d / h);
        SequenceModel model = build(c, v, file);
        Parameters p = model.parameters();
        assign(p, "embed.E", wte.values());
        if (positions == Positional.LEARNED) {
            assign(p, "pos.P", need(t, file, "transformer.wpe.weight").values());
        }
        for (int l = 0; l < layers; l++) {
            String s = "block" + l;
            String q = "transformer.h." + l;
            norm(p, t, file, q + ".ln_1", s + ".ln1", d);
            linear(p, t, file, q + ".attn.c_attn", s + ".attn.qkv", d, d + 2 * kv);
            linear(p, t, file, q + ".attn.c_proj", s + ".attn.proj", d, d);
            norm(p, t, file, q + ".ln_2", s + ".ln2", d);
            linear(p, t, file, q + ".mlp.c_fc", s + ".mlp.fc", d, 4 * d);
            linear(p, t, file, q + ".mlp.c_proj", s + ".mlp.proj", 4 * d, d);
        }
        norm(p, t, file, "transformer.ln_f", "lnf", d);
        float[] head = t.containsKey("lm_head.weight") ? t.get("lm_head.weight").values() : wte.values();   // absent: tied to wte
        assign(p, "head.W", TorchLayouts.transpose(head, v, d));
        if (has(p, "head.b")) {
            assign(p, "head.b", optional(t, "lm_head.bias", v));
        }
        return loaded(model, vocab, c, file);
    }

    private static void linear(Parameters p, Map<String, SafeTensors.Tensor> t, Path file, String torch, String seqlab, int in, int out)
            throws DataException {
        float[] w = need(t, file, torch + ".weight").values();
        if (w.length != in * out) {
            throw DataException.says("torch.weightShouldHoldValues", file.getFileName(), torch, out, in, w.length);
        }
        assign(p, seqlab + ".W", TorchLayouts.transpose(w, out, in));
        if (has(p, seqlab + ".b")) {
            assign(p, seqlab + ".b", optional(t, torch + ".bias", out));   // a biased model whose checkpoint lacks this one: zero
        }
    }

    private static void norm(Parameters p, Map<String, SafeTensors.Tensor> t, Path file, String torch, String seqlab, int d) throws DataException {
        assign(p, seqlab + ".gamma", need(t, file, torch + ".weight").values());
        if (has(p, seqlab + ".beta")) {
            assign(p, seqlab + ".beta", optional(t, torch + ".bias", d));
        }
    }

    private static boolean has(Parameters p, String name) {
        return p.tensors().stream().anyMatch(x -> x.name().equals(name));
    }

    private static SafeTensors.Tensor need(Map<String, SafeTensors.Tensor> t, Path file, String name) throws DataException {
        SafeTensors.Tensor x = t.get(name);
        if (x == null) {
            throw DataException.says("torch.hasNoTensor", file.getFileName(), name);
        }
        return x;
    }

    /** A bias, or zeros where the checkpoint has none (nanoGPT's bias=False). */
    private static float[] optional(Map<String, SafeTensors.Tensor> t, String name, int n) {
        SafeTensors.Tensor x = t.get(name);
        return x == null ? new float[n] : x.values();
    }

    private static void assign(Parameters p, String name, float[] values) {
        Parameters.Tensor target = p.tensor(name);
        if (target.length() != values.length) {
            throw new IllegalArgumentException("SeqLab's " + name + " holds " + target.length() + " values; the checkpoint gives " + values.length);
        }
        target.value().assign(Nd4j.create(values).castTo(target.value().dataType()).reshape(target.value().shape()));
    }

    private static SequenceModel build(ModelConfig c, int vocab, Path file) {
        ModelSize.checkFits("Importing " + file.getFileName() + " (" + c.describe() + ")", ModelSize.trainingBytes(c, vocab, 1, 64));
        return Models.create(c, vocab, 1);
    }

    private static ModelFile.Loaded loaded(SequenceModel model, Vocabulary vocab, ModelConfig c, Path file) {
        ModelFile.Header header = new ModelFile.Header("pytorch-safetensors", 1, c, vocab.symbols(), model.parameters().size(),
                "imported:" + file.getFileName(), vocab.decode(0), 0);
        return new ModelFile.Loaded(model, vocab, header, null);
    }
}
