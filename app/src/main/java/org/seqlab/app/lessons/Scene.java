package org.seqlab.app.lessons;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Norm;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.Schedule;
import org.seqlab.engine.train.ScheduledSampling;

/**
 * A ```scene block: how the lab should be set up for a step — the data, one to four models, the batches, how many
 * steps to train, which view to show and which input to inspect. Unset values keep the lab's defaults.
 *
 * @param line     the line of the block in its file
 * @param label    the button's caption
 * @param data     a built-in data name, or a text file beside the lesson; null for a scene that keeps the lab's models and
 *                 only shows a view, inspects an input or trains further
 * @param dataFile the file when {@code data} names one (null for built-in data)
 * @param train    steps to train after setting up (0: leave it to the learner)
 * @param view     the view to show, by its short name (null: leave the view as it is)
 * @param inspect  the text (or, on digits, the digit's index) the model views inspect (null: the data's first example)
 * @param point    what the scene sets out to show and the statements that measure it, once trained (null: none)
 * @param encoderDecoders for a scene on a sequence-to-sequence task ({@code data: task:…}), the encoder–decoders it
 *                 trains side by side in the encoder–decoder lab (null for the lab's language models)
 * @param load     a model file inside the lesson's folder ({@code load:}: a PyTorch checkpoint or a SeqLab model) that becomes
 *                 the scene's one model, trained weights and all, in place of {@code models:} (null: none)
 * @param checkpoint a lesson pack's saved run of this scene after its training ({@code checkpoints/s2-1.seqrun}), opened
 *                   in place of setting up and training (null: none)
 */
public record Scene(int line, String label, String data, Path dataFile, List<Model> models, int batch, int seq, int seed, int train,
        String view, String inspect, Point point,
        Seq2SeqExperiment.Spec encoderDecoders, Path load, Path checkpoint) implements LessonBlock {

    /** The same scene trained already: a lesson pack's checkpoint of its models and their history, opened instead of trained. */
    public Scene withCheckpoint(Path saved) {
        return new Scene(line, label, data, dataFile, models, batch, seq, seed, train, view, inspect, point, encoderDecoders, load, saved);
    }

    /** One model of a scene; null fields keep the lab's defaults for the family ({@code order}: on digits read as a sequence). */
    public record Model(int line, Family family, Integer hidden, Integer layers, Integer embed, Integer heads, Integer context,
            Positional positions, Integer kernel, Boolean dilated, Double lr, Double clip, Schedule schedule, Integer warmup,
            Integer decay, Double scheduledSampling, Integer ramp, PixelOrder order,
            OptimizerConfig.Method optimizer, Integer kvHeads, Norm norm) {

        /**
         * The engine's configuration this block describes: the lab's defaults for the family ({@link RunConfig#defaults})
         * with the block's values in their place.
         *
         * @throws IllegalArgumentException naming a value out of range (the engine's own checks)
         */
        public RunConfig toConfig() {
            RunConfig d = RunConfig.defaults(family);
            ModelConfig dm = d.model();
            OptimizerConfig o = d.optimizer();
            ModelConfig m = new ModelConfig(family, or(embed, dm.embed()), or(hidden, dm.hidden()), or(layers, dm.layers()),
                    or(heads, dm.heads()), or(context, dm.context()), positions != null ? positions : dm.positional(),
                    or(kernel, dm.kernel()), dilated != null ? dilated : dm.dilated(), dm.height(), dm.width(), or(kvHeads, 0),
                    norm != null ? norm : dm.norm());
            boolean clipOn = clip != null ? clip > 0 : o.clip();
            OptimizerConfig opt = new OptimizerConfig(lr != null ? lr : o.learningRate(), o.betaOne(), o.betaTwo(), o.epsilon(),
                    schedule != null ? schedule : o.schedule(), or(warmup, o.warmupSteps()), or(decay, o.decaySteps()), clipOn,
                    clip != null && clip > 0 ? clip : o.clipNorm(), optimizer != null ? optimizer : o.method());
            ScheduledSampling ss = new ScheduledSampling(scheduledSampling != null ? scheduledSampling : d.scheduled().maxRate(),
                    or(ramp, d.scheduled().rampSteps()));
            return new RunConfig(m, opt, ss, order);
        }

        private static int or(Integer value, int otherwise) {
            return value != null ? value : otherwise;
        }
    }

    /** What {@code DataSources.open} takes for this scene's data. */
    public String dataSpec() {
        return dataFile != null ? dataFile.toString() : data;
    }

    /** True for a scene that keeps the lab's data and models. */
    public boolean keepsModels() {
        return data == null;
    }

    /** "names · LSTM, RNN · train 300 steps · view: gradient" for the scene's card. */
    public String summary() {
        if (keepsModels()) {
            List<String> parts = new ArrayList<>(List.of(Texts.get("scene.sameModels")));
            if (train > 0) {
                parts.add(Texts.format("scene.trainMore.f", train));
            }
            if (view != null) {
                parts.add(Texts.format("scene.view.f", Texts.orElse("view." + view, view)));
            }
            if (inspect != null) {
                parts.add(Texts.format("scene.inspect.f", inspect));
            }
            return String.join(" · ", parts);
        }
        StringBuilder sb = new StringBuilder(data);
        sb.append(" · ");
        sb.append(encoderDecoders != null ? String.join(", ", encoderDecoders.models().stream().map(c -> c.kind().id()).toList())
                : String.join(", ", models.stream().map(m -> EngineNames.family(m.family())).toList()));
        if (train > 0) {
            sb.append(" · ").append(Texts.format(train == 1 ? "scene.train.one.f" : "scene.train.f", train));
        }
        if (view != null) {
            sb.append(" · ").append(Texts.format("scene.view.f", Texts.orElse("view." + view, view)));
        }
        return sb.toString();
    }
}
