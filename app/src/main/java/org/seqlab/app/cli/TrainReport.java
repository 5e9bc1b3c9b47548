package org.seqlab.app.cli;

import org.seqlab.engine.data.OrderedPixels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSession;

/** One progress line of {@code seqlab train}: as text, or as a JSON object with {@code --json}. */
record TrainReport(PrintWriter out, boolean json, int evalEvery, Path save) {

    void line(TrainingSession s, ModelRun run, long t0, OptionalDouble floor, boolean last) {
        line(s, run, t0, floor, last, null);
    }

    /** @param tutor what {@code --diagnose} found, for the final JSON line's {@code "diagnoses"}; null without it */
    void line(TrainingSession s, ModelRun run, long t0, OptionalDouble floor, boolean last, DiagnosisReport tutor) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        double trainBpc = run.trainBits().recentMean(Math.min(50, Math.max(1, evalEvery)));
        double valBpc = run.validationBits().last();
        int step = s.stepsTaken();
        if (json) {
            Json j = Json.object();
            if (last) {
                j.put("model", run.config().model().family().id()).put("data", s.data().name());
            }
            j.put("step", step);
            if (last) {
                j.put("steps", step);
            }
            double perToken = s.data().charactersPerToken();   // byte-pair tokens: bits per token, and per character beside them
            if (perToken != 1) {
                j.put("train_bits_per_token", trainBpc).put("val_bits_per_token", valBpc).put("val_bpc", valBpc / perToken);
            } else {
                j.put("train_bpc", trainBpc).put("val_bpc", valBpc);
            }
            j.put("val_perplexity", Metrics.perplexity(Metrics.nats(valBpc)));
            if (pixels(s)) {   // every symbol is a pixel: bits per symbol are bits per dimension
                j.put("val_bits_per_dim", valBpc);
            }
            if (floor.isPresent()) {
                j.put("entropy_bpc", floor.getAsDouble()).put("kl_bpc", Metrics.klBits(valBpc, floor.getAsDouble()));
                s.data().entropyRateBits().ifPresent(r -> j.put("entropy_rate_bpc", r));
            }
            j.put("lr", run.lastLearningRate()).put("grad_norm", run.lastGradNorm())
                    .put("seconds", seconds).put("steps_per_second", step / seconds);
            if (last) {
                j.put("parameters", run.model().parameters().size());
                if (save != null) {
                    j.put("saved", save.toString());
                }
                if (tutor != null) {
                    j.put("diagnoses", tutor.json());
                }
            }
            out.println(j.line());
        } else {
            double perToken = s.data().charactersPerToken();
            String unit = pixels(s) ? "bits/dim" : perToken != 1 ? "bits/token" : "bpc";
            StringBuilder sb = new StringBuilder(String.format("step %6d  train %.3f %s  val %.3f %s  ppl %.2f%s", step, trainBpc, unit,
                    valBpc, unit, Metrics.perplexity(Metrics.nats(valBpc)), perToken != 1 ? String.format("  val %.3f bpc", valBpc / perToken) : ""));
            floor.ifPresent(f -> sb.append(String.format("  floor %.3f  KL %.3f", f, valBpc - f)));
            sb.append(String.format("  %.1f steps/s", step / seconds));
            if (last) {
                sb.append(String.format("%n%s, %,d parameters, %d steps in %.1f s", run.config().describe(),
                        run.model().parameters().size(), step, seconds));
                if (save != null) {
                    sb.append(String.format("; saved to %s", save));
                }
            }
            out.println(sb);
        }
        out.flush();
    }

    /** Whether every symbol is a pixel (images, or digits read as a sequence). */
    private static boolean pixels(TrainingSession s) {
        return s.data().imageShape() != null || s.data() instanceof OrderedPixels;
    }
}
