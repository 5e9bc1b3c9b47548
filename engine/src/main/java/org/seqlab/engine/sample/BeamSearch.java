package org.seqlab.engine.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.seqlab.engine.model.SequenceModel;

/**
 * Beam search: keep the W continuations with the highest log-probability at every step. Every hypothesis ever
 * scored is kept in the result, pruned ones included, so the search can be drawn as a tree. A hypothesis that
 * emits the stop token is finished; the final list ranks finished and surviving ones by log-probability per token
 * (length-normalised, so short finished hypotheses are not favoured just for being short).
 */
public final class BeamSearch {

    /**
     * One node of the search tree.
     *
     * @param id       unique within the result; {@code parent} is −1 at the root's children
     * @param depth    tokens generated so far (1 for the first)
     * @param logProb  log p of the whole continuation under the model, in nats
     * @param pruned   fell out of the beam at this depth
     * @param finished ended with the stop token
     */
    public record Hypothesis(int id, int parent, int depth, int token, int[] tokens, double logProb, boolean pruned, boolean finished) {
        /** Log-probability per token. */
        public double normalized() {
            return logProb / Math.max(1, depth);
        }
    }

    /** Every node, and the final hypotheses ranked by {@link Hypothesis#normalized()}. */
    public record Result(List<Hypothesis> tree, List<Hypothesis> ranked, int width) {
    }

    private record Live(Hypothesis h, Primed primed) {
    }

    private BeamSearch() {
    }

    /**
     * @param prompt tokens fed first (at least one)
     * @param stop   a token that ends a hypothesis, or −1
     */
    public static Result run(SequenceModel model, int[] prompt, int width, int length, int stop) {
        Primed primed = Primed.of(model, prompt);
        List<Hypothesis> tree = new ArrayList<>();
        List<Hypothesis> finished = new ArrayList<>();
        List<Live> beam = List.of(new Live(null, primed));
        int nextId = 0;
        for (int depth = 1; depth <= length && !beam.isEmpty(); depth++) {
            List<Hypothesis> candidates = new ArrayList<>();
            List<Live> parents = new ArrayList<>();
            for (Live live : beam) {
                double[] p = Sampler.softmax(live.primed().logits(), 1.0);
                int[] prefix = live.h() == null ? new int[0] : live.h().tokens();
                double base = live.h() == null ? 0 : live.h().logProb();
                for (int v = 0; v < p.length; v++) {
                    int[] tokens = Arrays.copyOf(prefix, prefix.length + 1);
                    tokens[prefix.length] = v;
                    candidates.add(new Hypothesis(-1, live.h() == null ? -1 : live.h().id(), depth, v, tokens,
                            base + Math.log(Math.max(p[v], Double.MIN_VALUE)), false, v == stop));
                    parents.add(live);
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble(i -> -candidates.get(i).logProb()));
            List<Live> next = new ArrayList<>();
            for (int rank = 0; rank < order.size(); rank++) {
                Hypothesis c = candidates.get(order.get(rank));
                boolean kept = rank < width;
                // keep the pruned ones that were close, so the tree shows what the beam gave up (not all V·W)
                if (!kept && rank >= 2 * width) {
                    continue;
                }
                Hypothesis h = new Hypothesis(nextId++, c.parent(), c.depth(), c.token(), c.tokens(), c.logProb(), !kept, c.finished());
                tree.add(h);
                if (!kept) {
                    continue;
                }
                if (h.finished() || depth == length) {
                    finished.add(h);
                } else {
                    Live parent = parents.get(order.get(rank));
                    next.add(new Live(h, parent.primed().feed(model, h.token())));
                }
            }
            beam = next;
        }
        finished.sort(Comparator.comparingDouble(h -> -h.normalized()));
        return new Result(tree, finished, width);
    }
}
