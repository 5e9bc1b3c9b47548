package org.seqlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every model's weights at chosen steps of a session, so that the views can go back to any of them and forward again
 * (a training-time scrubber). Kept on a schedule dense early and sparse later — the moment a pattern forms is usually
 * early — within {@link #BUDGET_BYTES}; past it, the checkpoint closest to a neighbour is dropped. Viewing a checkpoint
 * puts its weights into the models and keeps the live ones aside until training goes on. Confined to the engine thread.
 */
public final class Checkpoints {

    /** The most the checkpoints of one session hold (weights as float32). */
    public static final long BUDGET_BYTES = 200L << 20;
    /** The most checkpoints a saved run may carry. */
    public static final int MAX_SAVED = 96;

    private static final int[] MANTISSAS = {10, 15, 20, 25, 30, 40, 50, 60, 80};

    private final TreeMap<Integer, float[][]> byStep = new TreeMap<>();
    private final long budget;
    private long bytes;
    private int viewing = -1;
    private float[][] live;

    Checkpoints() {
        this(BUDGET_BYTES);
    }

    Checkpoints(long budget) {
        this.budget = budget;
    }

    /** Whether a checkpoint is kept after {@code step}: 0, 5, then 10, 15, 20, 25, 30, 40, 50, 60, 80 times powers of ten. */
    public static boolean due(int step) {
        if (step == 0 || step == 5) {
            return true;
        }
        for (long scale = 1; scale * 10 <= step; scale *= 10) {
            for (int m : MANTISSAS) {
                if (m * scale == step) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Copies every model's weights as they are after {@code step}. */
    void record(int step, List<ModelRun> runs) {
        float[][] w = new float[runs.size()][];
        long size = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = runs.get(i).model().parameters().flat().toFloatVector();
            size += (long) w[i].length * Float.BYTES;
        }
        put(step, w, size);
    }

    /** A checkpoint read back from a saved run. */
    void put(int step, float[][] weights) {
        long size = 0;
        for (float[] w : weights) {
            size += (long) w.length * Float.BYTES;
        }
        put(step, weights, size);
    }

    private void put(int step, float[][] w, long size) {
        float[][] old = byStep.put(step, w);
        if (old != null) {
            bytes -= sizeOf(old);
        }
        bytes += size;
        while (bytes > budget && byStep.size() > 2) {
            // drop the inner checkpoint nearest to the one before it: the schedule thins where it was densest
            Integer drop = null;
            int gap = Integer.MAX_VALUE;
            Integer before = null;
            for (Integer s : byStep.keySet()) {
                if (before != null && !s.equals(byStep.lastKey()) && s - before < gap) {
                    gap = s - before;
                    drop = s;
                }
                before = s;
            }
            bytes -= sizeOf(byStep.remove(drop));
        }
    }

    private static long sizeOf(float[][] w) {
        long n = 0;
        for (float[] a : w) {
            n += (long) a.length * Float.BYTES;
        }
        return n;
    }

    /** The steps with a checkpoint, in order. */
    public int[] steps() {
        return byStep.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The weights of every model at a step (for saving and tests). */
    public float[][] weights(int step) {
        return byStep.get(step);
    }

    public long bytes() {
        return bytes;
    }

    /** The step whose checkpoint the models hold now, or −1 when they hold their live weights. */
    public int viewing() {
        return viewing;
    }

    /** Puts the checkpoint of {@code step} into the models (the live weights kept aside). */
    void view(int step, List<ModelRun> runs) {
        float[][] w = byStep.get(step);
        if (w == null) {
            throw new IllegalArgumentException("no checkpoint at step " + step + "; there are " + byStep.keySet());
        }
        if (live == null) {
            live = new float[runs.size()][];
            for (int i = 0; i < runs.size(); i++) {
                live[i] = runs.get(i).model().parameters().flat().toFloatVector();
            }
        }
        assign(w, runs);
        viewing = step;
    }

    /** Gives the models their live weights back (before training, saving or a new checkpoint). */
    void live(List<ModelRun> runs) {
        if (live != null) {
            assign(live, runs);
            live = null;
        }
        viewing = -1;
    }

    /** The live weights of run {@code i}: the models' own, or the ones kept aside while a checkpoint is viewed. */
    float[] liveWeights(int i, List<ModelRun> runs) {
        return live != null ? live[i] : runs.get(i).model().parameters().flat().toFloatVector();
    }

    private static void assign(float[][] w, List<ModelRun> runs) {
        for (int i = 0; i < runs.size(); i++) {
            var flat = runs.get(i).model().parameters().flat();
            flat.assign(Nd4j.createFromArray(w[i]).castTo(flat.dataType()).reshape(flat.shape()));
        }
    }

    /** The checkpoints as (step, weights) in order, at most {@link #MAX_SAVED} of them spread over the steps. */
    List<Map.Entry<Integer, float[][]>> forSaving() {
        List<Map.Entry<Integer, float[][]>> all = new ArrayList<>(byStep.entrySet());
        if (all.size() <= MAX_SAVED) {
            return all;
        }
        List<Map.Entry<Integer, float[][]>> kept = new ArrayList<>();
        for (int k = 0; k < MAX_SAVED; k++) {
            kept.add(all.get((int) Math.round(k * (all.size() - 1) / (double) (MAX_SAVED - 1))));
        }
        return kept;
    }
}
