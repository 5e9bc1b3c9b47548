package org.seqlab.app.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqlab.engine.expect.Point;

/**
 * The results a lesson pack's scenes had when it was packed ({@code checkpoints/expected.jsonl}: per scene whether its
 * point was made, and the values measured), written by {@code check-lessons --save-checkpoints} and compared by
 * {@code check-lessons --pack}, so a pack that no longer makes a point it made says so.
 */
record Expected(Map<String, JsonObject> scenes) {

    static final String FILE = "expected.jsonl";
    static final Expected NONE = new Expected(Map.of());

    /** A pack's expectations, or none when it has no such file (a pack without checkpoints). */
    static Expected read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Map<String, JsonObject> scenes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                scenes.put(o.get("scene").getAsString(), o);
            }
        }
        return new Expected(scenes);
    }

    static void append(Path file, String scene, Point.Verdict v) {
        Map<String, Object> values = new LinkedHashMap<>();
        v.values().forEach((k, x) -> values.put(k, Json.round(x)));
        String line = Json.object().put("scene", scene).put("met", v.met()).put("values", values).line() + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line saying how the scene's result differs from the pack's, or null when it does not (or was not recorded). */
    String differs(String scene, Point.Verdict now) {
        JsonObject was = scenes.get(scene);
        if (was == null || now == null || was.get("met").getAsBoolean() == now.met()) {
            return null;
        }
        return String.format("%-24s %-6s the pack expected its point %s: %s", "", scene, was.get("met").getAsBoolean() ? "made" : "not made",
                was.get("values"));
    }
}
