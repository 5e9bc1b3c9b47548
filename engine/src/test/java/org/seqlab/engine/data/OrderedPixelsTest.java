package org.seqlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;

/** Digits read as sequences in five orders: each a permutation with its own geometry, every pixel predicted once, per model. */
class OrderedPixelsTest {

    private static int steps(int a, int b, int w) {
        return Math.abs(a / w - b / w) + Math.abs(a % w - b % w);
    }

    @Test
    void everyOrderIsAPermutationOfThePixels() {
        for (PixelOrder o : PixelOrder.values()) {
            for (int side : new int[] {14, 16, 28}) {
                int[] p = o.path(side, side);
                int[] sorted = p.clone();
                Arrays.sort(sorted);
                for (int i = 0; i < sorted.length; i++) {
                    assertThat(sorted[i]).as(o + " " + side).isEqualTo(i);
                }
            }
        }
    }

    @Test
    void theOrdersHaveTheirGeometry() {
        assertThat(PixelOrder.RASTER.path(14, 14)).startsWith(0, 1, 2).endsWith(195);
        assertThat(PixelOrder.COLUMN.path(14, 14)).startsWith(0, 14, 28);
        int[] snake = PixelOrder.SNAKE.path(14, 14);
        assertThat(snake[13]).isEqualTo(13);
        assertThat(snake[14]).isEqualTo(27);   // the second row runs right to left
        for (int k = 1; k < snake.length; k++) {
            assertThat(steps(snake[k - 1], snake[k], 14)).as("snake step " + k).isEqualTo(1);
        }
        // on a power-of-two square the Hilbert curve moves to a neighbour at every step
        int[] h16 = PixelOrder.HILBERT.path(16, 16);
        for (int k = 1; k < h16.length; k++) {
            assertThat(steps(h16[k - 1], h16[k], 16)).as("Hilbert step " + k).isEqualTo(1);
        }
        // cut to 14 × 14, it jumps only where it leaves the square and comes back
        int[] h14 = PixelOrder.HILBERT.path(14, 14);
        long jumps = java.util.stream.IntStream.range(1, h14.length).filter(k -> steps(h14[k - 1], h14[k], 14) > 1).count();
        assertThat(jumps).isBetween(1L, 12L);
        // the random order is fixed, and scattered: most steps land far from the pixel before
        assertThat(PixelOrder.RANDOM.path(14, 14)).isEqualTo(PixelOrder.RANDOM.path(14, 14));
        int[] r = PixelOrder.RANDOM.path(14, 14);
        long far = java.util.stream.IntStream.range(1, r.length).filter(k -> steps(r[k - 1], r[k], 14) > 2).count();
        assertThat(far).isGreaterThan(150);
    }

    @Test
    void aSequencePredictsEveryPixelOnceInItsOrderFromABlankStart() throws Exception {
        DigitsCorpus digits = DigitsCorpus.tiny();
        OrderedPixels snake = (OrderedPixels) DataSources.open("digits-14:snake");
        assertThat(snake.name()).isEqualTo("digits-14:snake");
        assertThat(snake.imageShape()).isNull();   // text models read it
        assertThat(snake.fixedSteps()).isEqualTo(196);
        Batch images = digits.trainBatch(3, 196, new SplittableRandom(5));
        Batch seq = snake.trainBatch(3, 196, new SplittableRandom(5));
        int[] path = PixelOrder.SNAKE.path(14, 14);
        for (int b = 0; b < 3; b++) {
            assertThat(seq.input(b, 0)).isZero();
            for (int k = 0; k < 196; k++) {
                assertThat(seq.target(b, k)).isEqualTo(images.target(b, path[k]));
                if (k > 0) {
                    assertThat(seq.input(b, k)).isEqualTo(seq.target(b, k - 1));
                }
            }
            int[] read = Arrays.copyOfRange(seq.targets(), b * 196, (b + 1) * 196);
            assertThat(snake.toImage(read)).isEqualTo(Arrays.copyOfRange(images.targets(), b * 196, (b + 1) * 196));
        }
        // the same images in another order, pixel for pixel
        Batch hilbert = snake.reorder(seq, PixelOrder.HILBERT);
        assertThat(hilbert.targets()).isEqualTo(snake.in(PixelOrder.HILBERT).sequences(images).targets());
    }

    @Test
    void namesAreCheckedAndAreNotImagesForThePixelModels() {
        assertThat(DataSources.isBuiltIn("digits-14:hilbert")).isTrue();
        assertThat(DataSources.isImages("digits-14:hilbert")).isFalse();
        assertThat(DataSources.orderedPixels("digits-14:zigzag")).isNull();
        assertThatThrownBy(() -> DataSources.open("digits-14:zigzag")).isInstanceOf(DataException.class)
                .hasMessageContaining("raster, snake, column, hilbert or random");
    }

    @Test
    void modelsSideBySideReadTheSameImagesEachInItsOwnOrder() throws Exception {
        Engine.start();
        DataSource data = DataSources.open("digits-14:raster");
        RunConfig lstm = new RunConfig(new ModelConfig(Family.LSTM, 8, 16, 1), OptimizerConfig.defaults());
        TrainingSession s = new TrainingSession(data, new TrainConfig(4, 64, 1, 5, 1),
                List.of(lstm, lstm.withOrder(PixelOrder.RANDOM)));
        assertThat(s.config().steps()).isEqualTo(196);
        Batch raster = data.trainBatch(4, 196, new SplittableRandom(9));
        Batch random = s.fed(1, raster);
        assertThat(s.fed(0, raster)).isSameAs(raster);
        assertThat(random.targets()).isEqualTo(((OrderedPixels) data).in(PixelOrder.RANDOM).sequences(
                DigitsCorpus.tiny().trainBatch(4, 196, new SplittableRandom(9))).targets());
        // the same weights (one seed) score the same images differently once they are read in another order
        double a = s.validationBitsNow(s.runs().get(0));
        double b = s.validationBitsNow(s.runs().get(1));
        assertThat(Math.abs(a - b)).isGreaterThan(1e-6);
        assertThat(s.runs().get(1).label()).endsWith("random");
        assertThat(s.dataOf(s.runs().get(1)).name()).isEqualTo("digits-14:random");
        // the digit the views inspect, in the data's order, reaches each model in its own
        int[] example = data.vocabulary().encode(data.examples().get(0));
        assertThat(s.readBy(s.runs().get(0), example)).isSameAs(example);
        assertThat(s.readBy(s.runs().get(1), example)).isEqualTo(data.vocabulary().encode(
                ((OrderedPixels) data).in(PixelOrder.RANDOM).examples().get(0)));
        s.trainStep();
        assertThat(s.runs().get(1).trainBits().last()).isFinite();
        // a saved run keeps each model's order, and reopens to the same losses
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("orders").resolve("orders.seqrun");
        org.seqlab.engine.train.SessionFile.save(file, s);
        TrainingSession back = org.seqlab.engine.train.SessionFile.load(file).session();
        assertThat(back.runConfigs().get(1).order()).isEqualTo(PixelOrder.RANDOM);
        assertThat(back.data().name()).isEqualTo("digits-14:raster");
        assertThat(back.validationBitsNow(back.runs().get(1))).isEqualTo(s.validationBitsNow(s.runs().get(1)));
    }
}
