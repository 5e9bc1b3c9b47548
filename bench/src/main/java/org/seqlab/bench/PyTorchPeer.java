package org.seqlab.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch peer: {@code bench/pytorch_peer.py} run by Debian's {@code /usr/bin/python3} (the python3 first on the
 * PATH may lack torch), one thread ({@code OMP_NUM_THREADS=1} and {@code torch.set_num_threads(1)}), a fresh process per
 * round with its own warm-up.
 */
final class PyTorchPeer {

    /** What one round of the peer reported. */
    record Result(double[] ms, long parameters, String describe) {
    }

    private final Path script;
    private final String python;

    private PyTorchPeer(Path script, String python) {
        this.script = script;
        this.python = python;
    }

    /** The peer, or null (with the reason on stderr) when python3 with torch or the script is missing. */
    static PyTorchPeer find(Path script) {
        if (!Files.isRegularFile(script)) {
            System.err.println("no PyTorch peer: " + script + " not found (run from the repository's top folder or pass --peer)");
            return null;
        }
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println("no PyTorch peer: " + python + " cannot import torch (apt-get install python3-torch libopenblas0-openmp)");
                return null;
            }
        } catch (IOException e) {
            System.err.println("no PyTorch peer: no " + python);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return new PyTorchPeer(script, python);
    }

    /** ms to generate the token after t tokens, for each position t (minGPT's generate: no cache; an RNN: one step). */
    java.util.Map<Integer, Double> generate(String model, int hidden, int embed, int vocab, int[] positions) {
        StringBuilder list = new StringBuilder();
        for (int t : positions) {
            list.append(list.length() > 0 ? "," : "").append(t);
        }
        JsonObject g = last(List.of("--model", model, "--hidden", "" + hidden, "--embed", "" + embed, "--vocab", "" + vocab,
                "--generate", list.toString())).getAsJsonObject("generate");
        java.util.Map<Integer, Double> ms = new java.util.TreeMap<>();
        for (int t : positions) {
            ms.put(t, g.get(String.valueOf(t)).getAsDouble());
        }
        return ms;
    }

    /** Runs the script with these arguments, one thread, and parses the JSON line it ends with. */
    private JsonObject last(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the PyTorch peer failed: " + String.join(" ", args));
            }
            return JsonParser.parseString(out.substring(out.lastIndexOf('\n') + 1)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("the PyTorch peer could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Result run(String model, int batch, int seq, int hidden, int embed, int vocab, int steps, int warmup) {
        JsonObject j = last(List.of("--model", model, "--batch", "" + batch, "--seq", "" + seq, "--hidden", "" + hidden, "--embed",
                "" + embed, "--vocab", "" + vocab, "--steps", "" + steps, "--warmup", "" + warmup));
        double[] ms = new double[j.getAsJsonArray("ms").size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = j.getAsJsonArray("ms").get(i).getAsDouble();
        }
        String blas = j.getAsJsonArray("blas").isEmpty() ? "no BLAS library mapped" : j.getAsJsonArray("blas").get(0).getAsString();
        return new Result(ms, j.get("parameters").getAsLong(), "PyTorch " + j.get("torch").getAsString() + ", "
                + j.get("threads").getAsInt() + " thread, " + blas + (j.get("openblas_coretype").getAsString().isEmpty() ? ""
                : ", OPENBLAS_CORETYPE=" + j.get("openblas_coretype").getAsString()));
    }
}
