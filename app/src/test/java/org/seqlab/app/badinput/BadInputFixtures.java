package org.seqlab.app.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.seqlab.app.Main;

/**
 * The files of the bad-input corpus. The text files and lessons are in {@code src/test/resources/bad-inputs/files};
 * what cannot live in a repository is made here: a FIFO, a sparse 50 MB file, symbolic links that leave a lesson, a
 * lesson too large to be one, and saved models and runs damaged in every way found so far, each made from a model
 * just trained, so each differs from a good file in exactly one respect.
 */
final class BadInputFixtures {

    private BadInputFixtures() {
    }

    static void prepare(Path in) throws Exception {
        Path files = Path.of(BadInputFixtures.class.getResource("/bad-inputs/files").toURI());
        try (Stream<Path> all = Files.walk(files)) {
            for (Path p : all.toList()) {
                Path target = in.resolve(files.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        // what a repository cannot hold
        exec("mkfifo", in.resolve("pipe").toString());
        try (RandomAccessFile f = new RandomAccessFile(in.resolve("sparse.txt").toFile(), "rw")) {
            f.setLength(51L << 20);
        }
        Files.createDirectories(in.resolve("empty-dir"));
        Files.writeString(in.resolve("figures.png"), "an existing file");
        Path linkData = Files.createDirectories(in.resolve("lesson-link-data"));
        Files.copy(in.resolve("lesson-absolute/lesson.md"), linkData.resolve("lesson.md"));
        Files.writeString(linkData.resolve("lesson.md"), Files.readString(linkData.resolve("lesson.md")).replace("/etc/passwd", "notes.txt"));
        Files.createSymbolicLink(linkData.resolve("notes.txt"), Path.of("/etc/passwd"));
        Path linkLesson = Files.createDirectories(in.resolve("lesson-link-md"));
        Files.createSymbolicLink(linkLesson.resolve("lesson.md"), Path.of("/etc/passwd"));
        Path big = Files.createDirectories(in.resolve("lesson-big"));
        Files.writeString(big.resolve("lesson.md"), "---\ntitle: Big\n---\n\n## Step\n\n" + "All work and no play. ".repeat(60_000));

        // good files, then each damaged in one way
        train("--data", "synthetic:reber", "--model", "lstm", "--hidden", "16", "--embed", "0", "--save", in.resolve("good.seqlab").toString());
        train("--data", in.resolve("ok.txt").toString(), "--model", "rnn", "--hidden", "8", "--embed", "0", "--save", in.resolve("good.seqrun").toString());
        models(in);
        runs(in);
        hostileLessons(in);
        encoderDecoders(in);
        imageFolders(in);
        checkpoints(in);
        lessonPacks(in);
    }

    /** Lesson packs (.seqlesson) that try to leave their folder, lie about their sizes or were changed after packing. */
    private static void lessonPacks(Path in) throws IOException {
        byte[] lesson = bytes("---\ntitle: Packed\n---\n\n## Step\n\nText.\n");
        String good = manifest(Map.of("lesson.md", lesson), Map.of());
        pack(in.resolve("dotdot.seqlesson"), Map.of("seqlesson.json", bytes(good), "lesson.md", lesson, "../escape.txt", bytes("out")));
        pack(in.resolve("absolute.seqlesson"), Map.of("seqlesson.json", bytes(good), "lesson.md", lesson, "/tmp/seqlab-abs.txt", bytes("out")));
        pack(in.resolve("no-manifest.seqlesson"), Map.of("lesson.md", lesson));
        pack(in.resolve("changed.seqlesson"), Map.of("seqlesson.json", bytes(good), "lesson.md", bytes("---\ntitle: Changed\n---\n")));
        pack(in.resolve("rehashed.seqlesson"), Map.of("seqlesson.json", bytes(good.replaceAll("\"hash\": \"[0-9a-f]+\"", "\"hash\": \"00\"")),
                "lesson.md", lesson));
        byte[] bomb = new byte[20 << 20];   // 20 MB of zeros, a few KB packed, which the manifest calls 40 bytes
        pack(in.resolve("bomb.seqlesson"), Map.of("seqlesson.json", bytes(manifest(Map.of("lesson.md", lesson), Map.of("lesson.md", 40L))),
                "lesson.md", bomb));
        pack(in.resolve("huge.seqlesson"), Map.of("seqlesson.json", bytes(manifest(Map.of("lesson.md", lesson), Map.of("lesson.md", 1L << 40))),
                "lesson.md", lesson));
        Map<String, byte[]> many = new java.util.TreeMap<>();
        for (int i = 0; i < 70; i++) {
            many.put("data-" + i + ".txt", bytes("x"));
        }
        many.put("seqlesson.json", bytes(good));
        many.put("lesson.md", lesson);
        pack(in.resolve("many.seqlesson"), many);
        Files.writeString(in.resolve("text.seqlesson"), "not a zip at all");
        Files.writeString(Files.createDirectories(in.resolve("class-notes")).resolve("notes.json"), "{\"grades\": [1, 2]}");
    }

    /** A manifest for {@code files}, with the sizes {@code lies} names instead of the true ones. */
    private static String manifest(Map<String, byte[]> files, Map<String, Long> lies) {
        StringBuilder entries = new StringBuilder();
        StringBuilder hashed = new StringBuilder();
        for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(files).entrySet()) {
            long size = lies.getOrDefault(f.getKey(), (long) f.getValue().length);
            String sha = sha256(f.getValue());
            entries.append(entries.length() == 0 ? "" : ",").append("{\"name\": \"").append(f.getKey()).append("\", \"size\": ").append(size)
                    .append(", \"sha256\": \"").append(sha).append("\"}");
            hashed.append(f.getKey()).append('\n').append(size).append('\n').append(sha).append('\n');
        }
        return "{\"format\": \"seqlab-lesson-pack\", \"version\": 1, \"id\": \"packed\", \"files\": [" + entries
                + "], \"hash\": \"" + sha256(bytes(hashed.toString())) + "\"}";
    }

    private static void pack(Path file, Map<String, byte[]> entries) throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PyTorch checkpoints (.safetensors) that lie about themselves, each in one way. */
    private static void checkpoints(Path in) throws IOException {
        Files.write(in.resolve("empty.safetensors"), new byte[0]);
        Files.write(in.resolve("long-header.safetensors"), safetensors("{}", 1_000_000_000L, new byte[0]));
        Files.write(in.resolve("not-json.safetensors"), safetensors("hello, world", -1, new byte[0]));
        String vocab = "\"__metadata__\":{\"vocab\":\"[\\\"a\\\",\\\"b\\\"]\"}";
        Files.write(in.resolve("int64.safetensors"), safetensors("{" + vocab + ",\"x.weight\":{\"dtype\":\"I64\",\"shape\":[2],"
                + "\"data_offsets\":[0,16]}}", -1, new byte[16]));
        Files.write(in.resolve("outside.safetensors"), safetensors("{" + vocab + ",\"emb.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],"
                + "\"data_offsets\":[0,4000]}}", -1, new byte[16]));
        Files.write(in.resolve("short-tensor.safetensors"), safetensors("{" + vocab + ",\"emb.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],"
                + "\"data_offsets\":[0,16]}}", -1, new byte[16]));
        Files.write(in.resolve("no-vocab.safetensors"), safetensors("{\"emb.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],"
                + "\"data_offsets\":[0,16]}}", -1, new byte[16]));
        Files.write(in.resolve("strangers.safetensors"), safetensors("{" + vocab + ",\"encoder.w\":{\"dtype\":\"F32\",\"shape\":[2,2],"
                + "\"data_offsets\":[0,16]},\"decoder.w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}", -1, new byte[24]));
        String gpt = "\"__metadata__\":{\"vocab\":\"[\\\"a\\\",\\\"b\\\"]\",\"n_head\":\"1\",\"activation\":\"swish\"}";
        Files.write(in.resolve("swish.safetensors"), safetensors("{" + gpt + ",\"transformer.wte.weight\":{\"dtype\":\"F32\","
                + "\"shape\":[2,2],\"data_offsets\":[0,16]}}", -1, new byte[16]));
    }

    /** A safetensors file: the header's length (or {@code claimed}, when not −1), the header, the data. */
    private static byte[] safetensors(String header, long claimed, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length + data.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(claimed >= 0 ? claimed : h.length).put(h).put(data);
        return b.array();
    }

    /** Lessons that once hung the loader, overflowed its stack or passed a check they could not be measured by. */
    private static void hostileLessons(Path in) throws IOException {
        lesson(in, "lesson-macro", "Math: $\\newcommand{\\a}{\\a}\\a$.\n");
        lesson(in, "lesson-braces", "Math: $" + "{".repeat(20_000) + "x" + "}".repeat(20_000) + "$.\n");
        lesson(in, "lesson-frac", "Math: $" + "\\frac{".repeat(3_000) + "1" + "}{2}".repeat(3_000) + "$.\n");
        lesson(in, "lesson-nested-braces", "Math: $" + "{".repeat(100) + "x" + "}".repeat(100) + "$.\n");
        String scene = "```scene\ndata: synthetic:reber\nmodels:\n  - family: transformer\n    hidden: 16\n    layers: 1\n  - family: lstm\n"
                + "    hidden: 8\ntrain: 5\nview: metrics\npoint: P\nexpect:\n  - %s\n```\n";
        lesson(in, "lesson-parens", String.format(scene, "(".repeat(30_000) + "1" + ")".repeat(30_000) + " < bits(A)"));
        lesson(in, "lesson-minus", String.format(scene, "-".repeat(60_000) + "1 < bits(A)"));
        lesson(in, "lesson-deep", String.format(scene, "(".repeat(30) + "1" + ")".repeat(30) + " < bits(A)"));
        lesson(in, "lesson-head", String.format(scene, "head_off(A, 99, 99) > 0"));
        lesson(in, "lesson-ratio", String.format(scene, "grad_ratio(B, 2147483647) > 0"));
        String task = "```scene\ndata: task:reverse\nmodels:\n%s\ntrain: 5\ninspect: %s\npoint: P\nexpect:\n  - %s\n```\n";
        lesson(in, "lesson-exact", String.format(task, "  - family: seq2seq-gru\n    hidden: 8", "abc", "exact(A, 2147483648) > 0"));
        lesson(in, "lesson-exact-negative", String.format(task, "  - family: seq2seq-gru\n    hidden: 8", "abc", "exact(A, -2147483648) > 0"));
        lesson(in, "lesson-long-inspect", String.format(task, "  - family: seq2seq-gru\n    hidden: 8", "a".repeat(200_000), "exact(A, 5) > 0"));
        lesson(in, "lesson-seq2seq-huge", "```scene\ndata: task:reverse\nmodels:\n" + "  - family: seq2seq-transformer\n    hidden: 1024\n".repeat(3)
                + "batch: 512\ntrain: 5\n```\n");
    }

    private static void lesson(Path in, String name, String body) throws IOException {
        Path dir = Files.createDirectories(in.resolve(name));
        Files.writeString(dir.resolve("lesson.md"), "---\ntitle: Hostile\n---\n\n## Step\n\n" + body);
    }

    /** Encoder–decoders trained a few steps, and one file damaged: its description a JSON array. */
    private static void encoderDecoders(Path in) throws IOException {
        train("--data", "task:reverse", "--model", "seq2seq-attention", "--attention", "dot", "--hidden", "8", "--embed", "4",
                "--save", in.resolve("reverse.seq2seq").toString());
        train("--data", "task:reverse", "--model", "seq2seq-gru", "--hidden", "8", "--embed", "4", "--save", in.resolve("gru.seq2seq").toString());
        train("--data", "task:dates", "--model", "seq2seq-gru", "--hidden", "8", "--embed", "4", "--save", in.resolve("dates.seq2seq").toString());
        train("--data", "task:numbers", "--model", "seq2seq-gru", "--hidden", "8", "--embed", "4", "--save", in.resolve("numbers.seq2seq").toString());
        mutate(in.resolve("reverse.seq2seq"), in.resolve("array.seq2seq"), e -> e.put("seq2seq.json", bytes("[]")));
    }

    /**
     * A folder whose images declare 16 × 8192 × 8192 pixels (headers only: the check happens before any decoding),
     * and one whose only other entries are symbolic links out of it.
     */
    private static void imageFolders(Path in) throws Exception {
        Path huge = Files.createDirectories(in.resolve("images-huge"));
        for (int i = 0; i < 16; i++) {
            Files.write(huge.resolve("big" + i + ".png"), pngHeader(8192, 8192));
        }
        Path links = Files.createDirectories(in.resolve("images-links"));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(20, 20, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 3; i++) {
            javax.imageio.ImageIO.write(img, "png", links.resolve("ok" + i + ".png").toFile());
        }
        Files.createSymbolicLink(links.resolve("shadow.png"), Path.of("/etc/shadow"));
        Files.createSymbolicLink(links.resolve("passwd.png"), Path.of("/etc/passwd"));
    }

    /** A PNG signature and IHDR chunk declaring a width × height greyscale image, and nothing after. */
    private static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }

    /** The model with its weights stored uncompressed and one byte of them flipped: the zip's CRC-32 no longer matches. */
    private static void flippedByte(Path good, Path to) throws IOException {
        Map<String, byte[]> e = entries(good);
        try (ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(to)))) {
            for (Map.Entry<String, byte[]> x : e.entrySet()) {
                ZipEntry entry = new ZipEntry(x.getKey());
                if (x.getKey().equals("weights.bin")) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(x.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(x.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(x.getValue());
                zip.closeEntry();
            }
        }
        byte[] all = Files.readAllBytes(to);
        byte[] weights = e.get("weights.bin");
        int at = indexOf(all, java.util.Arrays.copyOf(weights, 16));
        all[at + 40] ^= 0x10;    // a bit of the eleventh weight: still a finite float
        Files.write(to, all);
    }

    private static int indexOf(byte[] all, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= all.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (all[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("stored weights not found in the zip");
    }

    private static void train(String... args) {
        boolean pairs = java.util.Arrays.asList(args).contains("--model") && String.join(" ", args).contains("seq2seq");
        String[] all = Stream.concat(Stream.of("train"), Stream.concat(Stream.of(args), pairs
                ? Stream.of("--steps", "3", "--batch", "4", "--eval-every", "3")       // an encoder–decoder reads whole sources: no --seq
                : Stream.of("--steps", "3", "--batch", "4", "--seq", "16", "--eval-every", "3"))).toArray(String[]::new);
        StringWriter err = new StringWriter();
        assertThat(Main.run(all, new PrintWriter(new StringWriter()), new PrintWriter(err))).as(err.toString()).isZero();
    }

    private static void models(Path in) throws IOException {
        Path good = in.resolve("good.seqlab");
        Files.writeString(in.resolve("not-a-zip.seqlab"), "I am a text file, not a model.");
        Files.write(in.resolve("empty.seqlab"), new byte[0]);
        Files.copy(in.resolve("good.seqrun"), in.resolve("a-run.seqlab"));
        mutate(good, in.resolve("no-json.seqlab"), e -> e.remove("model.json"));
        mutate(good, in.resolve("no-weights.seqlab"), e -> e.remove("weights.bin"));
        mutate(good, in.resolve("bad-json.seqlab"), e -> e.put("model.json", bytes("{ this is not json")));
        header(good, in.resolve("newer.seqlab"), "model.json", h -> h.addProperty("version", 99));
        header(good, in.resolve("foreign.seqlab"), "model.json", h -> h.addProperty("format", "something-else"));
        header(good, in.resolve("no-config.seqlab"), "model.json", h -> h.remove("config"));
        header(good, in.resolve("negative.seqlab"), "model.json", h -> h.getAsJsonObject("config").addProperty("hidden", -3));
        header(good, in.resolve("unknown-family.seqlab"), "model.json", h -> h.getAsJsonObject("config").addProperty("family", "GRU9"));
        header(good, in.resolve("huge.seqlab"), "model.json", h -> {
            h.getAsJsonObject("config").addProperty("hidden", 4096);
            h.getAsJsonObject("config").addProperty("layers", 16);
        });
        header(good, in.resolve("image-vocab.seqlab"), "model.json", h -> {
            JsonObject c = h.getAsJsonObject("config");
            c.addProperty("family", "PIXELCNN");
            c.addProperty("kernel", 5);
            c.addProperty("height", 14);
            c.addProperty("width", 14);
        });
        header(good, in.resolve("vocab.seqlab"), "model.json", h -> h.addProperty("vocabulary", "ab"));
        mutate(good, in.resolve("short.seqlab"), e -> e.put("weights.bin", java.util.Arrays.copyOf(e.get("weights.bin"), e.get("weights.bin").length - 4)));
        mutate(good, in.resolve("nan.seqlab"), e -> e.put("weights.bin", poison(e.get("weights.bin"), 759, Float.NaN)));
        mutate(good, in.resolve("inf.seqlab"), e -> e.put("weights.bin", poison(e.get("weights.bin"), 1, Float.POSITIVE_INFINITY)));
        flippedByte(good, in.resolve("flipped.seqlab"));
        // a zip bomb: five megabytes of spaces after the header, which deflate to a few kilobytes
        bomb(good, in.resolve("bomb.seqlab"), "model.json", true, (byte) ' ', 5L << 20);
    }

    private static void runs(Path in) throws IOException {
        Path good = in.resolve("good.seqrun");
        header(good, in.resolve("path.seqrun"), "run.json", h -> h.addProperty("data", "/etc/passwd"));
        mutate(in.resolve("path.seqrun"), in.resolve("path.seqrun"), e -> e.remove("data.txt"));
        header(good, in.resolve("version1.seqrun"), "run.json", h -> {
            h.addProperty("version", 1);
            h.addProperty("data", "/home/teacher/shakespeare.txt");
        });
        mutate(in.resolve("version1.seqrun"), in.resolve("version1.seqrun"), e -> e.remove("data.txt"));
        mutate(good, in.resolve("nan.seqrun"), e -> e.put("A.weights", poison(e.get("A.weights"), 3, Float.NaN)));
        mutate(good, in.resolve("nan-adam.seqrun"), e -> e.put("A.adam", poison(e.get("A.adam"), 2, Float.NEGATIVE_INFINITY)));
        mutate(good, in.resolve("short-adam.seqrun"), e -> e.put("A.adam", java.util.Arrays.copyOf(e.get("A.adam"), 40)));
        mutate(good, in.resolve("no-weights.seqrun"), e -> e.remove("A.weights"));
        mutate(good, in.resolve("binary-text.seqrun"), e -> e.put("data.txt", new byte[300]));
        header(good, in.resolve("batch.seqrun"), "run.json", h -> h.getAsJsonObject("train").addProperty("batch", 1_000_000));
        header(good, in.resolve("steps.seqrun"), "run.json", h -> {
            h.addProperty("step", 2_000_000_000);
        });
        header(good, in.resolve("huge.seqrun"), "run.json", h -> {
            JsonObject m = h.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonObject("config").getAsJsonObject("model");
            m.addProperty("hidden", 4096);
            m.addProperty("layers", 16);
        });
        header(good, in.resolve("five.seqrun"), "run.json", h -> {
            JsonArray runs = h.getAsJsonArray("runs");
            for (int i = 0; i < 4; i++) {
                runs.add(runs.get(0).deepCopy());
            }
        });
        header(good, in.resolve("bad-id.seqrun"), "run.json", h -> h.getAsJsonArray("runs").get(0).getAsJsonObject().addProperty("id", "../x"));
        header(good, in.resolve("newer.seqrun"), "run.json", h -> h.addProperty("version", 7));
        header(good, in.resolve("history.seqrun"), "run.json", h -> {
            JsonObject train = h.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonObject("train");
            JsonArray seconds = train.getAsJsonArray("seconds");
            seconds.remove(seconds.size() - 1);     // fewer seconds than steps
        });
        mutate(good, in.resolve("empty-json.seqrun"), e -> e.put("run.json", bytes("{}")));
        bomb(good, in.resolve("bomb.seqrun"), "data.txt", false, (byte) 'a', 60L << 20);
    }

    // ---- zip surgery ----

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /** The zip's entries changed, written straight to disk (no copy of the whole zip in memory). */
    private static void mutate(Path from, Path to, Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> e = entries(from);
        change.accept(e);
        try (ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(to)))) {
            for (Map.Entry<String, byte[]> x : e.entrySet()) {
                zip.putNextEntry(new ZipEntry(x.getKey()));
                zip.write(x.getValue());
                zip.closeEntry();
            }
        }
    }

    /**
     * A zip bomb streamed to disk: {@code entry} replaced by (or, with {@code keep}, followed by) {@code size} bytes of
     * {@code fill}, written 64 KB at a time, so a 60 MB fixture costs 64 KB of heap.
     */
    private static void bomb(Path from, Path to, String entry, boolean keep, byte fill, long size) throws IOException {
        Map<String, byte[]> e = entries(from);
        byte[] chunk = new byte[64 << 10];
        java.util.Arrays.fill(chunk, fill);
        try (ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(to)))) {
            for (Map.Entry<String, byte[]> x : e.entrySet()) {
                zip.putNextEntry(new ZipEntry(x.getKey()));
                if (!x.getKey().equals(entry) || keep) {
                    zip.write(x.getValue());
                }
                if (x.getKey().equals(entry)) {
                    for (long left = size; left > 0; left -= chunk.length) {
                        zip.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                }
                zip.closeEntry();
            }
        }
    }

    private static void header(Path from, Path to, String entry, Consumer<JsonObject> change) throws IOException {
        mutate(from, to, e -> {
            JsonObject h = JsonParser.parseString(new String(e.get(entry), StandardCharsets.UTF_8)).getAsJsonObject();
            change.accept(h);
            e.put(entry, bytes(h.toString()));
        });
    }

    /** The first {@code n} float32 values replaced by {@code value}. */
    private static byte[] poison(byte[] floats, int n, float value) {
        ByteBuffer b = ByteBuffer.wrap(floats.clone());
        for (int i = 0; i < n; i++) {
            b.putFloat(i * 4, value);
        }
        return b.array();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void exec(String... command) throws Exception {
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).as(String.join(" ", command)).isZero();
    }
}
