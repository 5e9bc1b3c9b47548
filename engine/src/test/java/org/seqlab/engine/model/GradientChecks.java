package org.seqlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central-difference gradient checks in double precision: perturb one number by ±ε, recompute the
 * scalar loss, and compare (L(θ+ε) − L(θ−ε)) / 2ε with the analytic gradient.
 */
public final class GradientChecks {

    public static final double EPS = 1e-6;
    /** Relative error allowed; double precision central differences reach about 1e-8 here. */
    public static final double TOLERANCE = 1e-5;

    private GradientChecks() {
    }

    /**
     * Checks every element of {@code values} (or every k-th when there are many) against {@code analytic}.
     *
     * @param loss recomputes the scalar loss from the current {@code values}
     * @return the largest relative error seen
     */
    public static double check(String what, INDArray values, INDArray analytic, DoubleSupplier loss) {
        long n = values.length();
        long stride = Math.max(1, n / 400);
        double worst = 0;
        INDArray flatValues = values.reshape(n);
        INDArray flatGrad = analytic.reshape(n);
        // a central difference of f carries f's rounding, about 1e-16·|f| / EPS: below 1e-9·max(1, |f|) both are zero
        double floor = 1e-9 * Math.max(1, Math.abs(loss.getAsDouble()));
        for (long i = 0; i < n; i += stride) {
            double v = flatValues.getDouble(i);
            flatValues.putScalar(i, v + EPS);
            double up = loss.getAsDouble();
            flatValues.putScalar(i, v - EPS);
            double down = loss.getAsDouble();
            flatValues.putScalar(i, v);
            double numeric = (up - down) / (2 * EPS);
            double exact = flatGrad.getDouble(i);
            double err = Math.abs(numeric - exact) / Math.max(1e-8, Math.abs(numeric) + Math.abs(exact));
            if (Math.abs(numeric - exact) < floor) {
                err = 0; // both essentially zero
            }
            assertThat(err).as("%s[%d]: numeric %.10g vs analytic %.10g", what, i, numeric, exact).isLessThan(TOLERANCE);
            worst = Math.max(worst, err);
        }
        return worst;
    }
}
