package org.seqlab.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code seqlab train} was asked: its options, apart from the commands that act on them (a language model's
 * training in {@link TrainCommand}, an encoder–decoder's in {@link Seq2SeqTraining}).
 */
class TrainOptions {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "names, moby-dick, synthetic:markov, synthetic:reber, synthetic:brackets, synthetic:recall, synthetic:order, synthetic:repeat, digits, digits-14 (or digits-14:ORDER, see --order), "
                    + "images:DIR or images-14:DIR (a folder of PNG or JPEG images), a UTF-8 text file; or, for an encoder–decoder, task:reverse, task:sort, task:copy, task:dates or task:numbers")
    String data;

    @Option(names = "--order", paramLabel = "ORDER", description = "digits, digits-14: a text model reads the pixels as a sequence in this order: "
            + "raster, snake, column, hilbert or random (the same as --data digits-14:ORDER)")
    String order;

    @Option(names = "--model", required = true, paramLabel = "FAMILY",
            description = "rnn, lstm, gru, transformer, conv1d (text), pixelcnn, gated-pixelcnn or made (digits); "
                    + "seq2seq-gru, seq2seq-lstm, seq2seq-attention or seq2seq-transformer (task:…)")
    String model;

    @Option(names = "--attention", paramLabel = "SCORE", description = "seq2seq-attention: additive (Bahdanau) or dot (Luong) scores (default ${DEFAULT-VALUE})")
    String attention = "additive";

    @Option(names = "--hidden", description = "hidden units per layer (default: the lab's for the family, 64; PixelCNN 32, MADE 256)")
    Integer hidden;

    @Option(names = "--d-model", paramLabel = "N", description = "Transformer: model width (default: --hidden)")
    Integer dModel;

    @Option(names = "--layers", description = "stacked layers or Transformer blocks (default 1, Transformer 2)")
    Integer layers;

    @Option(names = "--heads", description = "Transformer: attention heads (default ${DEFAULT-VALUE})")
    int heads = 4;

    @Option(names = "--context", description = "Transformer: context length (default: --seq)")
    Integer context;

    @Option(names = "--positions", description = "Transformer: sinusoidal, learned, none, alibi or rope (default ${DEFAULT-VALUE})")
    String positions = "sinusoidal";

    @Option(names = "--kv-heads", paramLabel = "N", description = "Transformer: key/value heads shared by the heads (default: --heads; 1: MQA)")
    Integer kvHeads;

    @Option(names = "--norm", description = "Transformer: LayerNorm before each branch (pre) or after each residual sum (post)")
    String norm = "pre";

    @Option(names = "--channels", description = "conv1d, PixelCNN: channels (default: --hidden)")
    Integer channels;

    @Option(names = "--kernel", description = "conv1d: taps (default 2); PixelCNN: first, type A kernel (default 5); "
            + "gated PixelCNN: kernel (default 3)")
    Integer kernel;

    @Option(names = "--no-dilation", description = "conv1d: all dilations 1 (the receptive field then grows linearly)")
    boolean noDilation;

    @Option(names = "--embed", description = "embedding width; 0 = same as --hidden (default: the lab's, 32)")
    Integer embed;

    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    int steps = 1000;

    @Option(names = "--batch", description = "sequences per batch (default ${DEFAULT-VALUE})")
    int batch = 32;

    @Option(names = "--seq", description = "characters per sequence (default ${DEFAULT-VALUE})")
    int seq = 64;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, or sgd: plain gradient descent, where clipping matters "
            + "(default ${DEFAULT-VALUE})")
    String optimizer = "adam";

    @Option(names = "--lr", description = "learning rate (default: the lab's for the family, 3e-3; Transformer 1e-3)")
    Double lr;

    @Option(names = "--clip", description = "clip the gradient norm at this value; 0 turns clipping off (default ${DEFAULT-VALUE})")
    double clip = 1.0;

    @Option(names = "--schedule", description = "constant or warmup-cosine (default ${DEFAULT-VALUE})")
    String schedule = "constant";

    @Option(names = "--warmup", description = "warm-up steps for warmup-cosine (default ${DEFAULT-VALUE})")
    int warmup = 100;

    @Option(names = "--scheduled-sampling", paramLabel = "EPS", description = "text models: replace each input by the model's own "
            + "draw with probability EPS, ramped up from 0 (Bengio et al. 2015; default ${DEFAULT-VALUE}, teacher forcing only)")
    double scheduledSampling = 0;

    @Option(names = "--ss-ramp", paramLabel = "N", description = "steps over which the scheduled-sampling rate grows to EPS (default: half of --steps)")
    Integer ssRamp;

    @Option(names = "--seed", description = "seeds weights and batch order (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--eval-every", description = "validate every N steps (default ${DEFAULT-VALUE})")
    int evalEvery = 100;

    @Option(names = "--save", paramLabel = "FILE", description = {"save the trained model to this file;",
            "a name ending in .seqrun saves the whole run (weights, optimiser state, history) for the lab to reopen and continue"})
    Path save;

    @Option(names = "--json", description = "print one JSON object per line")
    boolean json;

    @Option(names = "--diagnose", description = "at the end, the tutor names what went wrong, with its evidence (docs/tutor.md)")
    boolean diagnose;

    @Option(names = "--confirm", description = "with --diagnose: train each diagnosis's counter-experiment beside the model and say"
            + " whether it confirms the diagnosis")
    boolean confirm;
}
