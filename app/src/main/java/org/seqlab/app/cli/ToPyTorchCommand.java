package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seqlab.engine.Engine;
import org.seqlab.engine.bridge.TorchExport;
import org.seqlab.engine.bridge.TorchSeq2SeqExport;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.TaskData;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.seq2seq.ExperimentFile;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.seq2seq.Seq2SeqFile;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.SessionFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seqlab to-pytorch}: a saved model or run as a PyTorch program that reproduces it. */
@Command(name = "to-pytorch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a saved model (.seqlab) or one run of a saved run (.seqrun) as a plain PyTorch program: model.py, "
                + "the weights and Adam's state as .safetensors, the vocabulary, the training text, and run.py to score, train on "
                + "and sample (python3 run.py --help).",
            "Written for every family: the language models (vanilla RNN, LSTM, GRU, Transformer, causal "
                + "convolution, PixelCNN, gated PixelCNN, MADE, over characters, byte-pair tokens or pixels) and the encoder–decoders "
                + "(GRU, LSTM, GRU with attention, Transformer)."})
public final class ToPyTorchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--load", required = true, paramLabel = "FILE", description = "a model saved by seqlab train --save (.seqlab, or an"
            + " encoder–decoder's .seq2seq), a saved run (.seqrun) or a saved encoder–decoder experiment (.seq2seqrun)")
    Path load;

    @Option(names = "--run", paramLabel = "ID", description = "which model of a saved run or encoder–decoder experiment: A, B … "
            + "(default: the first)")
    String run;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "a new or empty folder to write into")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Engine.start();
        TorchExport.Source source;
        if (load.getFileName().toString().endsWith(ExperimentFile.EXTENSION)) {
            return encoderDecoderRun(stdout);
        }
        if (Seq2SeqFile.holdsOne(load)) {
            // an encoder–decoder: its task's training pairs (made again from the file's seed) go beside it; Adam starts afresh
            Seq2SeqFile.Loaded m = Seq2SeqFile.load(load);
            List<Path> files = TorchSeq2SeqExport.write(out, new TorchSeq2SeqExport.Source(m.model(), Seq2SeqVocab.of(m.task()),
                    OptimizerConfig.defaults(), null, TaskData.generate(m.task(), m.header().dataSeed()).split("train")));
            files.forEach(stdout::println);
            stdout.println("python3 " + out.resolve("run.py") + " --help   tells what it does");
            return 0;
        }
        if (load.getFileName().toString().endsWith(SessionFile.EXTENSION)) {
            var session = SessionFile.load(load).session();
            ModelRun r = run == null ? session.runs().get(0) : session.run(run);
            if (r == null) {
                throw new IllegalArgumentException("the run holds no model " + run + "; it holds "
                        + String.join(", ", session.runs().stream().map(ModelRun::id).toList()));
            }
            source = TorchExport.Source.of(r, session.data());
        } else {
            ModelFile.Loaded m = ModelFile.load(load);
            DataSource data = m.data();
            source = new TorchExport.Source(m.model(), m.vocabulary(), RunConfig.defaults(m.header().config().family()).optimizer(), null,
                    TorchExport.trainingText(data), data instanceof SyntheticCorpus c ? c.source() : null);
        }
        List<Path> files = TorchExport.write(out, source);
        for (Path f : files) {
            stdout.println(f);
        }
        stdout.println("python3 " + out.resolve("run.py") + " --help   tells what it does");
        return 0;
    }

    /** One encoder–decoder of a saved encoder–decoder experiment (.seq2seqrun), with Adam's state: training goes on from it. */
    private int encoderDecoderRun(PrintWriter stdout) throws Exception {
        Seq2SeqExperiment e = ExperimentFile.load(load).experiment();
        int k = run == null ? 0 : run.strip().toUpperCase(Locale.ROOT).charAt(0) - 'A';
        if (k < 0 || k >= e.runs().size()) {
            throw new IllegalArgumentException("the experiment holds encoder–decoders A to " + Seq2SeqExperiment.id(e.runs().size() - 1)
                    + ", not " + run);
        }
        List<Path> files = TorchSeq2SeqExport.write(out, e.pytorch(k));
        files.forEach(stdout::println);
        stdout.println("python3 " + out.resolve("run.py") + " --help   tells what it does");
        return 0;
    }
}
