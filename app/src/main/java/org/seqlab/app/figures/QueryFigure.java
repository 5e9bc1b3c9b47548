package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * One query of one head, stage by stage, with its numbers: the raw scores q·k_j, scaled by 1/√dₖ, masked
 * (−∞ for keys after the query), the softmax, and the output Σ_j a_j v_j. Keys run across; the query is
 * position t.
 */
public final class QueryFigure implements Figure {

    private static final String[] STAGES = {"q · kⱼ", "÷ √dₖ", "+ mask", "softmax"};

    private final String runLabel;
    private final Trace trace;
    private final List<String> labels;
    private final int layer;
    private final int head;
    private final int query;
    private final int step;
    private final int steps;
    private final int headDim;

    public QueryFigure(String runLabel, Trace trace, List<String> labels, int layer, int head, int query, int step) {
        this.runLabel = runLabel;
        this.trace = trace;
        this.labels = labels;
        this.layer = layer;
        this.head = head;
        this.step = step;
        this.steps = trace.get(key(Probe.Stage.WEIGHTS)).rows();
        this.query = Math.max(0, Math.min(steps - 1, query));
        this.headDim = trace.get(key(Probe.Stage.QUERY)).cols();
    }

    private Probe key(Probe.Stage stage) {
        return new Probe.Attention(stage, layer, head);
    }

    /** Query {@code query} (−1: the last that has read everything before it) of one head of Transformer {@code r}. */
    public static Figure of(TrainingSnapshot s, RunSnapshot r, int layer, int head, int query) {
        return Traced.of("attention-query", Texts.get("view.query"), s, r, Texts.get("attention.empty"),
                (in, t) -> new QueryFigure(EngineNames.model(r.label()), t, in.labels(), layer, head, query < 0 ? in.labels().size() - 2 : query, in.step()));
    }

    @Override
    public String name() {
        return "attention-query";
    }

    @Override
    public String title() {
        return Texts.format("query.title.f", runLabel, layer, head, query,
                labels.get(query), step);
    }

    /**
     * The keys shown, in order: all of them when they fit; otherwise the past keys that carry the most weight (the
     * nearest are often not the ones that matter: an induction head looks far back), the query's own, and up to two
     * masked ones after it.
     */
    private int[] shownKeys(Graphics2D g, double w, Style style) {
        g.setFont(style.monoFont());
        double cellW = g.getFontMetrics().stringWidth("−00.00") + 14;
        int fit = Math.max(4, (int) ((w - labelWidth(g, style) - 30) / cellW));
        int after = Math.min(2, steps - 1 - query);
        if (query + 1 + after <= fit) {
            return IntStream.rangeClosed(0, query + after).toArray();
        }
        int slots = Math.max(1, fit - after - 1);
        int[] heaviest = IntStream.range(0, query).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -value(3, j)).thenComparing(j -> -j))
                .limit(slots).mapToInt(Integer::intValue).sorted().toArray();
        return IntStream.concat(Arrays.stream(heaviest), IntStream.rangeClosed(query, query + after))
                .toArray();
    }

    private double labelWidth(Graphics2D g, Style style) {
        g.setFont(style.labelFont());
        return g.getFontMetrics().stringWidth("Σⱼ aⱼ vⱼ  (dₖ = 000)") + 20;
    }

    private double value(int stage, int j) {
        return switch (stage) {
            case 0 -> trace.get(key(Probe.Stage.RAW_SCORES)).get(query, j);
            case 1 -> trace.get(key(Probe.Stage.SCALED_SCORES)).get(query, j);
            case 2 -> trace.get(key(Probe.Stage.MASKED_SCORES)).get(query, j);
            default -> trace.get(key(Probe.Stage.WEIGHTS)).get(query, j);
        };
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double y = style.title(g, title(), w) + 4;
        if (style.tooLow(g, w, h, 200)) {   // scores, softmax and values, a row each
            return;
        }
        int[] keys = shownKeys(g, w, style);
        double left = labelWidth(g, style);
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        double cellW = Math.min(fm.stringWidth("−00.00") + 14, (w - left - 20) / keys.length);
        String note = note(keys);
        g.setFont(style.labelFont());
        FontMetrics lf = g.getFontMetrics();
        double noteH = note == null ? 0 : Style.lines(g, note, w - left - 10).size() * lf.getHeight() + 6;
        // header, four stages, and (where there is room) the query and the output vectors
        double rowH = Math.max(fm.getHeight() + 4, Math.min(fm.getHeight() + 14, (h - y - noteH - 16) / 5));
        boolean vectors = h - y - noteH - 5 * rowH - 16 >= 2 * rowH;
        // key characters as column heads
        g.setPaint(style.muted());
        Style.right(g, Texts.get("query.key"), left - 10, y + fm.getAscent() + 4);
        g.setFont(style.monoFont());
        for (int i = 0; i < keys.length; i++) {
            double cx = left + (i + 0.5) * cellW;
            g.setPaint(keys[i] == query ? style.ink() : style.muted());
            Style.centered(g, keys[i] + " " + labels.get(keys[i]), cx, y + fm.getAscent() + 4);
        }
        y += rowH;
        double range = 1e-6;
        for (int j = 0; j <= query; j++) {
            range = Math.max(range, Math.abs(value(0, j)));
        }
        double stagesTop = y;
        for (int s = 0; s < STAGES.length; s++) {
            g.setFont(style.labelFont());
            g.setPaint(style.ink());
            String label = s == 1 ? String.format("÷ √dₖ  (dₖ = %d)", headDim) : s == 2 ? Texts.get("query.stage.mask") : STAGES[s];
            Style.right(g, label, left - 10, y + rowH / 2 + 5);
            g.setFont(style.monoFont());
            for (int i = 0; i < keys.length; i++) {
                int j = keys[i];
                Rectangle2D.Double cell = new Rectangle2D.Double(left + i * cellW + 1, y + 2, cellW - 2, rowH - 4);
                double v = value(s, j);
                Color fill;
                String text;
                if (s == 2 && j > query) {
                    fill = new Color(0x32383f);
                    text = "−∞";
                } else if (s == 3) {
                    fill = ColorMap.VIRIDIS.at(v);
                    text = String.format("%.3f", v);
                } else {
                    fill = ColorMap.DIVERGING.at(v, -range, range);
                    text = String.format("%.2f", v);
                }
                g.setPaint(fill);
                g.fill(cell);
                g.setPaint(style.textOn(fill));
                Style.centered(g, text, cell.getCenterX(), cell.getCenterY() + fm.getAscent() / 2.0 - 2);
            }
            y += rowH;
        }
        // a gap in the positions shown: a thick rule between the two columns
        g.setPaint(style.ink());
        g.setStroke(Style.stroke(3));
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] > keys[i - 1] + 1) {
                Style.line(g, left + i * cellW, stagesTop - rowH + 2, left + i * cellW, y);
            }
        }
        if (note != null) {
            g.setFont(style.labelFont());
            g.setPaint(style.muted());
            y = Style.wrapped(g, note, left, y + lf.getAscent() + 4, w - left - 10, h) - lf.getAscent() + 2;
        }
        if (vectors) {
            // the weighted sum of the values, and the query vector it came from
            Trace.Array out = trace.get(key(Probe.Stage.OUTPUT));
            Trace.Array q = trace.get(key(Probe.Stage.QUERY));
            y += 10;
            y = vectorRow(g, Texts.get("query.query"), q, left, y, w, rowH, style);
            vectorRow(g, "Σⱼ aⱼ vⱼ", out, left, y, w, rowH, style);
        }
    }

    /** What the columns leave out, and how much weight that is; null when every key is shown. */
    private String note(int[] keys) {
        int past = (int) Arrays.stream(keys).filter(j -> j < query).count();
        if (past == query) {
            return null;
        }
        double shown = Arrays.stream(keys).filter(j -> j <= query).mapToDouble(j -> value(3, j)).sum();
        return Texts.format("query.shown.f", past, shown, query - past,
                Math.max(0, 1 - shown));
    }

    private double vectorRow(Graphics2D g, String label, Trace.Array a, double left, double y, double w, double rowH, Style style) {
        g.setFont(style.labelFont());
        g.setPaint(style.ink());
        Style.right(g, label, left - 10, y + rowH / 2 + 5);
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        double cellW = Math.min(fm.stringWidth("−0.00") + 10, (w - left - 20) / headDim);
        double range = 1e-6;
        for (int c = 0; c < headDim; c++) {
            range = Math.max(range, Math.abs(a.get(query, c)));
        }
        boolean numbers = cellW >= fm.stringWidth("−0.00") + 4;
        for (int c = 0; c < headDim; c++) {
            Rectangle2D.Double cell = new Rectangle2D.Double(left + c * cellW + 1, y + 2, cellW - 2, rowH - 4);
            Color fill = ColorMap.DIVERGING.at(a.get(query, c), -range, range);
            g.setPaint(fill);
            g.fill(cell);
            if (numbers) {
                g.setPaint(style.textOn(fill));
                Style.centered(g, String.format("%.2f", a.get(query, c)), cell.getCenterX(), cell.getCenterY() + fm.getAscent() / 2.0 - 2);
            }
        }
        return y + rowH;
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        return null;
    }

    @Override
    public Table table() {
        List<String> cols = new ArrayList<>(List.of("key", "key_char", "raw_score", "scaled", "masked", "softmax"));
        Table.Builder tb = new Table.Builder(cols.toArray(String[]::new));
        for (int j = 0; j < steps; j++) {
            tb.row(j, labels.get(j), value(0, j), value(1, j), j > query ? "-inf" : Double.toString(value(2, j)), value(3, j));
        }
        Trace.Array out = trace.get(key(Probe.Stage.OUTPUT));
        for (int c = 0; c < headDim; c++) {
            tb.row("out[" + c + "]", "", "", "", "", out.get(query, c));
        }
        return tb.build();
    }
}
