package org.seqlab.engine.model;

import org.seqlab.engine.io.BadValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Transformer MLP's nonlinearity: GELU(a) = a·Φ(a) (Hendrycks &amp; Gimpel 2016) in the three forms models use.
 * SeqLab trains with the sigmoid form; the erf and tanh forms are there for checkpoints imported from nanoGPT
 * ({@code nn.GELU()}) and minGPT ({@code NewGELU}).
 */
public enum Activation {
    /** a·σ(1.702a): SeqLab's, and ND4J's GELU op. */
    GELU_SIGMOID("gelu_sigmoid"),
    /** a·Φ(a) with the exact normal CDF, Φ(a) = ½ erfc(−a/√2): PyTorch's nn.GELU(). */
    GELU("gelu"),
    /** ½a(1 + tanh(√(2/π)(a + 0.044715a³))): GPT-2's and minGPT's. */
    GELU_TANH("gelu_tanh");

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the forms there are */
    public static Activation parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.id.equals(k)).findFirst().orElseThrow(() -> BadValue.says("config.unknownActivation", s, Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", "))));
    }

    /** GELU(a). */
    public double value(double a) {
        return switch (this) {
            case GELU_SIGMOID -> a / (1 + Math.exp(-1.702 * a));
            case GELU -> a * 0.5 * erfc(-a / Math.sqrt(2));
            case GELU_TANH -> 0.5 * a * (1 + Math.tanh(SQRT_2_OVER_PI * (a + 0.044715 * a * a * a)));
        };
    }

    /** GELU'(a). */
    public double derivative(double a) {
        return switch (this) {
            case GELU_SIGMOID -> {
                double s = 1 / (1 + Math.exp(-1.702 * a));
                yield s + 1.702 * a * s * (1 - s);
            }
            case GELU -> 0.5 * erfc(-a / Math.sqrt(2)) + a * INV_SQRT_2PI * Math.exp(-0.5 * a * a);   // Φ(a) + a φ(a)
            case GELU_TANH -> {
                double t = Math.tanh(SQRT_2_OVER_PI * (a + 0.044715 * a * a * a));
                yield 0.5 * (1 + t) + 0.5 * a * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * a * a);
            }
        };
    }

    /**
     * The complementary error function, to a relative error below 1.2e-7 everywhere (the Chebyshev fit of Numerical
     * Recipes' erfcc): float32's precision, which is what PyTorch computes GELU in.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
