package org.seqlab.engine.model.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.Engine;

/**
 * The direct OpenBLAS product gives what ND4J's gemm gives, in every form the layers call it: row-block views (a
 * recurrent layer's time step) read and written in place with nothing around them touched, each transpose, β = 1
 * accumulation, a bias row written into a view of a larger buffer; and a matrix it cannot take goes through ND4J.
 */
class BlasTest {

    @BeforeAll
    static void engine() {
        Engine.start();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void givesWhatNd4jGivesOnViewsAndTransposes(DataType dt) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(dt, 10, 6);
        INDArray a = x.get(interval(3, 5), all());                 // rows 3–4: a time step's block
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                INDArray aa = ta ? Nd4j.rand(dt, 6, 2) : a;
                INDArray b = tb ? Nd4j.rand(dt, 4, 6) : Nd4j.rand(dt, 6, 4);
                INDArray outer = Nd4j.rand(dt, 8, 4);
                INDArray before = outer.dup();
                INDArray c = outer.get(interval(4, 6), all());
                INDArray expected = c.dup();
                Nd4j.gemm(aa, b, expected, ta, tb, 0.5, 1.0);
                Blas.gemm(aa, b, c, ta, tb, 0.5, 1.0);
                double tol = dt == DataType.FLOAT ? 1e-6 : 1e-14;
                assertThat(c.equalsWithEps(expected, tol)).as("transposes %s %s", ta, tb).isTrue();
                assertThat(outer.get(interval(0, 4), all())).isEqualTo(before.get(interval(0, 4), all()));
                assertThat(outer.get(interval(6, 8), all())).isEqualTo(before.get(interval(6, 8), all()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aBiasRowLandsInItsViewOfTheFlatGradient(DataType dt) {
        INDArray flat = Nd4j.zeros(dt, 20);
        INDArray db = flat.get(interval(5, 8)).reshape('c', 1, 3);
        INDArray dy = Nd4j.rand(dt, 7, 3);
        Blas.gemm(Nd4j.ones(dt, 7, 1), dy, db, true, false, 1.0, 0.0);
        assertThat(flat.get(interval(5, 8)).equalsWithEps(dy.sum(0), 1e-5)).isTrue();
        assertThat(flat.get(interval(0, 5)).sumNumber().doubleValue()).isZero();
        assertThat(flat.get(interval(8, 20)).sumNumber().doubleValue()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aColumnViewGoesThroughNd4jAndShapesAreChecked(DataType dt) {
        INDArray x = Nd4j.rand(dt, 6, 4);
        INDArray column = x.get(all(), interval(1, 3));             // rows not contiguous: not for the direct path
        INDArray b = Nd4j.rand(dt, 2, 5);
        INDArray c = Nd4j.create(dt, 6, 5);
        Blas.gemm(column, b, c, false, false, 1.0, 0.0);
        assertThat(c.equalsWithEps(column.mmul(b), 1e-5)).isTrue();
        assertThatThrownBy(() -> Blas.gemm(Nd4j.rand(dt, 3, 4), Nd4j.rand(dt, 5, 2), Nd4j.create(dt, 3, 2), false, false, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
