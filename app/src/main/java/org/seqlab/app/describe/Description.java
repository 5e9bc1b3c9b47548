package org.seqlab.app.describe;

import java.util.List;
import org.seqlab.app.text.Texts;

/**
 * What a figure shows, in a few sentences computed from its numbers.
 *
 * @param title the figure's title
 * @param text  the sentences
 * @param facts  every number and label in the sentences, with the question that gave it
 * @param givens numbers in the sentences that belong to the method, not the data (the 0.95 that counts as saturated)
 */
public record Description(String title, String text, List<Fact> facts, List<String> givens) {

    public Description {
        facts = List.copyOf(facts);
        givens = List.copyOf(givens);
    }

    public Description(String title, String text, List<Fact> facts) {
        this(title, text, facts, List.of());
    }

    /** The title and the sentences, as the .txt export and speech have them. */
    public String plain() {
        return title + Texts.get("desc.end") + "\n" + text + "\n";
    }
}
