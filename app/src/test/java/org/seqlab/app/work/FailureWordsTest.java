package org.seqlab.app.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.TextFiles;

/** Why background work failed reads in the interface's language when the engine says it by key, as a window shows it. */
class FailureWordsTest {

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void aBadFileIsExplainedInTheInterfacesLanguage() {
        Throwable empty = catchThrowable(() -> TextFiles.fromBytes("notes.txt", new byte[0]));
        CompletionException wrapped = new CompletionException(empty);
        assertThat(Failure.reason(wrapped)).isEqualTo("notes.txt is empty");
        Texts.use(Locale.GERMAN);
        assertThat(Failure.reason(wrapped)).isEqualTo("notes.txt ist leer");
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(Failure.reason(wrapped)).isEqualTo("notes.txt 是空的");
        assertThat(empty.getMessage()).as("the command line's English").isEqualTo("notes.txt is empty");
    }
}
