package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seqlab.app.export.FigureText;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Every view of the catalogue builds its own figure from real models it says it can be filled by, with numbers in it,
 * and draws it at the sizes of an export and a window, in normal and presentation type, with no text over other text
 * or past its edge; and every one describes itself in sentences whose numbers its exported CSV bears out, written
 * into the SVG's {@code <title>}/{@code <desc>} and the .txt, in English, German and Chinese.
 */
@Tag("slow")
class ViewCatalogTest {

    /** The exports and every description, kept for reading (docs/accessibility.md quotes them). */
    static final java.nio.file.Path dir = java.nio.file.Path.of("target", "described");

    private static final List<String> DESCRIPTIONS = new java.util.ArrayList<>();

    @Test
    void everyViewBuildsAFigureWithNumbersFromModelsThatFillIt() throws Exception {
        List<RunConfig> text = List.of(
                new RunConfig(new ModelConfig(Family.LSTM, 0, 8, 1), OptimizerConfig.defaults()),
                new RunConfig(new ModelConfig(Family.TRANSFORMER, 0, 8, 1, 2, 16, Positional.LEARNED), OptimizerConfig.defaults()),
                new RunConfig(ModelConfig.conv1d(8, 2, 2, true), OptimizerConfig.defaults()));
        List<RunConfig> image = List.of(new RunConfig(ModelConfig.pixelCnn(false, 4, 2, 3, 14, 14), OptimizerConfig.defaults()));
        Set<String> built = new java.util.TreeSet<>();
        built.addAll(buildAll(DataSources.open("synthetic:reber"), 16, text, "BTSSXXTVVE"));
        DataSource digits = DataSources.open("digits-14");
        built.addAll(buildAll(digits, 14 * 14, image, digits.examples().get(0)));
        assertThat(built).containsExactlyInAnyOrderElementsOf(ViewId.names());
        assertThat(DESCRIPTIONS).as("descriptions that the CSV does not bear out").isEmpty();
    }

    /** Trains two steps, inspects {@code inspect}, and builds every view these models fill; returns their names. */
    private static Set<String> buildAll(DataSource data, int steps, List<RunConfig> runs, String inspect) throws Exception {
        try (LabTrainer trainer = new LabTrainer()) {
            TrainerTasks tasks = new TrainerTasks(trainer);
            trainer.configure(data, new TrainConfig(4, steps, 1, 25, 4), runs).get(300, TimeUnit.SECONDS);
            tasks.inspect(inspect);
            assertThat(trainer.trainTo(2).get(300, TimeUnit.SECONDS)).isEqualTo(2);
            TrainingSnapshot s = trainer.settled().get(300, TimeUnit.SECONDS);   // the inspection made afresh at step 2
            assertThat(s.inspection().step()).isEqualTo(2);
            Set<Family> families = runs.stream().map(r -> r.model().family()).collect(Collectors.toCollection(() -> EnumSet.noneOf(Family.class)));
            Set<String> names = new java.util.TreeSet<>();
            List<String> collisions = new java.util.ArrayList<>();
            for (ViewId v : List.of(ViewId.values())) {
                if (v.fills(families)) {
                    Figure f = v.figure(s, tasks, 3);
                    assertThat(f.table().rows()).as("%s has numbers in its table", v.id()).isNotEmpty();
                    assertThat(f.table().columns()).as(v.id()).doesNotContain("note");   // not a placeholder
                    names.add(v.id());
                    DESCRIPTIONS.addAll(org.seqlab.app.describe.DescriptionCheck.problems(f, dir.resolve(data.name().replace(':', '-'))));
                    // and in German (a decimal comma) and Chinese, whose sentences the same CSV must bear out
                    for (java.util.Locale l : org.seqlab.app.text.Texts.LANGUAGES.subList(1, org.seqlab.app.text.Texts.LANGUAGES.size())) {
                        org.seqlab.app.text.Texts.use(l);
                        try {
                            DESCRIPTIONS.addAll(org.seqlab.app.describe.DescriptionCheck.problems(f,
                                    dir.resolve(l.toLanguageTag()).resolve(data.name().replace(':', '-'))).stream().map(p -> l + ": " + p).toList());
                        } finally {
                            org.seqlab.app.text.Texts.use(java.util.Locale.ENGLISH);
                        }
                    }
                    // laid out for the size it gets, as an export or a window would give it: nothing over anything
                    // a text's samples end wherever the height runs out: at every height, no label is left without its line
                    for (int h = 120; v.id().equals("samples") && s.data().image() == null && h <= 480; h += 3) {
                        for (String p : FigureText.problems(f, 1300, h, Style.PRESENTATION)) {
                            collisions.add(String.format("%s at 1300×%d, presentation: %s", v.id(), h, p));
                        }
                    }
                    // and, in normal type, as low and narrow as beside the reader at 1024×768 (its controls folded)
                    for (double[] size : new double[][] {{900, 560}, {1200, 700}, {1800, 1000}, {640, 180}, {640, 320}}) {
                        for (Style style : size[0] < 900 ? List.of(Style.NORMAL) : List.of(Style.NORMAL, Style.PRESENTATION)) {
                            for (String p : FigureText.problems(f, size[0], size[1], style)) {
                                collisions.add(String.format("%s at %.0f×%.0f, %s: %s", v.id(), size[0], size[1], style.name(), p));
                            }
                        }
                    }
                }
            }
            assertThat(collisions).as("figure text over other text or past the figure's edge").isEmpty();
            return names;
        }
    }
}
