package org.seqlab.engine.sample;
import org.seqlab.engine.io.BadValue;

/**
 * A decoding strategy and its knobs.
 *
 * @param temperature divides the logits before the softmax (sampling strategies); → 0 approaches greedy
 * @param k           tokens kept by top-k
 * @param p           mass kept by top-p
 * @param beam        width of beam search
 * @param seed        makes sampling repeatable
 */
public record DecodingConfig(Strategy strategy, double temperature, int k, double p, int beam, long seed) {

    public DecodingConfig {
        if (strategy == null) {
            throw BadValue.says("config.noStrategy");
        }
        if (!(temperature >= 0) || temperature > 100) {
            throw BadValue.says("config.temperature", temperature);
        }
        if (k < 1) {
            throw BadValue.says("config.topK", k);
        }
        if (!(p > 0 && p <= 1)) {
            throw BadValue.says("config.topP", p);
        }
        if (beam < 1 || beam > 64) {
            throw BadValue.says("config.beam", beam);
        }
    }

    public static DecodingConfig of(Strategy s) {
        return new DecodingConfig(s, 1.0, 5, 0.9, 4, 1);
    }

    public DecodingConfig withTemperature(double t) {
        return new DecodingConfig(strategy, t, k, p, beam, seed);
    }

    public DecodingConfig withK(int v) {
        return new DecodingConfig(strategy, temperature, v, p, beam, seed);
    }

    public DecodingConfig withP(double v) {
        return new DecodingConfig(strategy, temperature, k, v, beam, seed);
    }

    public DecodingConfig withBeam(int w) {
        return new DecodingConfig(strategy, temperature, k, p, w, seed);
    }

    public DecodingConfig withSeed(long s) {
        return new DecodingConfig(strategy, temperature, k, p, beam, s);
    }

    /** "top-k k=5 T=0.80". */
    public String describe() {
        return switch (strategy) {
            case GREEDY -> "greedy";
            case SAMPLE -> String.format("sample T=%.2f", temperature);
            case TOP_K -> String.format("top-k k=%d T=%.2f", k, temperature);
            case TOP_P -> String.format("top-p p=%.2f T=%.2f", p, temperature);
            case BEAM -> "beam W=" + beam;
        };
    }
}
