package org.seqlab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code train --diagnose [--confirm] [--json]}: the tutor's diagnoses at the end of a run, and their counter-experiments. */
class TutorCommandTest {

    private static final String[] TOO_HIGH = {"train", "--data", "names", "--model", "rnn", "--lr", "0.05", "--steps", "300",
            "--batch", "16", "--seq", "32", "--eval-every", "100"};

    private static String[] with(String... more) {
        String[] all = new String[TOO_HIGH.length + more.length];
        System.arraycopy(TOO_HIGH, 0, all, 0, TOO_HIGH.length);
        System.arraycopy(more, 0, all, TOO_HIGH.length, more.length);
        return all;
    }

    @Test
    void theFinalJsonLineCarriesTheDiagnosesAndWithConfirmTheirVerdicts() {
        CommandLineTest.Result r = CommandLineTest.run(with("--diagnose", "--confirm", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.lines();
        JsonObject last = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        JsonArray diagnoses = last.getAsJsonArray("diagnoses");
        assertThat(diagnoses).isNotEmpty();
        JsonObject first = diagnoses.get(0).getAsJsonObject();
        assertThat(first.get("cause").getAsString()).isEqualTo("lr-too-high");
        assertThat(first.get("step").getAsInt()).isEqualTo(300);
        assertThat(first.getAsJsonObject("evidence").get("update_ratio").getAsDouble()).isGreaterThan(1e-2);
        assertThat(first.get("says").getAsString()).contains("update_ratio");
        assertThat(first.get("confirmed").getAsBoolean()).isTrue();   // a tenth of the rate ends lower
    }

    @Test
    void asTextTheTutorSaysItsCauseAndAHealthyRunIsLeftAlone() {
        CommandLineTest.Result bad = CommandLineTest.run(with("--diagnose"));
        assertThat(bad.out()).contains("Tutor: lr-too-high — ").contains("Test it: learning rate ÷ 10.").doesNotContain("Confirmed");
        CommandLineTest.Result healthy = CommandLineTest.run("train", "--data", "names", "--model", "lstm", "--steps", "200",
                "--batch", "16", "--seq", "32", "--diagnose", "--json");
        JsonObject last = JsonParser.parseString(healthy.lines().get(healthy.lines().size() - 1)).getAsJsonObject();
        assertThat(last.getAsJsonArray("diagnoses")).isEmpty();
        CommandLineTest.Result plain = CommandLineTest.run("train", "--data", "names", "--model", "lstm", "--steps", "60", "--json");
        assertThat(JsonParser.parseString(plain.lines().get(plain.lines().size() - 1)).getAsJsonObject().has("diagnoses")).isFalse();
    }
}
