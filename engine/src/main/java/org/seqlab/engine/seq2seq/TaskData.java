package org.seqlab.engine.seq2seq;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A task's examples, generated from a seed: training, validation and test splits within the training lengths (no
 * validation or test source appears in training, where the task has enough distinct sources), and a test split of
 * sources longer than any in training.
 */
public record TaskData(Task task, long seed, List<Pair> train, List<Pair> validation, List<Pair> test, List<Pair> longer) {

    public static final int TRAIN = 20_000;
    public static final int HELD_OUT = 500;

    public static TaskData generate(Task task, long seed) {
        return generate(task, seed, TRAIN, HELD_OUT);
    }

    public static TaskData generate(Task task, long seed, int trainSize, int heldOut) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Pair> train = new ArrayList<>(trainSize);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < trainSize; i++) {
            String s = task.draw(rng, false);
            seen.add(s);
            train.add(new Pair(s, task.reference(s)));
        }
        List<Pair> validation = unseen(task, rng, heldOut, seen, false);
        List<Pair> test = unseen(task, rng, heldOut, seen, false);
        List<Pair> longer = unseen(task, rng, heldOut, seen, true);
        return new TaskData(task, seed, List.copyOf(train), validation, test, longer);
    }

    /** Held-out examples; a source seen before is drawn again (up to 50 times: one-letter strings all recur). */
    private static List<Pair> unseen(Task task, SplittableRandom rng, int count, Set<String> seen, boolean longer) {
        List<Pair> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String s = task.draw(rng, longer);
            for (int tries = 0; tries < 50 && seen.contains(s); tries++) {
                s = task.draw(rng, longer);
            }
            seen.add(s);
            out.add(new Pair(s, task.reference(s)));
        }
        return List.copyOf(out);
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
