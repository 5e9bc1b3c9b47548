package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.app.export.FigureText;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.inspect.Costs;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.build.Models;

/** The Transformer's figures on a real model's trace: clicking, hovering, tables, exports. */
class TransformerFiguresTest {

    static Trace trace;
    static List<String> labels = List.of("a", "b", "c", "a", "b", "c", "a");

    @BeforeAll
    static void model() {
        Engine.start();
        SequenceModel m = Models.create(new ModelConfig(Family.TRANSFORMER, 0, 8, 2, 2, 16, Positional.SINUSOIDAL), 3, 1);
        trace = m.forward(Batch.ofSequence(new int[] {0, 1, 2, 0, 1, 2, 0, 1}), TraceLevel.FULL).trace();
    }

    @Test
    void clickingAMapEnlargesItAndHoverDrawsThatQuery() {
        AttentionFigure grid = new AttentionFigure("A · Transformer", trace, labels, 2, 2, 5, null);
        assertThat(grid.table().rows()).hasSize(2 * 2 * 7 * 8 / 2); // every layer, head and query, keys j ≤ t
        Figure enlarged = null;
        for (int x = 0; x < 1000 && enlarged == null; x += 10) {
            Figure f = grid.click(x, 200, 1000, 600, Style.NORMAL);
            if (f != grid) {
                enlarged = f;
            }
        }
        assertThat(enlarged).isInstanceOf(AttentionFigure.class);
        AttentionFigure big = (AttentionFigure) enlarged;
        assertThat(big.selection()).isNotNull();
        assertThat(big.title()).contains("block " + big.selection().layer() + " · head " + big.selection().head());
        assertThat(big.table().rows()).hasSize(7 * 8 / 2);
        // hovering the strip of characters at the bottom picks a query
        Figure hovered = big;
        for (int x = 0; x < 1000 && hovered == big; x += 4) {
            hovered = big.hover(x, 600 - 20, 1000, 600, Style.NORMAL);
        }
        assertThat(((AttentionFigure) hovered).hoverQuery()).isBetween(0, 6);
        assertThat(FigureExporter.render(hovered, 1000, 600, 2, Style.NORMAL).getWidth()).isEqualTo(2000);
        // clicking outside the map goes back to the grid
        assertThat(((AttentionFigure) big.click(995, 40, 1000, 600, Style.NORMAL)).selection()).isNull();
    }

    @Test
    void maskAndQueryTablesHoldTheTracedStages() {
        MaskFigure mask = new MaskFigure("A", trace, labels, 1, 0, 5);
        Table t = mask.table();
        assertThat(t.rows()).hasSize(49);
        assertThat(t.rows().get(1)).containsExactly("0", "1", "-inf", t.rows().get(1).get(3), "-inf", "0.0");
        QueryFigure q = new QueryFigure("A", trace, labels, 0, 1, 4, 5);
        Table qt = q.table();
        double sum = 0;
        for (int j = 0; j < 7; j++) {
            sum += Double.parseDouble(qt.rows().get(j).get(5));
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(qt.rows().get(6).get(4)).isEqualTo("-inf");
        BufferedImage img = FigureExporter.render(q, 900, 500, 1, Style.NORMAL);
        assertThat(img.getHeight()).isEqualTo(500);
    }

    @Test
    void aNarrowQueryViewShowsTheKeysWithTheMostWeightNotTheNearest() {
        int query = 6;
        Trace.Array weights = trace.get(new Probe.Attention(Probe.Stage.WEIGHTS, 0, 1));
        List<Integer> byWeight = new java.util.ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        byWeight.sort(java.util.Comparator.comparingDouble((Integer j) -> -weights.get(query, j)));
        QueryFigure q = new QueryFigure("A", trace, labels, 0, 1, query, 5);
        // 300 px hold four columns: the query's own and the three earlier keys that carry the most weight
        List<String> heads = FigureText.of(q, 300, 420, Style.NORMAL).stream().map(FigureText.Drawn::text).toList();
        for (int j : byWeight.subList(0, 3)) {
            assertThat(heads).as("key %d carries weight %.3f", j, weights.get(query, j)).contains(j + " " + labels.get(j));
        }
        for (int j : byWeight.subList(3, 6)) {
            assertThat(heads).doesNotContain(j + " " + labels.get(j));
        }
        assertThat(heads).contains(query + " " + labels.get(query));
        assertThat(String.join(" ", heads)).contains("the other 3 keys");
    }

    @Test
    void positionalSimilarityIsTheDotProductOfTheTable() {
        Trace.Array p = trace.get(new Probe.PositionTable());
        double[] table = new double[p.rows() * p.cols()];
        for (int i = 0; i < table.length; i++) {
            table[i] = p.get(i);
        }
        PositionalFigure f = new PositionalFigure("A", "sinusoidal", table, p.rows(), p.cols());
        assertThat(f.describe(0, 0, 800, 400, Style.NORMAL)).isNull();
        assertThat(f.table().rows()).hasSize(16);
        assertThat(Double.parseDouble(f.table().rows().get(3).get(1))).isEqualTo((double) (float) Math.sin(3)); // traces hold floats
    }

    @Test
    void costsFigureListsEveryMeasurement() {
        Costs.ModelCosts c = new Costs.ModelCosts("C · Transformer", Family.TRANSFORMER, new int[] {16, 32}, new double[] {1, 3},
                new double[] {1024, 4096}, 900, 300, new int[] {1, 2, 3}, new double[] {0.5, 0.6, 0.7}, new double[] {1, 2, 4});
        CostsFigure f = new CostsFigure(List.of(c), List.of("C"));
        assertThat(f.table().rows()).hasSize(5);
        assertThat(f.table().rows().get(0)).containsExactly("C · Transformer", "16", "1.0", "1024.0", "", "", "");
        assertThat(f.table().rows().get(4)).containsExactly("C · Transformer", "", "", "", "3", "0.7", "4.0");
        assertThat(FigureExporter.render(f, 900, 400, 1, Style.NORMAL).getWidth()).isEqualTo(900);
    }
}
