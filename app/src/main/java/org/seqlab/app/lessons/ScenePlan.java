package org.seqlab.app.lessons;

import org.seqlab.app.text.Texts;
import java.nio.file.Path;
import java.util.List;
import org.seqlab.engine.bridge.ModelFiles;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.LabTrainer;

/**
 * What a scene sets up, worked out once for everything that runs scenes — the lab, {@code check-lessons},
 * {@code export} and the start board — so that the proof that a lesson makes its point runs what the learner runs:
 * the data, the batches (with the lab's evaluation cadence), the models, and what the views inspect.
 *
 * @param dataSpec what {@code DataSources.open} takes
 * @param train    batches, sequence length, seed, evaluation cadence
 * @param runs     the models, in the scene's order (A, B, …)
 */
public record ScenePlan(String dataSpec, TrainConfig train, List<RunConfig> runs) {

    /** Validation every 25 steps on 4 batches: the lab's cadence, which the points' checkpoints follow. */
    public static final int EVALUATE_EVERY = 25;
    public static final int EVALUATION_BATCHES = 4;

    /** The lab's training configuration for these settings. */
    public static TrainConfig trainConfig(int batch, int sequenceLength, long seed) {
        return new TrainConfig(batch, sequenceLength, seed, EVALUATE_EVERY, EVALUATION_BATCHES);
    }

    /**
     * The plan of a scene that builds models.
     *
     * @param seed replaces the scene's own seed (weights and batches), or null
     * @throws IllegalArgumentException for a scene that keeps the lab's models
     */
    public static ScenePlan of(Scene s, Long seed) {
        if (s.keepsModels()) {
            throw new IllegalArgumentException("a scene without data keeps the models it finds; it has no plan of its own");
        }
        return new ScenePlan(s.dataSpec(), trainConfig(s.batch(), s.seq(), seed != null ? seed : s.seed()),
                s.load() != null ? List.of(loaded(s.load())) : s.models().stream().map(Scene.Model::toConfig).toList());
    }

    /**
     * Sets the trainer up as this plan says: its data, batches and models, and for a scene that loads its model, that
     * model's weights ({@link ModelFiles#openInto}, as the lab's File → Open model does). What {@code check-lessons} and
     * {@code export} run; the lab builds the same plan through its settings.
     */
    public void setUp(LabTrainer trainer, DataSource data, Scene scene) throws Exception {
        trainer.configure(data, train, runs).get();
        if (scene.load() != null) {
            ModelFiles.openInto(trainer, ModelFiles.load(scene.load()), scene.load().getFileName().toString()).get();
        }
    }

    /**
     * A scene's {@code load:} file as the run it is set up as (its weights go in afterwards, by {@link ModelFiles#openInto}):
     * the model's configuration with the family's optimiser.
     */
    private static RunConfig loaded(Path file) {
        try {
            ModelConfig c = ModelFiles.load(file).header().config();
            return new RunConfig(c, RunConfig.defaults(c.family()).optimizer());
        } catch (DataException e) {
            throw new IllegalArgumentException(e.getLocalizedMessage(), e);
        }
    }

    /** What the views inspect once a scene is set up: its text, or on digits one example and the pixel at its centre. */
    public record Input(String text, int pixel) {
    }

    /**
     * A scene's input on this data: text as written (or the data's first example); on digits the example it names by
     * number, 0 to 5 (the first when it names none), inspected at its centre pixel ({@code pixel} −1 for text).
     *
     * @throws IllegalArgumentException naming the examples when a digit's number is not one of them
     */
    public static Input input(String inspect, DataSource data) {
        ImageShape shape = data.imageShape();
        List<String> examples = data.examples();
        if (shape != null) {
            try {
                String digit = examples.get(inspect == null ? 0 : Integer.parseInt(inspect.strip()));
                return new Input(digit, (shape.height() / 2) * shape.width() + shape.width() / 2);
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException(Texts.get("lp.inspectDigit", String.valueOf(examples.size() - 1)));
            }
        }
        return new Input(inspect != null ? inspect : examples.isEmpty() ? "" : examples.get(0), -1);
    }
}
