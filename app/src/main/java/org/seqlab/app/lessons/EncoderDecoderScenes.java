package org.seqlab.app.lessons;

import org.seqlab.app.text.Texts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.seqlab.engine.data.tasks.PairBatch;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;

/**
 * A scene on a sequence-to-sequence task ({@code data: task:reverse} …): one to three encoder–decoders
 * ({@code family: seq2seq-gru} or {@code seq2seq-attention}, with {@code hidden}, {@code embed} and {@code attention:
 * additive|dot}), trained side by side in the encoder–decoder lab and measured by {@code exact(A, n)} and
 * {@code bits(A)}.
 */
final class EncoderDecoderScenes {

    static final Set<String> KEYS = new LinkedHashSet<>(List.of("label", "data", "models", "batch", "seed", "train", "inspect", "point", "expect"));
    static final Set<String> MODEL_KEYS = new LinkedHashSet<>(List.of("family", "hidden", "embed", "attention"));

    private EncoderDecoderScenes() {
    }

    static Scene parse(YamlBlock y) {
        y.onlyKeys("scene on a task", KEYS);
        String data = y.string("data", "").strip();
        Task task = null;
        try {
            task = Task.parse(data);
        } catch (IllegalArgumentException e) {
            y.problem("data", e.getLocalizedMessage());
        }
        List<YamlBlock> blocks = y.blocks("models");
        if (blocks.isEmpty() || blocks.size() > 3) {
            y.problem("models", Texts.get("lp.edCount", String.valueOf(blocks.size())));
        }
        List<Seq2SeqConfig> models = new ArrayList<>();
        for (YamlBlock m : blocks) {
            m.onlyKeys("encoder–decoder", MODEL_KEYS);
            try {
                Seq2SeqConfig.Kind kind = Seq2SeqConfig.Kind.parse(m.string("family", ""));
                Attention.Score score = m.has("attention") ? Attention.Score.parse(m.string("attention", "")) : Attention.Score.ADDITIVE;
                Integer hidden = m.integer("hidden", 1, Seq2SeqConfig.MAX_WIDTH);
                Integer embed = m.integer("embed", 1, Seq2SeqConfig.MAX_WIDTH);
                models.add(new Seq2SeqConfig(kind, score, embed == null ? 32 : embed, hidden == null ? 64 : hidden));
            } catch (IllegalArgumentException e) {
                m.problem("family", e.getLocalizedMessage());
            }
        }
        Integer batch = y.integer("batch", 1, 512);
        Integer seed = y.integer("seed", 0, Integer.MAX_VALUE);
        Integer train = y.integer("train", 0, 20_000);
        String inspect = y.string("inspect", null);
        if (task != null && inspect != null) {
            try {
                PairBatch.checkLengths(inspect, "");
                Seq2SeqVocab.of(task).encode(inspect);
            } catch (IllegalArgumentException e) {
                y.problem("inspect", e.getLocalizedMessage());
            }
        }
        Seq2SeqExperiment.Spec spec = null;
        if (task != null && !models.isEmpty() && models.size() <= 3) {
            try {
                spec = new Seq2SeqExperiment.Spec(task, models, batch == null ? 32 : batch, seed == null ? 1 : seed, 3e-3,
                        train == null ? 0 : train);
            } catch (IllegalArgumentException e) {
                y.problem("models", e.getLocalizedMessage());   // too large for this machine, said before anything is allocated
            }
        }
        return new Scene(y.line(), y.string("label", "Train the encoder–decoders"), data, null, List.of(), batch == null ? 32 : batch, 0,
                seed == null ? 1 : seed, train == null ? 0 : train, null, inspect, ScenePoint.parseEncoderDecoders(y, models.size()), spec, null, null);
    }
}
