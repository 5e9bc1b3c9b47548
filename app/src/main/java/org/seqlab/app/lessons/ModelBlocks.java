package org.seqlab.app.lessons;

import org.seqlab.app.text.Texts;
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
            m.problem("family", e.getLocalizedMessage());
            return null;
        }
        for (Hyperparameter h : Hyperparameter.values()) {
            if (m.has(h.key()) && !h.appliesTo(family)) {   // never silently ignored: the author expects it to change something
                m.problem(h.key(), Texts.get("lp.appliesTo", h.key(), h.whose(), family.id()));
            }
        }
        Integer hidden = integer(m, Hyperparameter.HIDDEN);
        for (String alias : List.of("width", "channels")) {
            hidden = hidden != null ? hidden : m.integer(alias, Hyperparameter.HIDDEN.range()[0], Hyperparameter.HIDDEN.range()[1]);
        }
        Positional positions = named(m, "positions", Positional::parse);
        Schedule schedule = named(m, "schedule", Schedule::parse);
        Double clip = null;
        if (m.has("clip")) {
            String v = m.string("clip", "");
            clip = v.strip().equalsIgnoreCase("off") || v.strip().equalsIgnoreCase("false") ? 0.0 : m.number("clip");
        }
        Scene.Model model = new Scene.Model(m.line(), family, hidden, integer(m, Hyperparameter.LAYERS), integer(m, Hyperparameter.EMBED),
                integer(m, Hyperparameter.HEADS), integer(m, Hyperparameter.CONTEXT), positions, integer(m, Hyperparameter.KERNEL),
                m.bool("dilation"), m.number("lr"), clip, schedule, integer(m, Hyperparameter.WARMUP), integer(m, Hyperparameter.DECAY),
                m.number("scheduled_sampling"), integer(m, Hyperparameter.RAMP), named(m, "order", PixelOrder::parse),
                named(m, "optimizer", OptimizerConfig.Method::parse), integer(m, Hyperparameter.KV_HEADS),
                named(m, "norm", Norm::parse));
        try {
            model.toConfig();   // the lab's own checks: sizes, heads dividing the width, rates
        } catch (IllegalArgumentException e) {
            m.problem("family", e.getLocalizedMessage());
        }
        return model;
    }

    /** A key's value parsed by the engine's own names (null when absent; a problem with the line when unknown). */
    private static <T> T named(YamlBlock m, String key, Function<String, T> parse) {
        try {
            return m.has(key) ? parse.apply(m.string(key, "")) : null;
        } catch (IllegalArgumentException e) {
            m.problem(key, e.getLocalizedMessage());
            return null;
        }
    }

    /** A whole-number setting, within the range the table gives it. */
    private static Integer integer(YamlBlock m, Hyperparameter h) {
        return m.integer(h.key(), h.range()[0], h.range()[1]);
    }
}
