package org.seqlab.engine.sample;

/**
 * One step of decoding, with every distribution involved.
 *
 * @param raw        the model's distribution softmax(logits)
 * @param tempered   softmax(logits / T)
 * @param kept       which tokens the strategy keeps (top-k, top-p); all for sampling, one for greedy
 * @param reshaped   the tempered distribution restricted to the kept tokens and renormalised: what is drawn from
 * @param chosen     the token chosen
 * @param logProb    log p(chosen) under the model's raw distribution, in nats
 * @param totalLogProb the running sum of {@code logProb} up to and including this step
 */
public record DecodeStep(double[] raw, double[] tempered, boolean[] kept, double[] reshaped, int chosen, double logProb,
        double totalLogProb) {
}
