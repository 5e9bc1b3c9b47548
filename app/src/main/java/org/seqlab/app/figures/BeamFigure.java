package org.seqlab.app.figures;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.sample.BeamSearch;

/**
 * Beam search as a tree: one column per step, every hypothesis the beam kept (solid) and the best ones it pruned
 * (faded), each with its token and log-probability; the best final hypothesis's path drawn thick. Beside it the
 * final hypotheses ranked by log-probability per token, and on a synthetic source their true probability
 * beside the model's.
 */
public final class BeamFigure implements Figure {

    static final Color BEST = new Color(0xD55E00);
    static final Color NODE = new Color(0xcfe4f5);

    /**
     * @param truth the source's probability of each ranked hypothesis given the prompt (same order), or null
     */
    public record Input(String runLabel, String prompt, List<String> tokens, BeamSearch.Result result, double[] truth, int trainingStep) {
    }

    private final Input in;
    private final Map<Integer, BeamSearch.Hypothesis> byId = new HashMap<>();
    private final int depths;
    private final int rows;

    public BeamFigure(Input in) {
        this.in = in;
        int d = 0;
        Map<Integer, Integer> perDepth = new HashMap<>();
        for (BeamSearch.Hypothesis h : in.result().tree()) {
            byId.put(h.id(), h);
            d = Math.max(d, h.depth());
            perDepth.merge(h.depth(), 1, Integer::sum);
        }
        depths = d;
        rows = perDepth.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    public Input input() {
        return in;
    }

    @Override
    public String name() {
        return "beam-search";
    }

    @Override
    public String title() {
        return Texts.format("beam.title.f", EngineNames.model(in.runLabel()), in.result().width(), in.trainingStep());
    }

    private record Layout(double left, double top, double colW, double rowH, double treeRight, double listX) {
    }

    private Layout layout(Graphics2D g, double w, double h, Style style) {
        double top = style.titleBottom(g, title(), w) + 10;
        g.setFont(style.monoFont());
        double promptW = Math.min(160 * style.typeScale(), g.getFontMetrics().stringWidth(visiblePrompt()) + 24);
        double listW = Math.min(460 * style.typeScale(), w * 0.36);
        double left = 12 + promptW;
        double treeRight = w - listW - 24;
        g.setFont(style.labelFont());
        double bottom = h - notes(g, treeRight).size() * g.getFontMetrics().getHeight() - 12;
        double colW = (treeRight - left) / Math.max(1, depths);
        double rowH = (bottom - top) / Math.max(1, rows);
        return new Layout(left, top, colW, rowH, treeRight, treeRight + 24);
    }

    /** The notes under the tree, wrapped to its width. */
    private List<String> notes(Graphics2D g, double treeRight) {
        List<String> lines = new ArrayList<>(Style.lines(g,
                Texts.get("beam.note"),
                treeRight - 12));
        lines.addAll(Style.lines(g, Texts.format("beam.step.f", in.result().width()), treeRight - 12));
        return lines;
    }

    private String visiblePrompt() {
        String p = in.prompt();
        return p.length() > 14 ? "…" + p.substring(p.length() - 13) : p;
    }

    /** Centre of every node: column by depth, row by rank within its depth (kept first, best on top). */
    private Map<Integer, Point2D.Double> positions(Layout L) {
        Map<Integer, List<BeamSearch.Hypothesis>> cols = new HashMap<>();
        for (BeamSearch.Hypothesis h : in.result().tree()) {
            cols.computeIfAbsent(h.depth(), k -> new ArrayList<>()).add(h);
        }
        Map<Integer, Point2D.Double> pos = new HashMap<>();
        for (var e : cols.entrySet()) {
            List<BeamSearch.Hypothesis> col = e.getValue();
            col.sort(Comparator.comparing(BeamSearch.Hypothesis::pruned).thenComparingDouble(h -> -h.logProb()));
            for (int i = 0; i < col.size(); i++) {
                pos.put(col.get(i).id(), new Point2D.Double(L.left() + (e.getKey() - 0.5) * L.colW(), L.top() + (i + 0.5) * L.rowH()));
            }
        }
        return pos;
    }

    private Set<Integer> bestPath() {
        Set<Integer> path = new HashSet<>();
        if (in.result().ranked().isEmpty()) {
            return path;
        }
        BeamSearch.Hypothesis h = in.result().ranked().get(0);
        while (h != null) {
            path.add(h.id());
            h = byId.get(h.parent());
        }
        return path;
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        if (in.result().tree().isEmpty()) {
            style.centeredNote(g, Texts.get("note.nothingSearched"), w, h);
            return;
        }
        if (style.tooLow(g, w, h, 200)) {   // a tree of W rows and the ranked outputs beside it
            return;
        }
        Layout L = layout(g, w, h, style);
        Map<Integer, Point2D.Double> pos = positions(L);
        Set<Integer> best = bestPath();
        double rootY = L.top() + 0.5 * L.rowH();
        g.setFont(style.monoFont());
        FontMetrics mf = g.getFontMetrics();
        g.setPaint(style.ink());
        Style.right(g, visiblePrompt(), L.left() - 10, rootY + mf.getAscent() / 2.0 - 2);
        Composite solid = g.getComposite();
        Composite faded = AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.28f);
        // edges first, under the nodes
        for (BeamSearch.Hypothesis hyp : in.result().tree()) {
            Point2D.Double c = pos.get(hyp.id());
            Point2D.Double p = hyp.parent() < 0 ? new Point2D.Double(L.left() - 6, rootY) : pos.get(hyp.parent());
            boolean onBest = best.contains(hyp.id());
            g.setComposite(hyp.pruned() ? faded : solid);
            g.setPaint(onBest ? BEST : style.axis());
            g.setStroke(onBest ? Style.stroke(3.5) : Style.stroke(1.3));
            Style.line(g, p.x + (hyp.parent() < 0 ? 0 : nodeW(L, style) / 2), p.y, c.x - nodeW(L, style) / 2, c.y);
        }
        g.setComposite(solid);
        double nw = nodeW(L, style);
        double nh = nodeH(L, style);
        Font score = style.tickFont().deriveFont((float) Math.max(style.leastPx(), Math.min(style.tickFont().getSize2D(), nh * 0.42)));
        for (BeamSearch.Hypothesis hyp : in.result().tree()) {
            Point2D.Double c = pos.get(hyp.id());
            g.setComposite(hyp.pruned() ? faded : solid);
            RoundRectangle2D.Double box = new RoundRectangle2D.Double(c.x - nw / 2, c.y - nh / 2, nw, nh, 8, 8);
            g.setPaint(hyp.pruned() ? new Color(0xeeeeee) : best.contains(hyp.id()) ? new Color(0xfbd9c4) : NODE);
            g.fill(box);
            g.setPaint(best.contains(hyp.id()) ? BEST : style.axis());
            g.setStroke(Style.stroke(hyp.finished() ? 2.5 : 1));
            g.draw(box);
            g.setPaint(style.ink());
            boolean twoLines = nh >= 30 * style.typeScale();
            g.setFont(style.monoFont().deriveFont(Font.BOLD));
            String tok = in.tokens().get(hyp.token());
            String logP = String.format("%.2f", hyp.logProb());
            if (twoLines && g.getFontMetrics().stringWidth(tok) <= nw - 4) {
                Style.centered(g, tok, c.x, c.y - 1);
                g.setFont(score);
                if (g.getFontMetrics().stringWidth(logP) <= nw - 4) {
                    Style.centered(g, logP, c.x, c.y + g.getFontMetrics().getAscent());
                }
            } else {
                // one line inside the box: the token and its score, or the token alone, or (boxes too small) nothing:
                // the hover read-out still tells
                g.setFont(score);
                FontMetrics sf = g.getFontMetrics();
                String s = sf.stringWidth(tok + " " + logP) <= nw - 4 ? tok + " " + logP : tok;
                if (sf.stringWidth(s) <= nw - 2 && sf.getHeight() <= nh + 2) {   // inside its box, so never on a neighbour's
                    Style.centered(g, s, c.x, c.y + sf.getAscent() / 2.0 - 1);
                }
            }
        }
        g.setComposite(solid);
        g.setFont(style.labelFont());
        FontMetrics lf = g.getFontMetrics();
        g.setPaint(style.muted());
        List<String> notes = notes(g, L.treeRight());
        double ny = h - lf.getDescent() - 2 - (notes.size() - 1) * lf.getHeight();
        double treeBottom = pos.values().stream().mapToDouble(p -> p.y + nh / 2).max().orElse(0);
        if (ny - lf.getAscent() < Math.max(treeBottom, rootY + mf.getHeight() / 2.0)) {
            notes = List.of();   // a figure too low for the notes under its tree: the tree comes first
        }
        for (String line : notes) {
            Style.text(g, line, 12, ny);
            ny += lf.getHeight();
        }
        drawRanked(g, L, w, h, style);
    }

    private double nodeW(Layout L, Style style) {
        return Math.max(18, Math.min(L.colW() - 10, 64 * style.typeScale()));
    }

    private double nodeH(Layout L, Style style) {
        return Math.max(12, Math.min(L.rowH() - 6, 40 * style.typeScale()));
    }

    private void drawRanked(Graphics2D g, Layout L, double w, double h, Style style) {
        double x = L.listX();
        double y = L.top();
        g.setFont(style.labelFont().deriveFont(Font.BOLD));
        FontMetrics bf = g.getFontMetrics();
        g.setPaint(style.ink());
        style.shrunk(g, Texts.get("beam.final"), x, y + bf.getAscent(), w - x - 12);
        y += bf.getHeight() + 6;
        g.setFont(style.labelFont());
        FontMetrics lf = g.getFontMetrics();
        g.setPaint(style.muted());
        String head = Texts.get(in.truth() != null ? "beam.head.truth" : "beam.head");
        y = Style.wrapped(g, head, x, y + lf.getAscent(), w - x - 12, h) - lf.getAscent() + 4;
        List<BeamSearch.Hypothesis> ranked = in.result().ranked();
        for (int i = 0; i < ranked.size() && y + 2 * lf.getHeight() < h; i++) {
            BeamSearch.Hypothesis r = ranked.get(i);
            g.setFont(style.monoFont());
            FontMetrics mf = g.getFontMetrics();
            g.setPaint(i == 0 ? BEST : style.ink());
            StringBuilder text = new StringBuilder();
            for (int t : r.tokens()) {
                text.append(in.tokens().get(t));
            }
            // a long hypothesis wraps at the list's width (it has no spaces to break at)
            String line = (i + 1) + ". " + text;
            int perLine = Math.max(4, (int) ((w - x - 12) / Math.max(1, mf.getStringBounds("mmmmmmmmmm", g).getWidth() / 10)) - 1);
            for (int from = 0; from < line.length() && y + mf.getHeight() < h; from += perLine) {
                Style.text(g, line.substring(from, Math.min(line.length(), from + perLine)), x, y + mf.getAscent());
                y += mf.getHeight();
            }
            g.setFont(style.labelFont());
            g.setPaint(style.muted());
            String nums = String.format("   %s · %s", Style.number(r.logProb()), Style.number(r.normalized()));
            if (in.truth() != null) {
                nums += Texts.format("beam.vs.f", Style.number(Math.exp(r.logProb())), Style.number(in.truth()[i]));
            }
            y = Style.wrapped(g, nums.strip(), x + lf.stringWidth("   "), y + lf.getAscent(), w - x - 12 - lf.stringWidth("   "), h)
                    - lf.getAscent() + 6;
        }
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        Layout L = layout(Measure.graphics(), w, h, style);
        Map<Integer, Point2D.Double> pos = positions(L);
        double nw = nodeW(L, style);
        double nh = nodeH(L, style);
        for (BeamSearch.Hypothesis hyp : in.result().tree()) {
            Point2D.Double c = pos.get(hyp.id());
            if (Math.abs(x - c.x) <= nw / 2 && Math.abs(y - c.y) <= nh / 2) {
                StringBuilder text = new StringBuilder();
                for (int t : hyp.tokens()) {
                    text.append(in.tokens().get(t));
                }
                return Texts.format("beam.cell.f", in.prompt(), text, hyp.logProb(), hyp.normalized(),
                        Texts.get(hyp.pruned() ? "beam.pruned" : "beam.kept"), hyp.finished() ? Texts.get("beam.finished") : "");
            }
        }
        return null;
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("id", "parent", "depth", "token", "continuation", "logprob", "per_token", "pruned", "finished", "rank",
                "true_probability");
        Map<Integer, Integer> rank = new HashMap<>();
        for (int i = 0; i < in.result().ranked().size(); i++) {
            rank.put(in.result().ranked().get(i).id(), i);
        }
        for (BeamSearch.Hypothesis h : in.result().tree()) {
            StringBuilder text = new StringBuilder();
            for (int t : h.tokens()) {
                text.append(in.tokens().get(t));
            }
            Integer r = rank.get(h.id());
            tb.row(h.id(), h.parent(), h.depth(), in.tokens().get(h.token()), text, h.logProb(), h.normalized(), h.pruned(), h.finished(),
                    r == null ? "" : r + 1, r == null || in.truth() == null ? "" : in.truth()[r]);
        }
        return tb.build();
    }
}
