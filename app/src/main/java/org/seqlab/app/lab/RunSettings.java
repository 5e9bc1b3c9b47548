package org.seqlab.app.lab;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Norm;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.train.Hyperparameter;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.Schedule;
import org.seqlab.engine.train.ScheduledSampling;

/** One model's settings as editable properties; {@link #toConfig()} checks them and builds the engine's value. */
public final class RunSettings {

    public final ObjectProperty<Family> family = new SimpleObjectProperty<>(Family.LSTM);
    public final IntegerProperty hidden = new SimpleIntegerProperty(64);
    public final IntegerProperty layers = new SimpleIntegerProperty(1);
    public final IntegerProperty embed = new SimpleIntegerProperty(32);
    public final DoubleProperty learningRate = new SimpleDoubleProperty(3e-3);
    public final ObjectProperty<Schedule> schedule = new SimpleObjectProperty<>(Schedule.CONSTANT);
    public final ObjectProperty<OptimizerConfig.Method> optimizer = new SimpleObjectProperty<>(OptimizerConfig.Method.ADAM);
    public final IntegerProperty warmup = new SimpleIntegerProperty(100);
    public final IntegerProperty decaySteps = new SimpleIntegerProperty(3000);
    public final BooleanProperty clip = new SimpleBooleanProperty(true);
    public final DoubleProperty clipNorm = new SimpleDoubleProperty(1.0);
    /** Transformer only. */
    public final IntegerProperty heads = new SimpleIntegerProperty(4);
    public final IntegerProperty context = new SimpleIntegerProperty(64);
    public final ObjectProperty<Positional> positional = new SimpleObjectProperty<>(Positional.SINUSOIDAL);
    /** Key/value heads shared by the heads (= heads: every head its own; 1: multi-query). */
    public final IntegerProperty kvHeads = new SimpleIntegerProperty(4);
    public final ObjectProperty<Norm> norm = new SimpleObjectProperty<>(Norm.PRE);
    /** Convolutions only. */
    public final IntegerProperty kernel = new SimpleIntegerProperty(2);
    public final BooleanProperty dilated = new SimpleBooleanProperty(true);
    /** Text models only: scheduled sampling's final rate ε and its ramp. */
    public final DoubleProperty scheduledSampling = new SimpleDoubleProperty(0);
    public final IntegerProperty samplingRamp = new SimpleIntegerProperty(1000);
    /** Text models on digits read as a sequence: the order they read the pixels in (null: the data's). */
    public final ObjectProperty<PixelOrder> order = new SimpleObjectProperty<>();

    /** The lab's defaults for the family ({@link RunConfig#defaults}). */
    public RunSettings(Family f) {
        set(RunConfig.defaults(f));
        // standard attention stays standard as the heads change: the key/value heads follow while they matched
        heads.addListener((o, was, now) -> {
            if (kvHeads.get() == was.intValue() || kvHeads.get() > now.intValue()) {
                kvHeads.set(now.intValue());
            }
        });
    }

    /** Settings showing an engine configuration (a scene's, a saved run's). */
    public static RunSettings of(RunConfig c) {
        RunSettings r = new RunSettings(c.model().family());
        r.set(c);
        return r;
    }

    /** Sizes that suit the family (called when the family is first chosen). */
    public void applyDefaults(Family f) {
        ModelConfig d = ModelConfig.defaults(f);
        hidden.set(d.hidden());
        layers.set(d.layers());
        kernel.set(d.kernel());
        if (f == Family.TRANSFORMER) {
            learningRate.set(1e-3);
        }
    }

    /** The same settings (for "add a model like this one"). */
    public RunSettings copy() {
        RunSettings r = new RunSettings(family.get());
        r.hidden.set(hidden.get());
        r.layers.set(layers.get());
        r.embed.set(embed.get());
        r.learningRate.set(learningRate.get());
        r.schedule.set(schedule.get());
        r.optimizer.set(optimizer.get());
        r.warmup.set(warmup.get());
        r.decaySteps.set(decaySteps.get());
        r.clip.set(clip.get());
        r.clipNorm.set(clipNorm.get());
        r.heads.set(heads.get());
        r.context.set(context.get());
        r.positional.set(positional.get());
        r.kvHeads.set(kvHeads.get());
        r.norm.set(norm.get());
        r.kernel.set(kernel.get());
        r.dilated.set(dilated.get());
        r.scheduledSampling.set(scheduledSampling.get());
        r.samplingRamp.set(samplingRamp.get());
        r.order.set(order.get());
        return r;
    }

    /** The property that holds a setting of the one table (the clip's threshold; {@link #clip} switches it). */
    public Property<?> property(Hyperparameter h) {
        return switch (h) {
            case HIDDEN -> hidden;
            case LAYERS -> layers;
            case EMBED -> embed;
            case HEADS -> heads;
            case KV_HEADS -> kvHeads;
            case CONTEXT -> context;
            case POSITIONS -> positional;
            case NORM -> norm;
            case KERNEL -> kernel;
            case DILATION -> dilated;
            case OPTIMIZER -> optimizer;
            case LR -> learningRate;
            case CLIP -> clipNorm;
            case SCHEDULE -> schedule;
            case WARMUP -> warmup;
            case DECAY -> decaySteps;
            case SCHEDULED_SAMPLING -> scheduledSampling;
            case RAMP -> samplingRamp;
            case ORDER -> order;
        };
    }

    /** The type of value a setting takes, from which the settings sheet picks its editor. */
    public static Class<?> type(Hyperparameter h) {
        return switch (h) {
            case POSITIONS -> Positional.class;
            case NORM -> Norm.class;
            case DILATION -> Boolean.class;
            case OPTIMIZER -> OptimizerConfig.Method.class;
            case SCHEDULE -> Schedule.class;
            case ORDER -> PixelOrder.class;
            case LR, CLIP, SCHEDULED_SAMPLING -> Double.class;
            default -> Integer.class;
        };
    }

    /** Every property, to listen for changes. */
    public Observable[] observables() {
        return new Observable[] {family, hidden, layers, embed, learningRate, optimizer, schedule, warmup, decaySteps, clip, clipNorm,
            heads, context, positional, kvHeads, norm, kernel, dilated, scheduledSampling, samplingRamp, order};
    }

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public RunConfig toConfig() {
        // image models are sized to the data when the session is built; 28×28 only passes the checks
        boolean image = family.get().image();
        ModelConfig m = new ModelConfig(family.get(), embed.get(), hidden.get(), layers.get(), heads.get(), context.get(),
                positional.get(), kernel.get(), dilated.get(), image ? 28 : 0, image ? 28 : 0,
                family.get() == Family.TRANSFORMER ? kvHeads.get() : 0, norm.get());
        OptimizerConfig o = OptimizerConfig.of(learningRate.get(), schedule.get(), warmup.get(),
                decaySteps.get(), clip.get(), clipNorm.get(), optimizer.get());
        return new RunConfig(m, o, new ScheduledSampling(scheduledSampling.get(), samplingRamp.get()), image ? null : order.get());
    }

    /** Shows an engine configuration in these properties. */
    public void set(RunConfig c) {
        family.set(c.model().family());
        hidden.set(c.model().hidden());
        layers.set(c.model().layers());
        embed.set(c.model().embed());
        learningRate.set(c.optimizer().learningRate());
        schedule.set(c.optimizer().schedule());
        optimizer.set(c.optimizer().method());
        warmup.set(c.optimizer().warmupSteps());
        decaySteps.set(c.optimizer().decaySteps());
        clip.set(c.optimizer().clip());
        clipNorm.set(c.optimizer().clipNorm());
        heads.set(c.model().heads());
        context.set(c.model().context());
        positional.set(c.model().positional());
        kvHeads.set(c.model().kvHeads());
        norm.set(c.model().norm());
        kernel.set(c.model().kernel());
        dilated.set(c.model().dilated());
        scheduledSampling.set(c.scheduled().maxRate());
        samplingRamp.set(c.scheduled().rampSteps());
        order.set(c.order());
    }
}
