package org.seqlab.engine.bridge;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code python3} that can import PyTorch: the one on the PATH, else Debian's (a pyenv python may stand first). */
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
}
