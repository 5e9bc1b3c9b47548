package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.sample.DecodeStep;
import org.seqlab.engine.sample.Decoder;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;

/**
 * Decoding one step at a time. Two continuations of the same prompt, greedy and with the chosen strategy, and for
 * the selected step the next-token distribution it was drawn from: raw softmax(z), reshaped by the temperature
 * softmax(z/T), the tokens top-k or top-p cut greyed out, and the kept ones renormalised. Below, the running
 * log-probability of both continuations under the model.
 */
public final class DecodingFigure implements Figure {

    static final Color KEPT = DecodingBars.KEPT;

    /**
     * Everything computed for one prompt.
     *
     * @param tokens        a visible label per token id
     * @param trainingStep  the step the model had reached
     * @param image         for an image model, the image's size (its tokens are the pixels 0 and 1); null for text
     */
    public record Input(String runId, String runLabel, List<String> prompt, List<String> tokens, Decoder.Generation greedy,
            Decoder.Generation sampled, DecodingConfig config, int trainingStep, ImageShape image) {
    }

    private final Input in;
    private final boolean greedyBranch;
    private final int step;

    /**
     * @param greedyBranch show the greedy continuation's distribution rather than the strategy's
     * @param step         the step shown, 0-based
     */
    public DecodingFigure(Input in, boolean greedyBranch, int step) {
        this.in = in;
        this.greedyBranch = greedyBranch;
        this.step = Math.max(0, Math.min(step, branch(greedyBranch).steps().size() - 1));
    }

    public Input input() {
        return in;
    }

    public int step() {
        return step;
    }

    public boolean greedyBranch() {
        return greedyBranch;
    }

    /** The number of steps of the branch shown. */
    public int steps() {
        return branch(greedyBranch).steps().size();
    }

    public DecodingFigure at(boolean greedy, int s) {
        return new DecodingFigure(in, greedy, s);
    }

    Decoder.Generation branch(boolean greedy) {
        return greedy ? in.greedy() : in.sampled();
    }

    @Override
    public String name() {
        return "decoding";
    }

    @Override
    public String title() {
        return Texts.format("decoding.title.f", EngineNames.model(in.runLabel()), EngineNames.decoding(in.config().describe()),
                in.config().seed(), in.trainingStep());
    }

    /** Where everything goes, for drawing and hit-testing: for text two rows of tokens, for an image model two images;
     *  the first {@code hidden} tokens of the prompt are left out, so that the strip's letters stay readable; a
     *  {@code compact} layout (a low view beside the reader) shows only the branch looked at, in one row, and no caption. */
    record Layout(int hidden, TokenStrip greedyRow, TokenStrip sampledRow, double rowLabelX, boolean compact, double rowHeight, Plot bars,
            Plot running, double captionY, Rectangle2D.Double greedyBox, Rectangle2D.Double sampledBox, double width) {
    }

    Layout layout(Graphics2D g, double w, double h, Style style) {
        double top = style.titleBottom(g, title(), w) + 8;
        g.setFont(style.labelFont());
        FontMetrics lf = g.getFontMetrics();
        double labelW = Math.max(lf.stringWidth(DecodingBars.branchName("sampled") + " "), lf.stringWidth(DecodingBars.branchName("greedy") + " ")) + 12;
        double rowH = 24 * style.typeScale();
        int cells = in.prompt().size() + Math.max(in.greedy().steps().size(), in.sampled().steps().size());
        double stripX = 12 + labelW;
        double summaryW = Math.max(lf.stringWidth(DecodingBars.summary(in.greedy())), lf.stringWidth(DecodingBars.summary(in.sampled()))) + 20;
        double room = w - stripX - summaryW;
        int hidden = TokenStrip.hidden(g, room, in.prompt().size(), cells, style);
        cells -= hidden;
        double cell = TokenStrip.cellFor(room, cells, style);
        boolean compact = in.image() == null && h < 260 * style.typeScale();
        TokenStrip greedyRow = new TokenStrip(stripX, top, cell, rowH);
        TokenStrip sampledRow = new TokenStrip(stripX, compact ? top : top + rowH + 8, cell, rowH);
        Rectangle2D.Double greedyBox = null;
        Rectangle2D.Double sampledBox = null;
        double rowsBottom = top + (compact ? rowH + 8 : 2 * rowH + 16);
        if (in.image() != null) {
            // two images side by side, each followed by its caption
            ImageShape shape = in.image();
            double size = Math.max(56, Math.min(190 * style.typeScale(), (h - top) * 0.3));
            double captionW = 210 * style.typeScale();
            greedyBox = ImagePainter.fit(new Rectangle2D.Double(12, top, size * shape.width() / shape.height(), size), shape.height(), shape.width());
            sampledBox = ImagePainter.fit(new Rectangle2D.Double(greedyBox.getMaxX() + captionW + 24, top, greedyBox.width, size),
                    shape.height(), shape.width());
            // the taller of the image and the four lines of text beside it
            rowsBottom = top + Math.max(greedyBox.height, 4 * lf.getHeight()) + 12;
        }
        double left = 78 * style.typeScale();
        double barsTop = rowsBottom + (compact ? 0 : 2 * lf.getHeight() + 10);
        double legendW = 250 * style.typeScale();
        double plotW = w - left - legendW - 24;
        // the running log-probability gets a plot of its own only where there is room for both
        boolean roomForRunning = h - barsTop > 380 * style.typeScale();
        double runningH = roomForRunning ? Math.max(90, (h - barsTop) * 0.26) : 0;
        // under the bars: a row of tokens (monospaced) and the caption
        double barsBottom = h - g.getFontMetrics(style.monoFont()).getHeight() - lf.getHeight() - 14 - (roomForRunning ? runningH + 2 * lf.getHeight() + 16 : 0);
        Plot bars = new Plot(left, barsTop, plotW, Math.max(40, barsBottom - barsTop), -0.5, DecodingBars.BARS - 0.5, 0, 1, false);
        int n = Math.max(in.greedy().steps().size(), in.sampled().steps().size());
        Plot running = !roomForRunning ? null : new Plot(left, h - runningH - lf.getHeight() - 14, plotW, runningH - lf.getHeight(), 0.5,
                Math.max(1.5, n + 0.5), DecodingBars.minTotal(in.greedy(), in.sampled()), 0, false);
        return new Layout(hidden, greedyRow, sampledRow, 12, compact, rowH, bars, running, rowsBottom, greedyBox, sampledBox, w);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        if (style.tooLow(g, w, h, in.image() != null ? 260 : 170)) {   // the rows or images (and a caption) above the bars
            return;
        }
        Decoder.Generation shown = branch(greedyBranch);
        if (shown.steps().isEmpty()) {
            style.centeredNote(g, Texts.get("note.nothingGenerated"), w, h);
            return;
        }
        Layout L = layout(g, w, h, style);
        if (in.image() != null) {
            drawImage(g, L.greedyBox(), L.width() - 4, "greedy", in.greedy(), greedyBranch, style);
            drawImage(g, L.sampledBox(), L.width() - 4, shortName(), in.sampled(), !greedyBranch, style);
        } else {
            if (!L.compact() || greedyBranch) {
                drawRow(g, L, L.greedyRow(), "greedy", in.greedy(), greedyBranch, style);
            }
            if (!L.compact() || !greedyBranch) {
                drawRow(g, L, L.sampledRow(), shortName(), in.sampled(), !greedyBranch, style);
            }
        }
        DecodeStep d = shown.steps().get(step);
        Integer[] order = IntStream.range(0, d.raw().length).boxed().sorted(Comparator.comparingDouble(i -> -d.raw()[i])).toArray(Integer[]::new);
        int shownBars = DecodingBars.shown(g, L.bars(), order.length, style);
        double highest = 0;
        for (int i = 0; i < shownBars; i++) {
            highest = Math.max(highest, Math.max(d.raw()[order[i]], Math.max(d.tempered()[order[i]], d.reshaped()[order[i]])));
        }
        double top = Math.min(1, Plot.niceCeiling(highest));
        Plot bars = new Plot(L.bars().left(), L.bars().top(), L.bars().right() - L.bars().left(), L.bars().bottom() - L.bars().top(),
                -0.5, shownBars - 0.5, 0, top, false);
        // the legend beside the bars, moved up where the bars are shorter than it; the caption then stops short of it
        double legendTop = Math.max(L.captionY(), Math.min(bars.top(), h - 4 - DecodingBars.legendHeight(g, L.running() != null, style)));
        double captionRight = legendTop < bars.top() ? bars.right() + 12 : w - 12;
        if (!L.compact()) {
            DecodingBars.caption(g, 12, L.captionY(), captionRight - 12, d, step, steps(), DecodingBars.branchName(greedyBranch ? "greedy" : shortName()),
                    greedyBranch ? Strategy.GREEDY : in.config().strategy(), in.config(), in.tokens(), style);
        }
        bars.drawAxes(g, null, Texts.get("decoding.probability"), false, style);
        DecodingBars.draw(g, bars, d, order, shownBars, in.tokens(), greedyBranch ? DecodingBars.GREEDY : KEPT.darker(), h, style);
        DecodingBars.legend(g, bars.right() + 24, legendTop, h, greedyBranch ? 1 : in.config().temperature(),
                greedyBranch ? DecodingBars.GREEDY : KEPT.darker(), L.running() != null ? shortName() : null, style);
        if (L.running() != null) {
            DecodingBars.running(g, L.running(), in.greedy(), in.sampled(), step, style);
        }
    }

    private String shortName() {
        return in.config().strategy() == Strategy.SAMPLE ? "sampled" : in.config().strategy().id();
    }

    private void drawRow(Graphics2D g, Layout L, TokenStrip row, String name, Decoder.Generation gen, boolean selected, Style style) {
        int given = in.prompt().size() - L.hidden();
        List<String> cells = new ArrayList<>(in.prompt().subList(L.hidden(), in.prompt().size()));
        for (int t : gen.tokens()) {
            cells.add(in.tokens().get(t));
        }
        Color[] fills = new Color[cells.size()];
        Color mine = name.equals("greedy") ? new Color(0xdfe3e8) : new Color(0xfbe3b6);
        for (int i = given; i < fills.length; i++) {
            fills[i] = mine;
        }
        int outlined = selected ? given + step : -1;
        row.draw(g, cells, fills, given, outlined, name.equals("greedy") ? DecodingBars.GREEDY : KEPT.darker(), style);
        g.setFont(selected ? style.labelFont().deriveFont(Font.BOLD) : style.labelFont());
        g.setPaint(style.ink());
        FontMetrics fm = g.getFontMetrics();
        double baseline = rowBaseline(row, L, fm);
        Style.text(g, DecodingBars.branchName(name), L.rowLabelX(), baseline);
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        double end = row.cellX(cells.size()) + 10;
        style.shrunk(g, DecodingBars.summary(gen), end, baseline, L.width() - end - 4);   // left out where a long run leaves no room
    }

    /** An image model's continuation: the given pixels tinted, the generated ones plain, the step shown outlined. */
    private void drawImage(Graphics2D g, Rectangle2D.Double box, double right, String name, Decoder.Generation gen, boolean selected, Style style) {
        ImageShape shape = in.image();
        int[] pixels = pixels(gen);
        ImagePainter.binary(g, box, shape.height(), shape.width(), pixels, pixels.length, style);
        int given = in.prompt().size();
        g.setPaint(new Color(0x56B4E9, false));
        g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.28f));
        for (int i = 0; i < Math.min(given, pixels.length); i++) {
            g.fill(ImagePainter.cell(box, shape.height(), shape.width(), i / shape.width(), i % shape.width()));
        }
        g.setComposite(java.awt.AlphaComposite.SrcOver);
        if (selected) {
            int i = given + step;
            if (i < shape.pixels()) {
                g.setPaint(name.equals("greedy") ? DecodingBars.GREEDY : KEPT.darker());
                g.setStroke(Style.stroke(2.5));
                Rectangle2D.Double c = ImagePainter.cell(box, shape.height(), shape.width(), i / shape.width(), i % shape.width());
                g.draw(new Rectangle2D.Double(c.x - 2, c.y - 2, c.width + 4, c.height + 4));
            }
        }
        g.setFont(selected ? style.labelFont().deriveFont(Font.BOLD) : style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double x = box.getMaxX() + 12;
        g.setPaint(style.ink());
        style.shrunk(g, DecodingBars.branchName(name), x, box.y + fm.getAscent(), right - x);   // beside the image, in what room the figure leaves
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        style.shrunk(g, Texts.format("decoding.logp.f", Style.number(gen.logProb())), x, box.y + fm.getHeight() + fm.getAscent(), right - x);
        style.shrunk(g, Texts.format("decoding.bitsPixel.f", Style.number(-gen.logProb() / Math.log(2) / Math.max(1, gen.tokens().length))), x,
                box.y + 2 * fm.getHeight() + fm.getAscent(), right - x);
        style.shrunk(g, Texts.get("decoding.given"), x, box.y + 3 * fm.getHeight() + fm.getAscent(), right - x);
    }

    /** The given pixels followed by a continuation's. */
    private int[] pixels(Decoder.Generation gen) {
        int given = in.prompt().size();
        int[] p = new int[Math.min(in.image().pixels(), given + gen.tokens().length)];
        for (int i = 0; i < p.length; i++) {
            p[i] = i < given ? Integer.parseInt(in.prompt().get(i)) : Integer.parseInt(in.tokens().get(gen.tokens()[i - given]));
        }
        return p;
    }

    private double rowBaseline(TokenStrip row, Layout L, FontMetrics fm) {
        return row.top() + (L.rowHeight() + fm.getAscent() - fm.getDescent()) / 2;
    }


    /** Which row and step lies under (x, y), as {greedy ? 1 : 0, step}, or null. */
    public int[] rowStepAt(double x, double y, double w, double h, Style style) {
        Layout L = layout(Measure.graphics(), w, h, style);
        if (in.image() != null) {
            for (boolean greedy : new boolean[] {true, false}) {
                Rectangle2D.Double box = greedy ? L.greedyBox() : L.sampledBox();
                if (box.contains(x, y)) {
                    int r = (int) ((y - box.y) / box.height * in.image().height());
                    int c = (int) ((x - box.x) / box.width * in.image().width());
                    int step = r * in.image().width() + c - in.prompt().size();
                    return step >= 0 && step < branch(greedy).steps().size() ? new int[] {greedy ? 1 : 0, step} : null;
                }
            }
            return null;
        }
        for (boolean greedy : L.compact() ? new boolean[] {greedyBranch} : new boolean[] {true, false}) {   // compact: one row
            TokenStrip row = greedy ? L.greedyRow() : L.sampledRow();
            int given = in.prompt().size() - L.hidden();
            int i = row.at(x, y, given + branch(greedy).steps().size());
            if (i >= given) {
                return new int[] {greedy ? 1 : 0, i - given};
            }
        }
        return null;
    }

    @Override
    public Figure click(double x, double y, double w, double h, Style style) {
        int[] hit = rowStepAt(x, y, w, h, style);
        return hit == null ? this : at(hit[0] == 1, hit[1]);
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        int[] hit = rowStepAt(x, y, w, h, style);
        if (hit != null) {
            DecodeStep d = branch(hit[0] == 1).steps().get(hit[1]);
            return Texts.format("decoding.cell.f",
                    DecodingBars.branchName(hit[0] == 1 ? "greedy" : shortName()), hit[1] + 1, in.tokens().get(d.chosen()), d.raw()[d.chosen()], d.totalLogProb());
        }
        Layout L = layout(Measure.graphics(), w, h, style);
        DecodeStep d = branch(greedyBranch).steps().get(step);
        int n = DecodingBars.shown(Measure.graphics(), L.bars(), d.raw().length, style);
        if (L.bars().contains(x, y) || (x >= L.bars().left() && x <= L.bars().right() && y > L.bars().bottom() && y < L.bars().bottom() + 30)) {
            int i = (int) Math.floor((x - L.bars().left()) / ((L.bars().right() - L.bars().left()) / n));
            if (i < 0 || i >= n) {
                return null;
            }
            Integer[] order = IntStream.range(0, d.raw().length).boxed().sorted(Comparator.comparingDouble(k -> -d.raw()[k])).toArray(Integer[]::new);
            int tok = order[i];
            return Texts.format("decoding.bar.f", in.tokens().get(tok), d.raw()[tok], d.tempered()[tok],
                    d.kept()[tok] ? Texts.format("decoding.kept.f", d.reshaped()[tok]) : Texts.get("decoding.cut"),
                    tok == d.chosen() ? Texts.get("decoding.chosen") : "");
        }
        return null;
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("branch", "step", "token", "raw", "tempered", "kept", "renormalised", "chosen", "running_logprob");
        DecodeStep d = branch(greedyBranch).steps().get(step);
        String who = greedyBranch ? "greedy" : shortName();
        for (int tok = 0; tok < d.raw().length; tok++) {
            tb.row(who, step + 1, in.tokens().get(tok), d.raw()[tok], d.tempered()[tok], d.kept()[tok], d.reshaped()[tok], tok == d.chosen(),
                    tok == d.chosen() ? d.totalLogProb() : "");
        }
        for (boolean greedy : new boolean[] {true, false}) {
            List<DecodeStep> steps = branch(greedy).steps();
            for (int t = 0; t < steps.size(); t++) {
                DecodeStep s = steps.get(t);
                tb.row(greedy ? "greedy" : shortName(), t + 1, in.tokens().get(s.chosen()), s.raw()[s.chosen()], s.tempered()[s.chosen()], true,
                        s.reshaped()[s.chosen()], true, s.totalLogProb());
            }
        }
        return tb.build();
    }
}
