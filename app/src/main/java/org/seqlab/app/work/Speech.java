package org.seqlab.app.work;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Speaks a figure's description and the keyboard cursor's cell through the system's speech service, for learners who
 * do not see the screen: JavaFX reaches no screen reader on Linux. Off by default (View → Speak, F6). The command is
 * speech-dispatcher's {@code spd-say}, else {@code espeak-ng}, found on the PATH; {@code -Dseqlab.speech=PATH} names
 * another (the tests use a stub that writes what it was asked to say).
 */
public final class Speech {

    /** Whether SeqLab speaks. */
    public static final BooleanProperty ON = new SimpleBooleanProperty(false);

    private static final ExecutorService VOICE = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seqlab-speech");
        t.setDaemon(true);
        return t;
    });
    private static Process speaking;

    private Speech() {
    }

    /** The speech command there is: the one named by {@code seqlab.speech}, spd-say or espeak-ng on the PATH; empty when none. */
    public static Optional<Path> command() {
        String named = System.getProperty("seqlab.speech");
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String name : List.of("spd-say", "espeak-ng")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Says {@code text} when speech is on, cutting off what was still being said; never waits. */
    public static void say(String text) {
        if (ON.get()) {
            read(text);
        }
    }

    /** Says {@code text} now, asked for (Read aloud), whether or not speech is on. */
    public static void read(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        Optional<Path> cmd = command();
        if (cmd.isEmpty()) {
            return;
        }
        VOICE.execute(() -> {
            try {
                if (speaking != null && speaking.isAlive()) {
                    speaking.destroy();   // the newest cell matters, not the one the cursor has left
                }
                List<String> args = new ArrayList<>(List.of(cmd.get().toString()));
                if (cmd.get().getFileName().toString().equals("spd-say")) {
                    args.add("--cancel");   // speech-dispatcher queues what it was told: drop what was waiting
                    new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                    args.remove(1);
                }
                args.add(text);
                speaking = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                javafx.application.Platform.runLater(() -> ON.set(false));   // no voice after all: stop trying (the menu shows it off)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
