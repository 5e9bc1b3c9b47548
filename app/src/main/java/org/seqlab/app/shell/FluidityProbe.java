package org.seqlab.app.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.lab.LabModel;
import org.seqlab.engine.train.TrainingSnapshot.Phase;

/**
 * A measurement of the window as a user meets it, switched on by {@code -Dseqlab.probe=FILE} (see
 * {@code bench/fluidity.sh}): milliseconds from the JVM's start to the window's first layout and to the first trained
 * step on screen; then, while the models train (after {@code -Dseqlab.probe.warmup} seconds, 0 by default), the time between frames on the FX thread (a frame that took longer
 * than 33 ms is a stall a viewer sees) for the given seconds; then ten switches of view group, 1.5 s apart, each timed
 * from the click to the end of the layout it causes. Writes one JSON object to FILE and closes the window.
 */
final class FluidityProbe {

    private static final int SWITCHES = 10;
    private final Path out;
    private final double seconds;
    /** Seconds of training before frames count: the JIT compiles the hot paths in the first half minute. */
    private final double warmup;
    private final long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    private long shownMs = -1;
    private long firstStepMs = -1;
    private final List<Double> frames = new ArrayList<>();
    private final List<Double> switches = new ArrayList<>();

    private FluidityProbe(Path out, double seconds, double warmup) {
        this.out = out;
        this.seconds = seconds;
        this.warmup = warmup;
    }

    /** Starts measuring if the system property asks for it. */
    static void attachIfAsked(Stage stage, Shell window, LabModel lab) {
        String file = System.getProperty("seqlab.probe");
        if (file == null || file.isBlank()) {
            return;
        }
        new FluidityProbe(Path.of(file), Double.parseDouble(System.getProperty("seqlab.probe.seconds", "30")),
                Double.parseDouble(System.getProperty("seqlab.probe.warmup", "0"))).attach(stage, window, lab);
    }

    private void attach(Stage stage, Shell window, LabModel lab) {
        stage.getScene().addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                stage.getScene().removePostLayoutPulseListener(this);
                shownMs = System.currentTimeMillis() - jvmStart;
            }
        });
        lab.snapshotProperty().addListener((o, a, s) -> {
            if (firstStepMs < 0 && s.step() > 0) {
                firstStepMs = System.currentTimeMillis() - jvmStart;
            }
        });
        ViewId.Group[] groups = ViewId.Group.values();
        new AnimationTimer() {
            private long last = -1;
            private long started = -1;
            private long trainingSince = -1;
            private long nextSwitch;
            private int group;
            private int switchesAsked;

            @Override
            public void handle(long now) {
                boolean training = lab.snapshot().phase() == Phase.RUNNING && lab.snapshot().runs().size() >= 2;
                if (trainingSince < 0 && training) {
                    trainingSince = now;
                }
                if (started < 0) {
                    if (trainingSince < 0 || now - trainingSince < warmup * 1e9) {
                        return;
                    }
                    started = now;
                    nextSwitch = now + (long) (seconds * 1e9);
                }
                if (now - started < seconds * 1e9) {
                    // first the frames, with the view as it is: what a class watching the training sees
                    if (last >= 0) {
                        frames.add((now - last) / 1e6);
                    }
                    last = now;
                    return;
                }
                // then ten switches of view group, 1.5 s apart, each timed from the click to the end of its layout
                if (now >= nextSwitch && switchesAsked < SWITCHES) {
                    nextSwitch = now + 1_500_000_000L;
                    switchesAsked++;
                    group = (group + 1) % groups.length;
                    long t0 = System.nanoTime();
                    window.views().selectGroup(groups[group]);
                    stage.getScene().addPostLayoutPulseListener(new Runnable() {
                        @Override
                        public void run() {
                            stage.getScene().removePostLayoutPulseListener(this);
                            switches.add((System.nanoTime() - t0) / 1e6);
                        }
                    });
                } else if (switchesAsked == SWITCHES && now >= nextSwitch) {
                    stop();
                    write();
                    Platform.exit();
                }
            }
        }.start();
    }

    private static double quantile(List<Double> xs, double q) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(q * s.size()) - 1));
    }

    private void write() {
        long stalls = frames.stream().filter(f -> f > 33).count();
        String json = String.format(Locale.ROOT, "{\"window_shown_ms\": %d, \"first_step_ms\": %d, \"frames\": %d, \"frame_p50_ms\": %.1f,"
                + " \"frame_p95_ms\": %.1f, \"frame_p99_ms\": %.1f, \"frame_max_ms\": %.1f, \"frames_over_33ms\": %d,"
                + " \"switches\": %d, \"switch_p50_ms\": %.1f, \"switch_max_ms\": %.1f, \"warmup_s\": %.0f}%n", shownMs, firstStepMs, frames.size(),
                quantile(frames, 0.5), quantile(frames, 0.95), quantile(frames, 0.99), quantile(frames, 1.0), stalls, switches.size(),
                quantile(switches, 0.5), quantile(switches, 1.0), warmup);
        try {
            Files.writeString(out, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Could not write " + out + ": " + e.getMessage());
        }
    }
}
