package org.seqlab.engine.data.tasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A task's examples, generated from a seed: training, validation and test splits within the training lengths, and a
 * test split of sources longer than any in training.
 *
 * <p>The held-out sources are drawn first, and training never draws one of them, so validation and test measure
 * what was not learned by heart, at every length: of each length at most a fifth of its distinct sources is held out
 * (so 2 of the 10 one-digit numbers, 5 of the 26 one-letter strings), and the rest of that length stays in training.
 */
public record TaskData(Task task, long seed, List<Pair> train, List<Pair> validation, List<Pair> test, List<Pair> longer) {

    public static final int TRAIN = 20_000;
    public static final int HELD_OUT = 500;

    public static TaskData generate(Task task, long seed) {
        return generate(task, seed, TRAIN, HELD_OUT);
    }

    public static TaskData generate(Task task, long seed, int trainSize, int heldOut) {
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> held = new HashSet<>();
        Map<Integer, Long> heldByLength = new HashMap<>();
        List<Pair> validation = heldOut(task, rng, heldOut, held, heldByLength, false);
        List<Pair> test = heldOut(task, rng, heldOut, held, heldByLength, false);
        List<Pair> longer = heldOut(task, rng, heldOut, held, heldByLength, true);
        List<Pair> train = new ArrayList<>(trainSize);
        for (int i = 0; i < trainSize; i++) {
            String s = task.draw(rng, false);
            while (held.contains(s)) {          // ends: at most a fifth of any length is held out
                s = task.draw(rng, false);
            }
            train.add(new Pair(s, task.reference(s)));
        }
        return new TaskData(task, seed, List.copyOf(train), validation, test, longer);
    }

    /**
     * Held-out examples, each a source not held out before and of a length not yet a fifth held out; after 50 draws
     * without one, the last draw is taken as it is (this happens only where a task has very few sources at all).
     */
    private static List<Pair> heldOut(Task task, SplittableRandom rng, int count, Set<String> held, Map<Integer, Long> byLength,
            boolean longer) {
        List<Pair> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String s = task.draw(rng, longer);
            for (int tries = 0; tries < 50 && (held.contains(s) || full(task, byLength, s.length())); tries++) {
                s = task.draw(rng, longer);
            }
            if (held.add(s)) {
                byLength.merge(s.length(), 1L, Long::sum);
            }
            out.add(new Pair(s, task.reference(s)));
        }
        return List.copyOf(out);
    }

    private static boolean full(Task task, Map<Integer, Long> byLength, int length) {
        return byLength.getOrDefault(length, 0L) >= Math.max(1, task.distinctSources(length) / 5);
    }

    /** The split called {@code train}, {@code validation}, {@code test} or {@code long}. */
    public List<Pair> split(String name) {
        return switch (name) {
            case "train" -> train;
            case "validation", "val" -> validation;
            case "test" -> test;
            case "long" -> longer;
            default -> throw new IllegalArgumentException("no split '" + name + "'; the splits are train, validation, test and long");
        };
    }
}
