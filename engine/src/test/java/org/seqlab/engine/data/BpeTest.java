package org.seqlab.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.io.DataException;

class BpeTest {

    @Test
    void mergesTheMostFrequentPairFirstAndNeverAcrossASpace() {
        String text = "low lower lowest low low";
        Vocabulary characters = Vocabulary.of(text);
        Bpe bpe = Bpe.learn(characters.encode(text), characters.tokens(), characters.size() + 3);
        // "lo" occurs five times, "ow" five times (the tie goes to the smaller pair: 'l' < 'o'), then "low" five times
        List<String> merged = bpe.tokens().subList(Vocabulary.of(text).size(), bpe.tokens().size());
        assertEquals(List.of("lo", "low", " low"), merged);
        for (String t : bpe.tokens()) {
            assertFalse(t.length() > 1 && t.substring(1).contains(" "), "white space only leads a token: '" + t + "'");
        }
    }

    @Test
    void encodingIsLosslessAndShorter() throws DataException {
        DataSource d = DataSources.open("names:bpe-64");
        Vocabulary v = d.vocabulary();
        assertEquals(64, v.size());
        assertFalse(v.characters());
        String text = "\nemma\nolivia\nisaac\n";
        int[] ids = v.encode(text);
        assertEquals(text, v.decode(ids), "decoding the tokens gives the text back");
        assertTrue(ids.length < text.length(), ids.length + " tokens for " + text.length() + " characters");
        assertEquals(ids.length, v.labels(ids).size());
        // measured on the validation part: the characters over the tokens, well above 1 with 37 merges
        assertTrue(d.charactersPerToken() > 1.3 && d.charactersPerToken() < 4, "characters per token " + d.charactersPerToken());
        assertEquals(1.0, DataSources.open("names").charactersPerToken(), 0.0);
    }

    @Test
    void theSameTextLearnsTheSameTokens() throws DataException {
        assertEquals(DataSources.open("names:bpe-48").vocabulary(), DataSources.open("names:bpe-48").vocabulary());
    }

    @Test
    void anImpossibleSizeIsRefusedWithBothNumbers() {
        DataException e = assertThrows(DataException.class, () -> DataSources.open("names:bpe-5"));
        assertTrue(e.getMessage().contains("1024") && e.getMessage().contains("not 5"), e.getMessage());
        assertThrows(DataException.class, () -> DataSources.open("names:bpe-99999"));
    }
}
