package org.seqlab.engine.io;

import java.util.Locale;

/** Words that can be read in any language SeqLab speaks: a sentence said by key, or a failure that holds one. */
public interface Said {

    /** In {@code l}, or in English where {@code l} has no words for it. */
    String in(Locale l);
}
