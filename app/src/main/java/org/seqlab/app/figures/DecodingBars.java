package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.sample.DecodeStep;
import org.seqlab.engine.sample.Decoder;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;

/**
 * The decoding figure's panels: the caption of a step, the running log-probability of both branches, and the bar chart of one step: for each of the most likely tokens its raw probability, the tempered one
 * and, if the strategy kept it, the renormalised one; the chosen token marked; and the legend of all that.
 */
final class DecodingBars {

    static final Color GREEDY = new Color(0x1f2328);   // the greedy path stays dark in every style

    static final Color RAW = new Color(0xb8bfc7);
    static final Color TEMPERED = new Color(0x56B4E9);
    static final Color KEPT = new Color(0xE69F00);
    static final Color CUT = new Color(0xe6e8eb);

    private DecodingBars() {
    }

    /** The most bars the distribution shows: the likeliest tokens. */
    static final int BARS = 24;

    /** A branch's name as drawn: "greedy" and "sampled" in the interface's words, a strategy's id as it is. */
    static String branchName(String name) {
        return Texts.orElse("decoding.branch." + name, name);
    }

    /**
     * How many of the most likely tokens get a bar: at most {@link #BARS}, and no more than leave each
     * bar's label room beside its neighbours' (16 symbols at 1024×768 presenting had their letters drawn over each other).
     */
    static int shown(Graphics2D g, Plot bars, int vocabulary, Style style) {
        double label = g.getFontMetrics(style.monoFont()).stringWidth("m") * 1.5;
        return (int) Math.max(1, Math.min(Math.min(BARS, vocabulary), Math.floor((bars.right() - bars.left()) / label)));
    }

    /**
     * The bars of the {@code shownBars} tokens first in {@code order} (by raw probability), labelled below; the caption
     * under the labels only where it ends above {@code bottom}.
     */
    static void draw(Graphics2D g, Plot bars, DecodeStep d, Integer[] order, int shownBars, List<String> tokens, Color chosenColour,
            double bottom, Style style) {
        double slot = (bars.right() - bars.left()) / shownBars;
        double bw = Math.min(16 * style.typeScale(), slot / 3.6);
        g.setFont(style.monoFont());
        FontMetrics mf = g.getFontMetrics();
        for (int i = 0; i < shownBars; i++) {
            int tok = order[i];
            double cx = bars.px(i);
            bar(g, bars, cx - 1.5 * bw, bw, d.raw()[tok], RAW);
            bar(g, bars, cx - 0.5 * bw, bw, d.tempered()[tok], d.kept()[tok] ? TEMPERED : CUT);
            if (d.kept()[tok]) {
                bar(g, bars, cx + 0.5 * bw, bw, d.reshaped()[tok], KEPT);
            }
            boolean chosen = tok == d.chosen();
            g.setFont(chosen ? style.monoFont().deriveFont(Font.BOLD) : style.monoFont());
            g.setPaint(d.kept()[tok] ? style.ink() : style.axis());
            if (bars.bottom() + mf.getHeight() + 4 <= bottom) {   // a strip too low for its tokens leaves them to the hover
                Style.centered(g, tokens.get(tok), cx, bars.bottom() + mf.getAscent() + 4);
            }
            if (chosen) {
                double y = bars.py(Math.max(d.reshaped()[tok], Math.max(d.raw()[tok], d.tempered()[tok]))) - 6;
                Path2D.Double tri = new Path2D.Double();
                tri.moveTo(cx - 7, y - 11);
                tri.lineTo(cx + 7, y - 11);
                tri.lineTo(cx, y);
                tri.closePath();
                g.setPaint(chosenColour);
                g.fill(tri);
            }
        }
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        // under the bars and no wider (the legend may stand beside them)
        double y = bars.bottom() + mf.getHeight() + g.getFontMetrics().getAscent() + 6;
        if (y + g.getFontMetrics().getDescent() <= bottom) {
            style.centeredShrunk(g, shownBars < order.length ? Texts.format("bars.most.f", shownBars, order.length)
                    : Texts.get("bars.every"), (bars.left() + bars.right()) / 2, y, bars.right() - bars.left() + 20);
        }
    }

    static void bar(Graphics2D g, Plot p, double x, double width, double value, Color c) {
        if (value <= 0) {
            return;
        }
        double y = p.py(Math.min(value, 1));
        g.setPaint(c);
        g.fill(new Rectangle2D.Double(x, y, width - 1, p.bottom() - y));
    }

    /**
     * One legend for the bars and, when drawn ({@code runningName} not null), the running log-probability below them.
     *
     * @param t the temperature the tempered bars used
     */
    /** The running log-probability's lowest tick: below every continuation's total, at least −1. */
    static double minTotal(Decoder.Generation... gens) {
        double lo = -1;
        for (Decoder.Generation gen : gens) {
            if (!gen.steps().isEmpty()) {
                lo = Math.min(lo, gen.logProb());
            }
        }
        return Plot.niceTicks(lo, 0, 4).isEmpty() ? lo : Math.min(lo, Plot.niceTicks(lo * 1.05, 0, 4).get(0));
    }

    /** A continuation's log-probability in a line: in nats, and per token in bits. */
    static String summary(Decoder.Generation gen) {
        return Texts.format("bars.summary.f", Style.number(gen.logProb()),
                Style.number(-gen.logProb() / Math.log(2) / Math.max(1, gen.tokens().length)));
    }

    /** The legend's height, with or without the running log-probability's part. */
    static double legendHeight(Graphics2D g, boolean running, Style style) {
        g.setFont(style.labelFont());
        double step = g.getFontMetrics().getHeight() + 4;
        return 4 + 5 * step + (running ? 8 + 3 * step : 0);
    }

    /** The legend's entries from y down, each only where it ends above {@code bottom}. */
    static void legend(Graphics2D g, double x, double y, double bottom, double t, Color chosenColour, String runningName, Style style) {
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        String[] names = {Texts.get("bars.raw"), Texts.format("bars.tempered.f", Style.number(t)), Texts.get("bars.kept"), Texts.get("bars.cut")};
        Color[] colors = {RAW, TEMPERED, KEPT, CUT};
        double step = fm.getHeight() + 4;
        double ly = y + 4;
        for (int i = 0; i < names.length && ly + step <= bottom; i++) {
            g.setPaint(colors[i]);
            g.fill(new Rectangle2D.Double(x, ly, 18, fm.getAscent()));
            if (colors[i] == CUT) {
                g.setPaint(style.axis());
                g.draw(new Rectangle2D.Double(x, ly, 18, fm.getAscent()));
            }
            g.setPaint(style.ink());
            Style.text(g, names[i], x + 26, ly + fm.getAscent() - 1);
            ly += step;
        }
        if (ly + step > bottom) {
            return;
        }
        Path2D.Double tri = new Path2D.Double();
        tri.moveTo(x + 2, ly + 1);
        tri.lineTo(x + 16, ly + 1);
        tri.lineTo(x + 9, ly + 12);
        tri.closePath();
        g.setPaint(chosenColour);
        g.fill(tri);
        g.setPaint(style.ink());
        Style.text(g, Texts.get("bars.chosen"), x + 26, ly + fm.getAscent() - 1);
        ly += step;
        if (runningName == null) {
            return;
        }
        ly += 8;
        g.setPaint(style.muted());
        Style.text(g, Texts.get("bars.running"), x, ly + fm.getAscent() - 1);
        ly += step;
        double mid = ly + fm.getAscent() / 2.0;
        g.setPaint(GREEDY);
        g.setStroke(Style.dashed(2));
        Style.line(g, x, mid, x + 20, mid);
        Style.text(g, Texts.get("decoding.branch.greedy"), x + 26, ly + fm.getAscent() - 1);
        ly += step;
        mid = ly + fm.getAscent() / 2.0;
        g.setPaint(KEPT.darker());
        g.setStroke(Style.stroke(2.5));
        Style.line(g, x, mid, x + 20, mid);
        Style.text(g, runningName, x + 26, ly + fm.getAscent() - 1);
    }

    /** Both branches' running log-probability against the step, the step shown marked. */
    static void running(Graphics2D g, Plot p, Decoder.Generation greedyGen, Decoder.Generation chosenGen, int step, Style style) {
        p.drawAxes(g, Texts.get("bars.step"), Texts.get("bars.runningAxis"), true, style);
        for (boolean greedy : new boolean[] {true, false}) {
            Decoder.Generation gen = greedy ? greedyGen : chosenGen;
            Path2D.Double path = new Path2D.Double();
            for (int t = 0; t < gen.steps().size(); t++) {
                double x = p.px(t + 1);
                double y = p.py(gen.steps().get(t).totalLogProb());
                if (t == 0) {
                    path.moveTo(p.px(0.5), p.py(0));
                }
                path.lineTo(x, y);
            }
            g.setPaint(greedy ? GREEDY : KEPT.darker());
            g.setStroke(greedy ? Style.dashed(2) : Style.stroke(2.5));
            g.draw(path);
        }
        double x = p.px(step + 1);
        g.setPaint(style.axis());
        g.setStroke(Style.stroke(1));
        Style.line(g, x, p.top(), x, p.bottom());
    }

    /** Two lines under the title: what was chosen at this step, and what the strategy did to the distribution. */
    static void caption(Graphics2D g, double x, double y, double maxWidth, DecodeStep d, int step, int steps, String who,
            Strategy strategy, DecodingConfig config, List<String> tokens, Style style) {
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        int kept = 0;
        double keptMass = 0;
        for (int i = 0; i < d.kept().length; i++) {
            if (d.kept()[i]) {
                kept++;
                keptMass += d.tempered()[i];
            }
        }
        String line1 = Texts.format("bars.line1.f",
                step + 1, steps, who, tokens.get(d.chosen()), Style.number(d.raw()[d.chosen()]), Style.number(d.logProb()),
                Style.number(d.totalLogProb()));
        String line2 = switch (strategy) {
            case GREEDY, BEAM -> Texts.get("bars.greedy");
            case SAMPLE -> Texts.format("bars.sample.f",
                    Style.number(config.temperature()), kept);
            case TOP_K -> Texts.format("bars.topk.f",
                    kept, Style.number(keptMass));
            case TOP_P -> Texts.format(kept == 1 ? "bars.topp.one.f" : "bars.topp.f",
                    Style.number(config.p()), kept, Style.number(keptMass));
        };
        g.setPaint(style.ink());
        style.shrunk(g, line1, x, y + fm.getAscent(), maxWidth);
        g.setPaint(style.muted());
        style.shrunk(g, line2, x, y + fm.getHeight() + fm.getAscent(), maxWidth);
    }
}
