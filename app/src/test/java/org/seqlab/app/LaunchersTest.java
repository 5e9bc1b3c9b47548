package org.seqlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way of starting the lab shares one list of JVM options (a capped heap, ND4J's memory limit). */
class LaunchersTest {

    @Test
    void theReadmesRunCommandTheScriptTheSoakAndTheInstallerReadTheSameOptions() throws Exception {
        List<String> options = Files.readAllLines(Path.of("jvm.options")).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(options).contains("-Xmx1g").anyMatch(o -> o.startsWith("-Dorg.bytedeco.javacpp.maxPhysicalBytes="));
        assertThat(Files.readString(Path.of("../README.md"))).contains("mvn -q -DskipTests package && app/seqlab\n");
        Path script = Path.of("seqlab");
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(Files.readString(script)).contains("jvm.options").contains("target/seqlab.jar");
        assertThat(Files.readString(Path.of("../bench/memory-soak.sh"))).contains("app/jvm.options");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("srcFile=\"${project.basedir}/jvm.options\"").contains("@${installer.dir}/jvm-options.args");
    }
}
