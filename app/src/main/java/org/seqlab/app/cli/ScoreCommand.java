package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.seqlab.engine.Engine;
import org.seqlab.engine.bridge.ModelFiles;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.metrics.TextScore;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.model.build.ModelSize;
import org.seqlab.engine.seq2seq.Seq2SeqFile;
import org.seqlab.engine.seq2seq.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seqlab score}: log₂ p(x_t | x_{<t}) of every character of a text under a saved model. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints log2 p(x_t | x_<t), in bits, for every character of the text after the first "
                + "(for an image model, for every pixel of one whole image: --text of 0s and 1s).",
            "A text longer than a Transformer's context is read with a sliding window of the context moved by half of it, so every "
                + "character is predicted from at least half a context before it; a causal convolution's windows overlap by its "
                + "receptive field, which is exact."})
public final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--load", required = true, paramLabel = "FILE", description = "a model saved by seqlab train --save, or a PyTorch"
            + " checkpoint (.safetensors: a recurrent char model or a GPT in nanoGPT's names, see docs/command-line.md)")
    Path load;

    @Option(names = "--text", required = true, paramLabel = "STRING", description = "the text to score (at least two characters)")
    String text;

    @Option(names = "--target", paramLabel = "STRING", description = "an encoder–decoder's output to score for the source --text "
            + "(default: the task's exact reference)")
    String target;

    @Option(names = "--json", description = "print one JSON object: bits (one number per position after the first), "
            + "bits_per_character, window, stride and sliding_window")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Engine.start();
        if (Seq2SeqFile.holdsOne(load)) {
            return scoreTranslation(out);
        }
        ModelFile.Loaded m = ModelFiles.load(load);
        Vocabulary vocab = m.vocabulary();
        int[] ids = vocab.encode(text);
        if (ids.length < 2) {
            throw new IllegalArgumentException("--text needs at least two characters: the first is context, the rest are scored");
        }
        if (m.header().config().family().image()) {
            int pixels = m.header().config().height() * m.header().config().width();
            if (ids.length != pixels) {
                throw new IllegalArgumentException("an image model scores whole images: --text must hold " + pixels + " pixels (0s and 1s), not "
                        + ids.length);
            }
        }
        ModelSize.checkFits("Scoring " + ids.length + " characters with " + m.header().config().describe(),
                ModelSize.trainingBytes(m.header().config(), vocab.size(), 1,
                        Math.max(2, Math.min(ids.length - 1, TextScore.window(m.model(), ids.length - 1)))));
        TextScore score = TextScore.of(m.model(), ids);
        double[] bits = score.bits();
        int first = ids.length - bits.length;     // 1 for text (the first character is context), 0 for an image
        double perChar = -Arrays.stream(bits).sum() / bits.length;
        if (json) {
            // window and stride tell how a text longer than the model's context was read (see TextScore)
            out.println(Json.object().put("bits", bits).put("bits_per_character", perChar).put("window", score.window())
                    .put("stride", score.stride()).put("sliding_window", score.stride() > 0).line());
        } else {
            double total = 0;
            for (int t = 0; t < bits.length; t++) {
                out.printf("%4d  %-3s %9.4f bits%n", t + first, vocab.label(ids[t + first]), bits[t]);
                total += bits[t];
            }
            out.printf("total %.4f bits, %.4f bits per %s%s%n", total, perChar, first == 0 ? "dimension (pixel)" : "character", score.stride() > 0
                    ? String.format(" (a sliding window of %d characters moved by %d: each is predicted from at least %d before it)",
                            score.window(), score.stride(), score.window() - score.stride()) : "");
        }
        return 0;
    }

    /** An encoder–decoder: log₂ p(y_t | y_{<t}, x) of every target symbol and of the closing ⟨/s⟩. */
    private int scoreTranslation(PrintWriter out) throws Exception {
        Seq2SeqFile.Loaded m = Seq2SeqFile.load(load);
        Translator tr = new Translator(m.model(), m.task());
        if (text.isEmpty()) {
            throw new IllegalArgumentException("--text must hold the source to translate");
        }
        String y = target != null ? target : m.task().reference(text);
        tr.vocab().encode(text);
        tr.vocab().encode(y);
        double[] bits = tr.score(text, y);
        double perSymbol = -Arrays.stream(bits).sum() / bits.length;
        if (json) {
            out.println(Json.object().put("source", text).put("target", y).put("bits", bits).put("bits_per_symbol", perSymbol).line());
        } else {
            for (int t = 0; t < bits.length; t++) {
                out.printf("%4d  %-5s %9.4f bits%n", t + 1, t < y.length() ? String.valueOf(y.charAt(t)) : "</s>", bits[t]);
            }
            out.printf("%.4f bits per target symbol (end of output included)%n", perSymbol);
        }
        return 0;
    }
}
