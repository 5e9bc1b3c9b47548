package org.seqlab.engine.expect;

import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.inspect.AnomalyDetection;
import org.seqlab.engine.inspect.ExposureBias;
import org.seqlab.engine.inspect.Health;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.inspect.LengthProbe;
import org.seqlab.engine.inspect.OrderBlindness;
import org.seqlab.engine.inspect.TakeApart;
import org.seqlab.engine.metrics.Baselines;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Forward;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.transformer.TransformerModel;
import org.seqlab.engine.sample.Decoder;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSession;

/**
 * The measurements of {@link Measure} on a session's models as they are now. Runs on the engine thread (it calls the
 * models); each value is computed from a forward or backward pass of the real model, never from a figure.
 */
public final class SessionMeasures implements Measures {

    /** The symbol after which the recall task asks for the remembered one. */
    public static final int RECALL_MARKER = '?';

    private final TrainingSession session;
    private final String input;
    private boolean evaluated;

    /** @param input the scene's input to inspect (its gradients), or null for the data's first example */
    public SessionMeasures(TrainingSession session, String input) {
        this.session = session;
        this.input = input;
    }

    @Override
    public double value(MeasureCall call) {
        ModelRun run = call.model() == null ? null : run(call.model());
        return switch (call.measure()) {
            case BITS -> bits(run);
            case BITS_PER_CHAR -> bits(run) / session.dataOf(run).charactersPerToken();
            case TRAIN_BITS -> trainBits(run);
            case GRAD_NORM -> session.checkpoints().viewing() >= 0 ? Double.NaN : run.lastGradNorm();   // not kept per checkpoint
            case DIVERGED -> run.status() == ModelRun.Status.DIVERGED ? 1 : 0;
            case FIELD -> field(run);
            case GREEDY_LOOP -> greedyLoop(run);
            case CACHE -> ((TransformerModel) run.model()).cachePerToken();
            case UNIGRAM -> Baselines.unigramBits(session.dataOf(run), session.validation(run));
            case PER_POSITION -> Baselines.perPositionBits(session.dataOf(run), session.validation(run));
            case AUC -> auc(run, call.args().get(0));
            case FREE_GAP -> freeGap(run);
            case FLOOR -> session.entropyFloorBits().orElseThrow(
                    () -> new IllegalArgumentException("floor() needs a synthetic source, whose entropy is known exactly"));
            case GRAD_RATIO -> gradRatio(run, call.args().get(0));
            case INDUCTION -> induction(run);
            case BLIND_SPOT -> blindSpot(run);
            case RECALL -> recall(run);
            case EXACT -> throw new IllegalArgumentException("exact is measured on encoder–decoders only");
            case UPDATE_RATIO -> session.checkpoints().viewing() >= 0 ? Double.NaN : Health.updateRatio(run);   // not kept per checkpoint
            case CLIPPED -> session.checkpoints().viewing() >= 0 ? Double.NaN : Health.clippedShare(run);
            case SATURATED -> Health.saturatedShare(Inspection.of(run.model(), inputTokens(run)));
            case PINNED -> Health.pinnedShare(Inspection.of(run.model(), inputTokens(run)));
            case LONG_BITS -> longBits(run, call.args().get(0));
            case HEAD_OFF -> off(run, new Ablation(Ablation.Part.HEAD, call.args().get(0), call.args().get(1)));
            case INDUCTION_OFF -> {
                int[] best = TakeApart.bestInductionHead(TakeApart.inductionScores(run.model()));
                yield off(run, new Ablation(Ablation.Part.HEAD, best[0], best[1]));
            }
            case HEAD_INDUCTION -> headInduction(run, call.args().get(0), call.args().get(1));
            case GATE_OFF -> off(run, new Ablation(Ablation.Part.GATE, call.args().get(0), call.args().get(1)));
            case UNIT_OFF -> off(run, new Ablation(Ablation.Part.UNIT, call.args().get(0), call.args().get(1)));
            case LAYER_OFF -> off(run, new Ablation(Ablation.Part.LAYER, call.args().get(0), 0));
            case LENS_BITS -> lensBits(run, call.args().get(0));
            case PERM_GAP -> orderBlindness(run).maxUnmaskedGap();
            case PERM_LAST -> orderBlindness(run).lastCausalGap();
            case PATCHED, PATCHED_ALL -> TakeApart.patch(run.id(), run.model(), session.dataOf(run).vocabulary(), inputTokens(run),
                    call.args().get(0), call.measure() == Measure.PATCHED_ALL).meanGap();
        };
    }

    /** Validation bits on windows k × T long, as the length view measures them (NaN past a learned position table). */
    private double longBits(ModelRun run, int k) {
        if (k < 1 || k > 8) {
            throw new IllegalArgumentException("long_bits(A, k) takes k from 1 to 8, not " + k);
        }
        return LengthProbe.bits(run, session.dataOf(run), k * session.config().steps());
    }

    /** The extra validation bits with one part switched off (the weights are put back). */
    private double off(ModelRun run, Ablation part) {
        return TakeApart.validationCost(run.model(), session.validation(run), part);
    }

    private double headInduction(ModelRun run, int layer, int head) {
        double[][] s = TakeApart.inductionScores(run.model());
        if (layer < 0 || layer >= s.length || head < 0 || head >= s[0].length) {
            throw new IllegalArgumentException("head_induction(" + run.id() + ", " + layer + ", " + head + "): the model has blocks 0 to "
                    + (s.length - 1) + " and heads 0 to " + (s[0].length - 1));
        }
        return s[layer][head];
    }

    private OrderBlindness orderBlindness(ModelRun run) {
        if (!(run.model() instanceof TransformerModel t)) {
            throw new IllegalArgumentException("perm_gap(" + run.id() + ") and perm_last(" + run.id() + ") need a Transformer");
        }
        return OrderBlindness.of(run.id(), t, session.dataOf(run).vocabulary(), inputTokens(run));
    }

    private double lensBits(ModelRun run, int layer) {
        if (!(run.model() instanceof TransformerModel t)) {
            throw new IllegalArgumentException("lens_bits(" + run.id() + ", …) needs a Transformer");
        }
        return TakeApart.lensBits(t, session.validation(run), layer);
    }


    private ModelRun run(String letter) {
        int i = letter.charAt(0) - 'A';
        if (i < 0 || i >= session.runs().size()) {
            throw new IllegalArgumentException("there is no model " + letter + " (the scene has " + session.runs().size() + ")");
        }
        return session.runs().get(i);
    }

    /** The validation loss at the current step (evaluated now unless the last evaluation was at this step). */
    private double bits(ModelRun run) {
        var v = run.validationBits();
        int at = session.checkpoints().viewing();
        if (at >= 0) {
            // a checkpoint's models: the curve's point when validation ran at that step (the same weights and batches,
            // so the same number), else measured now and never recorded in the live curve
            for (int i = v.size() - 1; i >= 0 && v.step(i) >= at; i--) {
                if (v.step(i) == at) {
                    return v.value(i);
                }
            }
            return session.validationBitsNow(run);
        }
        if (!evaluated && (v.isEmpty() || v.step(v.size() - 1) != session.stepsTaken())) {
            session.evaluate();
        }
        evaluated = true;
        return run.validationBits().last();
    }

    /** The training loss's recent mean; at a checkpoint, the recorded mean of the 25 steps up to it. */
    private double trainBits(ModelRun run) {
        int at = session.checkpoints().viewing();
        if (at < 0) {
            return run.trainBits().recentMean(25);
        }
        var t = run.trainBits();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.step(i) <= at && t.step(i) > at - 25) {
                sum += t.value(i);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The scene's input (or the data's first example) as {@code run} reads it. */
    private int[] inputTokens(ModelRun run) {
        String text = input != null && !input.isEmpty() ? input : session.data().examples().get(0);
        return session.encodeFor(run, text);
    }

    /** ‖∂L_T/∂h_{T−k}‖ ÷ ‖∂L_T/∂h_T‖ at the top recurrent layer, L_T the loss at the input's last position. */
    private double gradRatio(ModelRun run, int k) {
        SequenceModel m = run.model();
        if (m.probes().stream().noneMatch(p -> p instanceof Probe.GradientNorm g && g.of() == Probe.GradientOf.HIDDEN)) {
            throw new IllegalArgumentException("grad_ratio(" + run.id() + ", …) needs a recurrent model");
        }
        int[] tokens = inputTokens(run);
        if (tokens.length <= k + 1) {
            throw new IllegalArgumentException("grad_ratio(" + run.id() + ", " + k + ") needs an input longer than " + (k + 1) + " symbols");
        }
        return Health.gradRatio(Inspection.of(m, tokens), k);
    }

    /** The best head's induction score ({@link TakeApart#inductionScores}). */
    private double induction(ModelRun run) {
        double[][] s = TakeApart.inductionScores(run.model());
        int[] best = TakeApart.bestInductionHead(s);
        return s[best[0]][best[1]];
    }

    /**
     * From the middle pixel's loss back to the image: earlier pixels inside the bounding box of those the gradient
     * reaches that it does not reach.
     */
    private double blindSpot(ModelRun run) {
        SequenceModel m = run.model();
        ImageShape shape = session.data().imageShape();
        // the gradient at the first layer's input: the image itself, what the model can and cannot see
        Probe.ReceptiveField image = m.probes().stream().filter(p -> p instanceof Probe.ReceptiveField).map(Probe.ReceptiveField.class::cast)
                .reduce((a, b) -> b.layer() < a.layer() ? b : a)
                .orElseThrow(() -> new IllegalArgumentException("blind_spot(" + run.id() + ") needs a PixelCNN"));
        if (shape == null) {
            throw new IllegalArgumentException("blind_spot(" + run.id() + ") needs image data");
        }
        int width = shape.width();
        int pixel = shape.height() / 2 * width + width / 2;
        Trace.Array grad = Inspection.of(m, inputTokens(run), pixel).get(image);
        return Inspection.blindSpot(grad, pixel, width).cardinality();
    }

    /** Inputs of a whole validation window that the last position's loss reaches (a non-zero gradient at layer 0's input). */
    private double field(ModelRun run) {
        SequenceModel m = run.model();
        Probe.GradientNorm input = new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, 0);
        if (!m.probes().contains(input) || m.spec().family() != Family.CONV1D) {
            throw new IllegalArgumentException("field(" + run.id() + ") needs a causal convolution");
        }
        Batch window = session.data().validationBatches(1, session.config().steps(), 1).get(0);
        int[] tokens = new int[window.steps() + 1];
        for (int t = 0; t < window.steps(); t++) {
            tokens[t] = window.input(0, t);
        }
        tokens[window.steps()] = window.target(0, window.steps() - 1);
        Trace.Array g = Inspection.of(m, tokens).get(input);
        int n = 0;
        for (float v : g.data()) {
            n += v != 0 ? 1 : 0;
        }
        return n;
    }

    /** ROC AUC of held-out digits against one damaged set (1 noisy, 2 shifted, 3 inverted), 300 digits of each. */
    private double auc(ModelRun run, int set) {
        if (!(session.data() instanceof DigitsCorpus digits) || !run.config().model().family().image()) {
            throw new IllegalArgumentException("auc(" + run.id() + ", …) needs an image model trained on the digits");
        }
        String[] sets = {"noise", "shifted", "inverted"};
        if (set < 1 || set > 3) {
            throw new IllegalArgumentException("auc(" + run.id() + ", k): k is 1 (noisy), 2 (shifted) or 3 (inverted), not " + set);
        }
        return AnomalyDetection.compute(run.model(), digits, 300, session.stepsTaken(), 1).auc().get(sets[set - 1]);
    }

    /** The period of the greedy continuation's last 100 symbols, 0 when it is not in a loop. */
    private double greedyLoop(ModelRun run) {
        var vocab = session.dataOf(run).vocabulary();
        var g = Decoder.generate(run.model(), vocab, vocab.decode(inputTokens(run)), 200,
                DecodingConfig.of(Strategy.GREEDY), -1);
        return Decoder.period(g.tokens(), 100, 50);
    }

    /** Mean over the continuation of (free-running − teacher-forced) loss, in bits, greedy, from each window's first half. */
    private double freeGap(ModelRun run) {
        var sequences = ExposureBias.sequences(session.data(), session.config().steps(), 32);
        int prefix = sequences.get(0).length / 2;
        var mean = ExposureBias.average(run.model(), sequences, prefix,
                DecodingConfig.of(Strategy.GREEDY));
        double gap = 0;
        for (int t = 0; t < mean.freeRunning().length; t++) {
            gap += mean.freeRunning()[t] - mean.teacherForced()[t];
        }
        return gap / mean.freeRunning().length / Math.log(2);
    }

    /**
     * Over the validation windows: at every marker whose cue is inside the window, whether the most likely next symbol
     * is the cue.
     */
    private double recall(ModelRun run) {
        var vocab = session.data().vocabulary();
        if (!vocab.contains(RECALL_MARKER)) {
            throw new IllegalArgumentException("recall(" + run.id() + ") needs the recall task (synthetic:recall)");
        }
        int marker = vocab.encode(String.valueOf((char) RECALL_MARKER))[0];
        int dot = vocab.encode(".")[0];
        int asked = 0;
        int right = 0;
        for (Batch b : session.data().validationBatches(session.config().batch(), session.config().steps(), session.config().evalBatches())) {
            Forward f = run.model().forward(b, TraceLevel.NONE);
            for (int i = 0; i < b.batch(); i++) {
                for (int t = 0; t < b.steps(); t++) {
                    if (b.input(i, t) != marker) {
                        continue;
                    }
                    // only recalls whose cue is inside the window: one cut off at its start cannot be known
                    int s = t - 1;
                    while (s >= 0 && b.input(i, s) == dot) {
                        s--;
                    }
                    if (s < 0 || b.input(i, s) == marker) {
                        continue;
                    }
                    int best = 0;
                    for (int v = 1; v < f.vocab(); v++) {
                        if (f.logit(i, t, v) > f.logit(i, t, best)) {
                            best = v;
                        }
                    }
                    asked++;
                    right += best == b.target(i, t) ? 1 : 0;
                }
            }
        }
        if (asked == 0) {
            throw new IllegalArgumentException("recall(" + run.id() + "): no recall in the validation windows");
        }
        return right / (double) asked;
    }
}
