package org.seqlab.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.BuiltInCorpora;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.data.OrderedPixels;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.data.TextFiles;
import org.seqlab.engine.data.synthetic.RepeatCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.model.Activation;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Norm;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.train.ScheduledSampling;

/**
 * What the engine names (models, data, decoding rules, parts switched off, tasks) is shown in the interface's language:
 * built from the engine's own objects, so a form the engine rewords or adds fails here rather than showing in English.
 */
class EngineNamesTest {

    // English words of the engine's names that a German or Chinese reader must not meet
    private static final Pattern ENGLISH = Pattern.compile("\\b(Vanilla|Causal|conv|learned|undilated|units|heads|encoder|with|attention|"
            + "Markov|chain|random|embedded|grammar|delayed|recall|letters|brackets|names|characters|binarised|train|validate|"
            + "handwritten|read|order|sample|beam|head|block|gate|layer|unit|string|sort|copy|normalise|spell|sched)\\b");

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void everyModelLabelReadsInEachLanguageAndAsTheEngineWroteItInEnglish() {
        List<String> labels = new ArrayList<>();
        for (Family f : Family.values()) {
            labels.add("A · " + ModelConfig.defaults(f).describe());
        }
        ModelConfig t = ModelConfig.defaults(Family.TRANSFORMER);
        labels.add("B · " + t.withPositional(Positional.LEARNED).withNorm(Norm.POST).withBias(false).withKvHeads(1).describe());
        labels.add("C · " + t.withPositional(Positional.NONE).withActivation(Activation.GELU).withKvHeads(2).describe());
        labels.add("D · " + ModelConfig.defaults(Family.CONV1D).withDilated(false).describe());
        labels.add("E · " + ModelConfig.defaults(Family.PIXELCNN).describe() + " · snake");
        for (Seq2SeqConfig.Kind k : Seq2SeqConfig.Kind.values()) {
            for (Attention.Score s : Attention.Score.values()) {
                labels.add(new Seq2SeqConfig(k, s, 32, 64).describe());
            }
        }
        labels.add(new ScheduledSampling(0.5, 400).describe());
        assertEveryLanguage(labels, EngineNames::model, false);
        Texts.use(Locale.GERMAN);
        assertThat(labels.stream().map(EngineNames::model).filter(s -> !labels.contains(s)).count()).as("labels with words to translate")
                .isGreaterThanOrEqualTo(12);
        Texts.use(Locale.GERMAN);
        assertThat(EngineNames.model("A · Vanilla RNN 1×64")).isEqualTo("A · Einfaches RNN 1×64");
        assertThat(EngineNames.model("E · PixelCNN 6×32 k5 · snake")).isEqualTo("E · PixelCNN 6×32 k5 · Schlange");
        assertThat(EngineNames.family(Family.CONV1D)).isEqualTo("Kausale Faltung");
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(EngineNames.model(new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.ADDITIVE, 32, 64).describe()))
                .isEqualTo("带注意力的 GRU 编码器–解码器 64, 加性注意力");
    }

    @Test
    void everyDataSourceDescribesItselfInEachLanguage() throws Exception {
        List<String> descriptions = new ArrayList<>();
        for (String name : SyntheticSources.NAMES) {
            descriptions.add(SyntheticSources.byName(name).description());
        }
        descriptions.add(RepeatCorpus.standard().description());
        descriptions.add(BuiltInCorpora.names().description());
        descriptions.add(BuiltInCorpora.names().tokenised(64).description());
        DigitsCorpus digits = DigitsCorpus.tiny();
        descriptions.add(digits.description());
        descriptions.add(new OrderedPixels(digits, PixelOrder.HILBERT).description());
        descriptions.add(TextFiles.fromBytes("poems.txt", "roses are red\nviolets are blue\n".repeat(20).getBytes()).description());
        assertEveryLanguage(descriptions, EngineNames::data);
        Texts.use(Locale.GERMAN);
        assertThat(EngineNames.data(SyntheticSources.byName("markov").description()))
                .isEqualTo("Markow-Kette 2. Ordnung über {a,b,c,d}, zufällige Tabelle (Dirichlet α=0.5, Seed 7)");
    }

    @Test
    void decodingRulesPartsAndTasksReadInEachLanguage() {
        List<String> rules = new ArrayList<>();
        for (Strategy s : Strategy.values()) {
            rules.add(DecodingConfig.of(s).describe());
        }
        assertThat(rules).hasSize(5);
        Texts.use(Locale.GERMAN);
        assertThat(EngineNames.decoding(DecodingConfig.of(Strategy.TOP_K).describe())).isEqualTo(DecodingConfig.of(Strategy.TOP_K).describe());
        Texts.use(Locale.ENGLISH);
        assertEveryLanguage(rules.stream().filter(r -> !r.startsWith("top-")).toList(), EngineNames::decoding, false);   // German keeps "greedy"
        List<String> parts = new ArrayList<>();
        for (Ablation.Part p : Ablation.Part.values()) {
            for (int i = 0; i < (p == Ablation.Part.GATE ? Ablation.GATES.size() : 1); i++) {
                parts.add(new Ablation(p, 1, i).describe());
            }
        }
        assertEveryLanguage(parts, EngineNames::part);
        List<String> tasks = new ArrayList<>();
        for (Task task : Task.values()) {
            tasks.add(task.description());
        }
        assertEveryLanguage(tasks, d -> EngineNames.task(Task.values()[tasks.indexOf(d)]));
    }

    /** English: exactly the engine's words. German and Chinese: every one changed, and none of the engine's English left. */
    private static void assertEveryLanguage(List<String> english, UnaryOperator<String> shown) {
        assertEveryLanguage(english, shown, true);
    }

    /** As above; a model's label may also stay as it is when all its words are names ("A · LSTM 1×64"). */
    private static void assertEveryLanguage(List<String> english, UnaryOperator<String> shown, boolean changes) {
        Texts.use(Locale.ENGLISH);
        for (String e : english) {
            assertThat(shown.apply(e)).as("English").isEqualTo(e);
        }
        for (Locale l : List.of(Locale.GERMAN, Locale.SIMPLIFIED_CHINESE)) {
            Texts.use(l);
            for (String e : english) {
                String s = shown.apply(e);
                if (changes) {
                    assertThat(s).as("%s for '%s'", l, e).isNotEqualTo(e);
                }
                assertThat(ENGLISH.matcher(s.replace("Reber", "")).find()).as("English words left in %s '%s'", l, s).isFalse();
            }
        }
        Texts.use(Locale.ENGLISH);
    }
}
