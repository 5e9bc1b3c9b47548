package org.seqlab.engine.data.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seqlab.engine.data.BuiltInCorpora;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.data.ImageFolders;
import org.seqlab.engine.data.OrderedPixels;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.data.TextCorpus;
import org.seqlab.engine.data.TextFiles;
import org.seqlab.engine.data.synthetic.RepeatCorpus;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.io.DataException;

/** Turns a data name (as typed on the command line or chosen in the lab) into a {@link DataSource}. */
public final class DataSources {

    /** The built-in and synthetic names, in the order the lab lists them. */
    public static final List<String> BUILT_IN = List.of(
            "synthetic:reber", "synthetic:repeat", "synthetic:markov", "synthetic:brackets", "synthetic:recall", "synthetic:order", "names", "moby-dick", "moby-dick:bpe-256", "digits-14", "digits", "digits-14:raster");

    private DataSources() {
    }

    /** Whether {@code spec} names built-in or synthetic data (opened by name, never from a path). */
    public static boolean isBuiltIn(String spec) {
        return spec != null && (BUILT_IN.contains(spec.trim()) || orderedPixels(spec.trim()) != null || tokenised(spec.trim()));
    }

    private static final Pattern BPE = Pattern.compile("(names|moby-dick):bpe-(\\d{1,5})");

    /** Whether {@code spec} names a built-in text in byte-pair tokens, {@code moby-dick:bpe-256} or {@code names:bpe-64}. */
    public static boolean tokenised(String spec) {
        return spec != null && BPE.matcher(spec).matches();
    }

    /** For {@code digits-14:snake} and the like (the digits read as a sequence in that order), the order; otherwise null. */
    public static PixelOrder orderedPixels(String spec) {
        int colon = spec == null ? -1 : spec.indexOf(':');
        if (colon < 0 || !(spec.startsWith("digits:") || spec.startsWith("digits-14:"))) {
            return null;
        }
        try {
            return PixelOrder.parse(spec.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether these data are images (for the pixel models): the digits, or a folder of one's own. */
    public static boolean isImages(String spec) {
        return spec != null && (spec.equals("digits") || spec.equals("digits-14") || spec.startsWith("images:") || spec.startsWith("images-14:"));
    }

    /**
     * {@code names}, {@code moby-dick}, {@code synthetic:<markov|reber|brackets|repeat>}, {@code digits} (28×28),
     * {@code digits-14} (14×14), {@code images:DIR} or {@code images-14:DIR} (a folder of PNG or JPEG images, 28×28 or
     * 14×14), {@code moby-dick:bpe-N} or {@code names:bpe-N} (the text in N byte-pair tokens learned on its training
     * part), {@code digits-14:ORDER} (the digits as a sequence for the text models; see {@link PixelOrder}), or a path to a UTF-8 text file.
     */
    public static DataSource open(String spec) throws DataException {
        if (spec == null || spec.isBlank()) {
            throw DataException.says("data.noDataGivenUse");
        }
        String s = spec.trim();
        Matcher bpe = BPE.matcher(s);
        if (bpe.matches()) {
            TextCorpus text = bpe.group(1).equals("names") ? BuiltInCorpora.names() : BuiltInCorpora.mobyDick();
            try {
                return text.tokenised(Integer.parseInt(bpe.group(2)));
            } catch (IllegalArgumentException e) {
                throw DataException.says("data.cannotTokenise", bpe.group(1), e);
            }
        }
        if (s.equals("names")) {
            return BuiltInCorpora.names();
        }
        if (s.equals("moby-dick")) {
            return BuiltInCorpora.mobyDick();
        }
        if (s.equals("digits")) {
            return DigitsCorpus.full();
        }
        if (s.equals("digits-14")) {
            return DigitsCorpus.tiny();
        }
        if (s.startsWith("digits:") || s.startsWith("digits-14:")) {
            PixelOrder order = orderedPixels(s);
            if (order == null) {
                throw DataException.says("data.unknownPixelOrderIn", s);
            }
            return new OrderedPixels(s.startsWith("digits:") ? DigitsCorpus.full() : DigitsCorpus.tiny(), order);
        }
        if (s.startsWith("images:") || s.startsWith("images-14:")) {
            boolean small = s.startsWith("images-14:");
            return ImageFolders.load(Path.of(s.substring(s.indexOf(':') + 1)), small ? 14 : 28, s);
        }
        if (s.equals("synthetic:repeat")) {
            return RepeatCorpus.standard();
        }
        if (s.startsWith("synthetic:")) {
            try {
                return new SyntheticCorpus(SyntheticSources.byName(s.substring("synthetic:".length())));
            } catch (IllegalArgumentException e) {
                throw DataException.of(e);
            }
        }
        return TextFiles.load(Path.of(s));
    }
}
