package org.seqlab.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bridge tests' side of PyTorch: a {@code python3} that can import it (the one on the PATH, else Debian's: a pyenv
 * python may stand first), running a written program, and reading what it wrote back.
 */
final class Python {

    static final String WHY = "no python3 here can import torch (Debian: apt-get install python3-torch; .ci/run installs it)";

    private Python() {
    }

    /** The interpreter's path, or null when none imports torch. */
    static String withTorch() {
        for (String p : List.of("python3", "/usr/bin/python3")) {
            try {
                Process proc = new ProcessBuilder(p, "-c", "import torch").redirectErrorStream(true).start();
                proc.getInputStream().readAllBytes();
                if (proc.waitFor(2, TimeUnit.MINUTES) && proc.exitValue() == 0) {
                    return p;
                }
            } catch (Exception e) {
                // not this one
            }
        }
        return null;
    }

    /** Runs the folder's run.py with these arguments; it must succeed. @return what it printed */
    static String run(String python, Path folder, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, folder.resolve("run.py").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The last line a program printed, as the JSON object it is. */
    static JsonObject lastJson(String out) {
        String[] lines = out.strip().split("\n");
        return new Gson().fromJson(lines[lines.length - 1], JsonObject.class);
    }

    /** ‖a − b‖ / ‖a‖ over every tensor of {@code mine}, each of which {@code torch} must hold at the same size. */
    static double difference(Map<String, float[]> mine, Map<String, float[]> torch) {
        double diff = 0;
        double norm = 0;
        for (var e : mine.entrySet()) {
            float[] a = e.getValue();
            float[] b = torch.get(e.getKey());
            assertThat(b).as(e.getKey()).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                diff += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
                norm += (double) a[i] * a[i];
            }
        }
        return Math.sqrt(diff / norm);
    }

    /** A .safetensors file's float32 tensors (the tests' own reader: a length, a JSON header, then the data). */
    static Map<String, float[]> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) buf.getLong();
        JsonObject header = new Gson().fromJson(new String(all, 8, n, StandardCharsets.UTF_8), JsonObject.class);
        Map<String, float[]> out = new HashMap<>();
        for (String name : header.keySet()) {
            if (name.equals("__metadata__")) {
                continue;
            }
            var range = header.getAsJsonObject(name).getAsJsonArray("data_offsets");
            int a = range.get(0).getAsInt();
            int b = range.get(1).getAsInt();
            float[] v = new float[(b - a) / 4];
            buf.position(8 + n + a);
            buf.asFloatBuffer().get(v);
            out.put(name, v);
        }
        return out;
    }
}
