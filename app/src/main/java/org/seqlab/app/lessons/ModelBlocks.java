package org.seqlab.app.lessons;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Norm;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.train.Hyperparameter;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.Schedule;

/** A scene's model blocks: their keys are the one table's ({@link Hyperparameter}), and each is checked as the lab checks it. */
final class ModelBlocks {

    /** The family, every setting of the one table, and two other names for {@code hidden}. */
    static final Set<String> KEYS = Stream.concat(Stream.of("family"), Stream.concat(Arrays.stream(Hyperparameter.values())
            .map(Hyperparameter::key), Stream.of("width", "channels"))).collect(Collectors.toCollection(LinkedHashSet::new));

    private ModelBlocks() {
    }

    /** A model block: the family and its settings, each checked as the lab checks it; null when the family is unknown. */
    static Scene.Model parse(YamlBlock m) {
        m.onlyKeys("model", KEYS);
        String name = m.required("family", "a model");
        Family family;
        try {
            family = Family.parse(name);
        } catch (IllegalArgumentException e) {
            m.problem("family", e.getMessage());
            return null;
        }
        for (Hyperparameter h : Hyperparameter.values()) {
            if (m.has(h.key()) && !h.appliesTo(family)) {   // never silently ignored: the author expects it to change something
                m.problem(h.key(), "'" + h.key() + "' applies to " + h.whose() + ", not to " + family.id() + "; leave it out");
            }
        }
        Integer hidden = m.integer("hidden", 1, 4096);
        for (String alias : List.of("width", "channels")) {
            hidden = hidden != null ? hidden : m.integer(alias, 1, 4096);
        }
        Positional positions = named(m, "positions", Positional::parse);
        Schedule schedule = named(m, "schedule", Schedule::parse);
        Double clip = null;
        if (m.has("clip")) {
            String v = m.string("clip", "");
            clip = v.strip().equalsIgnoreCase("off") || v.strip().equalsIgnoreCase("false") ? 0.0 : m.number("clip");
        }
        Scene.Model model = new Scene.Model(m.line(), family, hidden, m.integer("layers", 1, 16), m.integer("embed", 0, 4096),
                m.integer("heads", 1, 64), m.integer("context", 1, 4096), positions, m.integer("kernel", 1, 31), m.bool("dilation"),
                m.number("lr"), clip, schedule, m.integer("warmup", 0, 1_000_000), m.integer("decay", 1, 1_000_000),
                m.number("scheduled_sampling"), m.integer("ramp", 0, 1_000_000), named(m, "order", PixelOrder::parse),
                named(m, "optimizer", OptimizerConfig.Method::parse), m.integer("kv_heads", 1, 64),
                named(m, "norm", Norm::parse));
        try {
            model.toConfig();   // the lab's own checks: sizes, heads dividing the width, rates
        } catch (IllegalArgumentException e) {
            m.problem("family", e.getMessage());
        }
        return model;
    }

    /** A key's value parsed by the engine's own names (null when absent; a problem with the line when unknown). */
    private static <T> T named(YamlBlock m, String key, Function<String, T> parse) {
        try {
            return m.has(key) ? parse.apply(m.string(key, "")) : null;
        } catch (IllegalArgumentException e) {
            m.problem(key, e.getMessage());
            return null;
        }
    }
}
