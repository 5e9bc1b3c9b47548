package org.seqlab.app.cli;

import java.io.PrintWriter;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.data.tasks.TaskData;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.seq2seq.Seq2SeqFile;
import org.seqlab.engine.seq2seq.Seq2SeqRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.Schedule;
import picocli.CommandLine.ParameterException;

/**
 * {@code seqlab train --data task:… --model seq2seq-…}: an encoder–decoder on a task with exact references. Reports
 * validation token accuracy, exact match, BLEU and bits per target symbol as it goes; the final line adds the test
 * and longer-than-training splits.
 */
final class Seq2SeqTraining {

    private final TrainOptions c;

    Seq2SeqTraining(TrainOptions c) {
        this.c = c;
    }

    int run(PrintWriter out, PrintWriter err) throws Exception {
        if (!c.data.startsWith("task:")) {
            throw new ParameterException(c.spec.commandLine(), "an encoder–decoder (" + c.model + ") trains on a task: --data task:reverse, task:sort, "
                    + "task:copy, task:dates or task:numbers");
        }
        if (!c.model.startsWith("seq2seq")) {
            throw new ParameterException(c.spec.commandLine(), c.data + " is a sequence-to-sequence task: choose --model seq2seq-gru, seq2seq-lstm, seq2seq-attention or seq2seq-transformer");
        }
        Task task = Options.usage(c.spec, () -> Task.parse(c.data));
        Seq2SeqConfig config = Options.usage(c.spec, () -> new Seq2SeqConfig(Seq2SeqConfig.Kind.parse(c.model), Attention.Score.parse(c.attention),
                c.embed != null && c.embed > 0 ? c.embed : 32, c.hidden != null ? c.hidden : 64));
        var parsed = c.spec.commandLine().getParseResult();
        boolean ownRate = parsed != null && (parsed.hasMatchedOption("--lr") || parsed.hasMatchedOption("--schedule"));
        // the Transformer's own default unless the rate or schedule is given: 2e-3, warmed up over 100 steps, cosine to the end
        double lr = config.kind() == Seq2SeqConfig.Kind.TRANSFORMER && !ownRate ? 2e-3 : c.lr != null ? c.lr : 3e-3;
        String schedule = config.kind() == Seq2SeqConfig.Kind.TRANSFORMER && !ownRate ? "warmup-cosine" : c.schedule;
        OptimizerConfig optim = Options.usage(c.spec, () -> OptimizerConfig.of(lr, Schedule.parse(schedule), c.warmup,
                Math.max(c.warmup + 1, c.steps), c.clip > 0, c.clip > 0 ? c.clip : 1, OptimizerConfig.Method.parse(c.optimizer)));
        if (c.save != null) {
            AtomicFile.checkDestination(c.save);
        }
        Engine.start();
        TaskData data = TaskData.generate(task, c.seed);
        Seq2SeqRun run = new Seq2SeqRun(data, config, optim, c.batch, c.seed);
        long t0 = System.nanoTime();
        double recent = 0;
        int every = Math.min(c.evalEvery, c.steps);
        for (int i = 1; i <= c.steps; i++) {
            double loss;
            try {
                loss = run.trainStep();
            } catch (Seq2SeqRun.Diverged e) {
                // the language models' rule: exit 3, and the last good weights kept (saved, when a file was asked for)
                String msg = e.getMessage();
                if (c.save != null) {
                    Seq2SeqFile.save(c.save, run);
                    msg += " The last good weights were saved to " + c.save + ".";
                }
                if (c.json) {
                    out.println(Json.object().put("step", run.step()).put("error", msg).line());
                }
                err.println("seqlab: " + msg);
                return 3;
            }
            recent = i == 1 ? loss : 0.95 * recent + 0.05 * loss;
            if (i % every == 0 && i < c.steps) {
                report(out, run, recent, t0, false);
            }
        }
        if (c.save != null) {
            Seq2SeqFile.save(c.save, run);
        }
        report(out, run, recent, t0, true);
        return 0;
    }

    private void report(PrintWriter out, Seq2SeqRun run, double recentNats, long t0, boolean last) {
        Seq2SeqRun.Evaluation v = run.evaluate(run.data().validation());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Json j = Json.object();
        if (last) {
            j.put("model", run.model().config().kind().id()).put("data", "task:" + run.task().id());
            if (run.model().config().attends()) {
                j.put("attention", run.model().config().score().id());
            }
        }
        j.put("step", run.step()).put("train_bits", recentNats / Math.log(2)).put("val_bits", v.bits())
                .put("val_token_accuracy", v.tokenAccuracy()).put("val_exact_match", v.exactMatch()).put("val_bleu", v.bleu().score());
        if (last) {
            Seq2SeqRun.Evaluation test = run.evaluate(run.data().test());
            Seq2SeqRun.Evaluation longer = run.evaluate(run.data().longer());
            j.put("test_exact_match", test.exactMatch()).put("test_bleu", test.bleu().score())
                    .put("long_exact_match", longer.exactMatch()).put("long_bleu", longer.bleu().score());
            // by surface form (dates) or by source length (the others), so a split's one number can be read apart
            j.put("test_exact_by_form", run.exactMatchByForm(run.data().test())).put("long_exact_by_form", run.exactMatchByForm(run.data().longer()));
        }
        j.put("seconds", seconds).put("steps_per_second", run.step() / seconds);
        if (last) {
            j.put("parameters", run.model().parameters().size());
            if (c.save != null) {
                j.put("saved", c.save.toString());
            }
        }
        if (c.json) {
            out.println(j.line());
        } else {
            out.println(String.format("step %6d  train %.3f bits  val %.3f bits  tokens %.1f%%  exact %.1f%%  BLEU %.3f  %.1f steps/s",
                    run.step(), recentNats / Math.log(2), v.bits(), 100 * v.tokenAccuracy(), 100 * v.exactMatch(), v.bleu().score(),
                    run.step() / seconds));
            if (last) {
                out.println(String.format("%s on %s, %,d parameters, %d steps in %.1f s%s", run.model().config().describe(),
                        run.task().description(), run.model().parameters().size(), run.step(), seconds,
                        c.save != null ? "; saved to " + c.save : ""));
            }
        }
        out.flush();
    }
}
