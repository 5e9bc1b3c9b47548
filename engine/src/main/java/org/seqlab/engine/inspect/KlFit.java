package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * One Gaussian fitted to a two-mode target, once by forward KL and once by reverse KL, with both divergences
 * computed exactly at every step: the mass-covering and mode-seeking behaviour the texts describe, shown on a grid
 * where nothing is sampled.
 *
 * <p>The target p and the model q = N(μ, σ²) are distributions over the same grid of points (q normalised on it):
 *
 * <pre>
 *   forward KL(p ‖ q) = Σ_i p_i log(p_i / q_i)      what maximum likelihood minimises: q must cover wherever p has mass
 *   reverse KL(q ‖ p) = Σ_i q_i log(q_i / p_i)      q pays for mass where p has little: it settles on one mode
 * </pre>
 *
 * With θ = (μ, s = log σ), ∂log q_i/∂μ = (x_i − μ)/σ² − E_q[(x − μ)/σ²] and ∂log q_i/∂s = (x_i − μ)²/σ² − E_q[(x − μ)²/σ²],
 * so ∂KL(p‖q)/∂θ = −Σ p_i ∂log q_i and ∂KL(q‖p)/∂θ = Σ q_i (log q_i − log p_i) ∂log q_i. Plain gradient descent.
 */
public final class KlFit {

    /** The steps the lab's view shows. */
    public static final int DEFAULT_STEPS = 400;

    /** The grid and the target's probabilities on it. */
    public record Target(double[] x, double[] p) {
    }

    /** One step of a fit: the Gaussian, its distribution on the grid, and both divergences (nats). */
    public record Frame(int step, double mu, double sigma, double[] q, double forwardKl, double reverseKl) {
    }

    /** Both fits from the same start. */
    public record Fits(Target target, List<Frame> forward, List<Frame> reverse) {
    }

    private KlFit() {
    }

    /**
     * Two Gaussian modes, at ±{@code separation}/2 with width 0.6, the left one weighing {@code leftWeight}, on
     * {@code points} grid points over [−6, 6].
     */
    public static Target twoModes(int points, double separation, double leftWeight) {
        if (points < 10 || points > 10_000) {
            throw new IllegalArgumentException("the grid needs 10 to 10,000 points, not " + points);
        }
        double[] x = new double[points];
        double[] p = new double[points];
        double sum = 0;
        for (int i = 0; i < points; i++) {
            x[i] = -6 + 12.0 * i / (points - 1);
            p[i] = Math.max(1e-300, leftWeight * gauss(x[i], -separation / 2, 0.6) + (1 - leftWeight) * gauss(x[i], separation / 2, 0.6));
            sum += p[i];
        }
        for (int i = 0; i < points; i++) {
            p[i] /= sum;
        }
        return new Target(x, p);
    }

    /** Both fits, {@code steps} steps of gradient descent each at rate {@code lr}, from N(mu0, sigma0²). */
    public static Fits fit(Target t, double mu0, double sigma0, int steps, double lr) {
        return new Fits(t, run(t, mu0, sigma0, steps, lr, false), run(t, mu0, sigma0, steps, lr, true));
    }

    private static List<Frame> run(Target t, double mu0, double sigma0, int steps, double lr, boolean reverse) {
        double mu = mu0;
        double s = Math.log(sigma0);
        List<Frame> frames = new ArrayList<>();
        for (int step = 0; step <= steps; step++) {
            double[] q = q(t.x(), mu, Math.exp(s));
            frames.add(new Frame(step, mu, Math.exp(s), q, kl(t.p(), q), kl(q, t.p())));
            if (step == steps) {
                break;
            }
            double[] g = gradient(t, mu, s, reverse);
            mu -= lr * g[0];
            s -= lr * g[1];
        }
        return List.copyOf(frames);
    }

    /** ∂KL/∂(μ, log σ) for the forward (false) or reverse (true) divergence. */
    public static double[] gradient(Target t, double mu, double s, boolean reverse) {
        double sigma = Math.exp(s);
        double[] x = t.x();
        double[] q = q(x, mu, sigma);
        double eMu = 0;
        double eS = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (x[i] - mu) / sigma;
            eMu += q[i] * d / sigma;
            eS += q[i] * d * d;
        }
        double gMu = 0;
        double gS = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (x[i] - mu) / sigma;
            double dMu = d / sigma - eMu;                         // ∂log q_i/∂μ
            double dS = d * d - eS;                               // ∂log q_i/∂log σ
            double w = reverse ? q[i] * (Math.log(q[i]) - Math.log(t.p()[i])) : -t.p()[i];
            gMu += w * dMu;
            gS += w * dS;
        }
        return new double[] {gMu, gS};
    }

    /** N(μ, σ²) on the grid, normalised over it (computed in logs, so far tails stay positive). */
    public static double[] q(double[] x, double mu, double sigma) {
        double[] log = new double[x.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double d = (x[i] - mu) / sigma;
            log[i] = -0.5 * d * d;
            max = Math.max(max, log[i]);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            log[i] = Math.exp(log[i] - max);
            sum += log[i];
        }
        for (int i = 0; i < x.length; i++) {
            log[i] = Math.max(log[i] / sum, Double.MIN_NORMAL);
        }
        return log;
    }

    /** KL(a ‖ b) in nats; terms with a_i = 0 contribute 0. */
    public static double kl(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0) {
                sum += a[i] * Math.log(a[i] / b[i]);
            }
        }
        return sum;
    }

    private static double gauss(double x, double mu, double sigma) {
        double d = (x - mu) / sigma;
        return Math.exp(-0.5 * d * d);
    }
}
