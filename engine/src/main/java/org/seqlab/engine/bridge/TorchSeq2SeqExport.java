package org.seqlab.engine.bridge;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.seqlab.engine.data.tasks.Pair;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.train.OptimizerConfig;

/**
 * An encoder–decoder written out as a PyTorch program, as {@link TorchExport} writes a language model: {@code model.py}
 * (nn.GRU / nn.LSTM encoder and decoder with Luong's attention or none, or the pre-LN Transformer encoder–decoder), the weights (and Adam's state, when there is one) as safetensors, the vocabulary with its three specials,
 * the training pairs as {@code data.tsv}, and {@code run.py} to score pairs, train on and translate.
 */
public final class TorchSeq2SeqExport {

    /** What is written: the model, its vocabulary, the optimiser's settings, Adam's state (null: none) and the training pairs. */
    public record Source(Seq2SeqModel model, Seq2SeqVocab vocab, OptimizerConfig optimizer, TorchExport.AdamState adam,
            List<Pair> training) {
    }

    private TorchSeq2SeqExport() {
    }

    public static List<Path> write(Path dir, Source s) throws IOException {
        Seq2SeqConfig c = s.model().config();
        if (Files.exists(dir) && (!Files.isDirectory(dir) || TorchExport.hasFiles(dir))) {
            throw new IllegalArgumentException(dir + " exists and is not an empty folder: choose a new one, so nothing there is overwritten");
        }
        Files.createDirectories(dir);
        var p = s.model().parameters();
        boolean transformer = c.kind() == Seq2SeqConfig.Kind.TRANSFORMER;
        List<TorchLayouts.Entry> entries = transformer ? TorchLayouts.seq2seqTransformer(c, s.vocab().size())
                : TorchLayouts.seq2seq(c, s.vocab().size());
        List<String> tokens = IntStream.range(0, s.vocab().size()).mapToObj(i -> i < 3 ? List.of("<pad>", "<s>", "</s>").get(i)
                : String.valueOf(s.vocab().alphabet().charAt(i - 3))).toList();
        List<Path> written = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("kind", c.kind().id());
        meta.put("vocab", TorchExport.json(tokens));
        written.add(TorchExport.tensors(dir.resolve("weights.safetensors"), entries, TorchExport.reader(p, p.toArray()), meta));
        if (s.adam() != null) {
            written.add(TorchExport.optimizerFile(dir.resolve("optimizer.safetensors"), entries, p, s.adam()));
        }
        written.add(TorchExport.text(dir.resolve("vocab.json"), TorchExport.json(tokens)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", "seq2seq");
        m.put("kind", c.kind().id());
        m.put("vocab_size", s.vocab().size());
        m.put("embed", c.embed());
        m.put("hidden", c.hidden());
        m.put("attention", c.attends() ? c.score().id() : null);
        m.put("optimizer", TorchExport.optimizer(s.optimizer(), s.adam()));
        written.add(TorchExport.text(dir.resolve("config.json"), new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(m)));
        if (s.training() != null) {
            written.add(TorchExport.text(dir.resolve("data.tsv"), s.training().stream().map(x -> x.source() + "\t" + x.target())
                    .collect(Collectors.joining("\n", "", "\n"))));
        }
        written.add(TorchExport.text(dir.resolve("model.py"), TorchExport.resource(transformer ? "seq2seq_transformer.py" : "seq2seq.py")));
        written.add(TorchExport.text(dir.resolve("run.py"), TorchExport.resource("run_seq2seq.py")));
        written.add(TorchExport.text(dir.resolve("run_common.py"), TorchExport.resource("run_common.py")));
        written.add(TorchExport.text(dir.resolve("README.md"), TorchExport.resource("README.md").replace("{{model}}", c.describe())
                .replace("{{optimizer}}", s.adam() == null ? "This is a model file: it holds no optimiser state, so `--train` starts"
                        + " Adam afresh." : "`optimizer.safetensors` holds Adam's moments after "
                        + s.adam().steps() + " steps: `--train` goes on from them.")
                .replace("python3 run.py --score some.txt      # bits per symbol, as `seqlab score` computes them",
                        "python3 run.py --score pairs.tsv    # bits per target symbol (</s> too), as `seqlab score` computes them")
                .replace("python3 run.py --train 100           # 100 more steps on data.txt, loss per step",
                        "python3 run.py --train 100          # 100 more steps on data.tsv, loss per step")
                .replace("python3 run.py --sample 200 --prompt \"The \"", "python3 run.py --translate \"abc\"")));
        return written;
    }
}
