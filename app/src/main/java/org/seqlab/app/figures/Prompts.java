package org.seqlab.app.figures;

import java.util.List;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.train.TrainingSnapshot;

/** What the decoding views continue, and how far: shared by the lab's decoding views and the catalogue's first figures. */
public final class Prompts {

    private Prompts() {
    }

    /**
     * What the models continue by default: for text the data's first example up to its first separator, for an
     * image the top half of the inspected digit.
     */
    public static String of(TrainingSnapshot s) {
        if (s.data().image() != null) {
            String digit = s.inspection() != null && s.inspection().text().length() == s.data().image().pixels() ? s.inspection().text()
                    : s.data().examples().get(0);
            return digit.substring(0, s.data().image().pixels() / 2);
        }
        return text(s.data().examples());
    }

    /** The first example up to its first separator (a name and its newline, a string and its delimiter), or 16 characters. */
    public static String text(List<String> examples) {
        if (examples.isEmpty() || examples.get(0).isEmpty()) {
            return "";
        }
        String e = examples.get(0);
        for (int i = 1; i < Math.min(e.length(), 40); i++) {
            char c = e.charAt(i);
            if (c == '|' || c == '\n') {
                return e.substring(0, i + 1);
            }
        }
        return e.substring(0, e.offsetByCodePoints(0, Math.min(16, e.codePointCount(0, e.length()))));
    }

    /** At most {@code wanted} tokens, and for an image no more than the pixels left after the prompt. */
    public static int lengthAfter(ImageShape image, String start, int wanted) {
        return image != null ? Math.max(1, Math.min(wanted, image.pixels() - start.length())) : wanted;
    }

    /** The same, for the snapshot's data. */
    public static int lengthAfter(TrainingSnapshot s, String start, int wanted) {
        return lengthAfter(s.data().image(), start, wanted);
    }
}
