package org.seqlab.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.seqlab.app.Main;

/** A lesson that tries to reach the network gets nowhere: a server on this machine sees no request. */
class LessonNetworkTest {

    @TempDir
    Path dir;

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    String url;

    @BeforeEach
    void listen() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/lion.png";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aLessonWhoseMathLoadsAUrlIsAProblemAndFetchesNothing() throws Exception {
        Path lesson = Files.createDirectories(dir.resolve("01-trap"));
        Files.writeString(lesson.resolve("lesson.md"), "---\ntitle: A trap\n---\n\n## Step\n\nAn image: $\\includegraphics{" + url + "}$.\n\n"
                + "Through a macro: $\\newcommand{\\pic}{\\includegraphics} \\pic{" + url + "}$.\n\n"
                + "A Markdown image ![lion](" + url + ") and a [link](" + url + ").\n");
        LessonLibrary lib = LessonLibrary.load(lesson, "01-trap");
        assertThat(lib.lessons()).isEmpty();
        assertThat(lib.problems()).extracting(LessonProblem::message)
                .allSatisfy(m -> assertThat(m).contains("\\includegraphics").contains("never loads files, fonts or URLs"));

        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"export", "--lesson", lesson.toString(), "--out", dir.resolve("figs").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("never loads files, fonts or URLs");
        assertThat(requests).hasValue(0);
    }

    @Test
    void theCommandsThatReachOutAreGoneFromJLaTeXMathItself() throws Exception {
        SafeTeX.parse("x^2");   // SeqLab's TeX is set up
        for (String c : SafeTeX.REMOVED) {
            // even past SeqLab's own check, straight into JLaTeXMath: an unknown command, nothing loaded
            // (the macro definers fail inside JLaTeXMath without naming themselves: refused all the same)
            assertThatThrownBy(() -> new TeXFormula("\\" + c + "{" + url + "}")).message().satisfiesAnyOf(
                    m -> assertThat(m).contains(c), m -> assertThat(c).contains("new"));
        }
        try {
            new TeXFormula("\\newcommand{\\pic}{\\includegraphics} \\pic{" + url + "}").createTeXIcon(0, 20);   // through a macro
        } catch (RuntimeException refused) {
            // refusing is as good as drawing nothing
        }
        assertThat(requests).hasValue(0);

        // the server does count: a request made on purpose arrives
        try (var in = URI.create(url).toURL().openStream()) {
            in.readAllBytes();
        } catch (java.io.IOException expected404) {
            // 404 is what it answers
        }
        assertThat(requests).hasValue(1);
    }
}
