package org.seqlab.app.describe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Table;

/** The description's arithmetic and its check, on tables whose answers are known. */
class DescriptionTest {

    private static final Table T = new Table.Builder("model", "split", "step", "bits")
            .row("A", "train", 10, 3.0).row("A", "train", 20, 2.5).row("A", "validation", 20, 2.75)
            .row("B", "train", 20, 4.0).row("B", "validation", 20, "NaN").build();

    @Test
    void queriesChooseRowsAndColumnsAndSkipWhatIsNotANumber() {
        assertThat(Query.last("bits").where("model", "A").where("split", "train").ask(T)).isEqualTo(2.5);
        assertThat(Query.mean("bits").where("model", "B").ask(T)).isEqualTo(4.0);     // NaN skipped
        assertThat(Query.max("bits").ask(T)).isEqualTo(4.0);
        assertThat(Query.argMin("bits", "model").where("split", "train").ask(T)).isEqualTo("A");
        assertThat(Query.count().where("step", "20.0").ask(T)).isEqualTo(4.0);       // "20" and "20.0" are one number
        assertThat(Query.distinct("model").ask(T)).isEqualTo(2.0);
        assertThat(Query.countAbove("bits", 2.9).ask(T)).isEqualTo(2.0);
        assertThat(Query.difference(Query.first("bits").where("split", "validation"), Query.last("bits").where("model", "A")).ask(T))
                .isEqualTo(0.0);
    }

    @Test
    void numbersAreWrittenAsASentenceSaysThem() {
        assertThat(Fact.show(0.42317, Fact.Kind.NUMBER)).isEqualTo("0.423");
        assertThat(Fact.show(1234.5, Fact.Kind.NUMBER)).isEqualTo("1230");
        assertThat(Fact.show(7.09e-11, Fact.Kind.NUMBER)).isEqualTo("7.1 × 10⁻¹¹");
        assertThat(Fact.show(0.913, Fact.Kind.PERCENT)).isEqualTo("91 %");
        assertThat(Fact.show(12.0, Fact.Kind.COUNT)).isEqualTo("12");
        assertThat(Fact.show(Double.NaN, Fact.Kind.NUMBER)).isEqualTo("not a number");
    }

    @Test
    void theLossChartSaysEachModelsBitsAndTheCheckCatchesAFigureWhoseWordsDisagreeWithItsCsv(@TempDir Path dir) throws Exception {
        Table loss = new Table.Builder("model", "split", "step", "seconds", "bits_per_char")
                .row("A · LSTM 64", "train", 100, 1.0f, 2.5f).row("A · LSTM 64", "validation", 100, 1.0f, 2.75f)
                .row("entropy floor", "floor", "", "", 2.0).build();
        Figure good = figure("loss", loss);
        Description d = Describers.of(good);
        assertThat(d.text()).contains("A · LSTM 64: 2.75 bits on the validation text at step 100, against 2.5 on its training batches")
                .contains("0.75 bits above the entropy floor").contains("The floor is 2 bits.");
        assertThat(DescriptionCheck.problems(good, dir)).isEmpty();
        // before the first step the chart holds only the floor: no "0 models"
        Table untrained = new Table.Builder("model", "split", "step", "seconds", "bits_per_char").row("entropy floor", "floor", "", "", 2.0).build();
        assertThat(Describers.of(figure("loss", untrained)).text()).startsWith("Loss in bits per symbol against training steps: no model has trained");

        // a figure whose table changes between the description and the export: the check must see it
        Table[] tables = {loss, new Table.Builder("model", "split", "step", "seconds", "bits_per_char")
                .row("A · LSTM 64", "train", 100, 1.0f, 2.5f).row("A · LSTM 64", "validation", 100, 1.0f, 3.5f).build()};
        int[] calls = {0};
        Figure fickle = new Figure() {
            public String name() {
                return "loss";
            }

            public String title() {
                return "Loss";
            }

            public void draw(java.awt.Graphics2D g, double w, double h, org.seqlab.app.figures.Style s) {
            }

            public Table table() {
                return tables[calls[0]++ == 0 ? 1 : 0];   // the CSV gets one table, the description another
            }
        };
        List<String> problems = DescriptionCheck.problems(fickle, dir.resolve("fickle"));
        assertThat(problems).anyMatch(p -> p.contains("but the CSV gives"));
    }

    /** The tutor's diagnosis, which the CSV keeps in the engine's English, is explained in the reader's language. */
    @Test
    void theTutorExplainsItsCauseInTheReadersLanguage(@TempDir Path dir) throws Exception {
        Table tutor = new Table.Builder("model", "step", "cause", "says", "counter_experiment", "verdict")
                .row("A · Vanilla RNN 1×64", 300, "vanishing-gradient", "The gradient fades (ratio 0.0001 at step 300)", "an LSTM of the same width", "")
                .build();
        Figure f = figure("tutor", tutor);
        assertThat(Describers.of(f).text()).contains("The gradient fades (ratio 0.0001 at step 300)").contains("an LSTM of the same width");
        try {
            org.seqlab.app.text.Texts.use(java.util.Locale.GERMAN);
            String german = Describers.of(f).text();
            assertThat(german).contains("A · Einfaches RNN 1×64, Schritt 300")
                    .contains(org.seqlab.app.text.Texts.get("tutor.cause.vanishing-gradient"))
                    .contains(org.seqlab.app.text.Texts.get("tutor.counter.vanishing-gradient"))
                    .doesNotContain("The gradient fades");
            assertThat(DescriptionCheck.problems(f, dir)).isEmpty();
        } finally {
            org.seqlab.app.text.Texts.use(java.util.Locale.ENGLISH);
        }
    }

    private static Figure figure(String name, Table t) {
        return new Figure() {
            public String name() {
                return name;
            }

            public String title() {
                return "Loss";
            }

            public void draw(java.awt.Graphics2D g, double w, double h, org.seqlab.app.figures.Style s) {
            }

            public Table table() {
                return t;
            }
        };
    }
}
