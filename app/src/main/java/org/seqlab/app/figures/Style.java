package org.seqlab.app.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.Texts;

/**
 * The look of a figure, sized to be read from the back of a classroom and printed in a paper: type at 13–17 px
 * (times {@link #typeScale}), dark text on white, and the Okabe–Ito colours (distinguishable with colour-blindness)
 * for models. An immutable value handed to {@link Figure#draw}: a figure is a function of its data, its size and
 * its style, so an export drawn while the window switches to presentation mode still gets the style it asked for.
 *
 * @param name      "normal", "presentation", "high contrast"
 * @param ink       text and lines that carry data
 * @param muted     notes and secondary text
 * @param grid      grid lines
 * @param axis      axes and frames
 * @param typeScale type and the text-bound parts of layouts, times this
 */
public record Style(String name, Color ink, Color muted, Color grid, Color axis, double typeScale) {

    /** The screen and paper palette at normal size. */
    public static final Style NORMAL = new Style("normal", new Color(0x1f2328), new Color(0x57606a), new Color(0xe1e4e8),
            new Color(0x8c959f), 1.0);
    /** Black text, dark grey notes and firm grid lines, for a projector, at normal size. */
    public static final Style HIGH_CONTRAST = new Style("high contrast", Color.BLACK, new Color(0x2d2d2d), new Color(0xb8b8b8),
            new Color(0x3a3a3a), 1.0);
    /** Presentation mode on a 1280×720 screen: high contrast and type 1.5 times larger. */
    public static final Style PRESENTATION = HIGH_CONTRAST.withTypeScale(1.5).named("presentation");

    /**
     * Presentation mode in a window of {@code width × height}: type 1.5 times larger at 1280×720 and larger still in a
     * larger window (by the lesser of the two ratios), so that the back row reads a 1920×1080 projector as well as a
     * 1280×720 one; never smaller than at 1280×720.
     */
    public static Style presenting(double width, double height) {
        double grow = Math.max(1, Math.min(width / 1280, height / 720));
        return PRESENTATION.withTypeScale(1.5 * Math.floor(grow * 8) / 8);   // in steps of an eighth: a resize by a few pixels redraws nothing
    }

    /** Whether this is presentation mode's type (1.5 times or more), where titles keep their size. */
    public boolean presentationType() {
        return typeScale >= 1.5;
    }

    /** The least size any figure text is set in: 12 px on a screen and in print, 18 px presenting at 1280×720. */
    public double leastPx() {
        return 12 * typeScale;
    }

    /** The least size a title is set in: 24 px presenting at 1280×720; elsewhere any text's least. */
    public double leastTitlePx() {
        return presentationType() ? 16 * typeScale : leastPx();
    }

    public static final Color PAPER = Color.WHITE;
    /** One colour per model A, B, C, D (Okabe &amp; Ito 2008). */
    // Okabe & Ito's blue and vermillion, a purple and a brown: ΔE ≥ 20 apart, and from the ink, for every eye (PaletteTest)
    private static final Color[] RUNS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x8800CC), new Color(0x8C532A)};

    public Style withTypeScale(double s) {
        return new Style(name, ink, muted, grid, axis, s);
    }

    private Style named(String n) {
        return new Style(n, ink, muted, grid, axis, typeScale);
    }

    public Font titleFont() {
        return new Font(Font.SANS_SERIF, Font.BOLD, size(17));
    }

    public Font labelFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, size(14));
    }

    public Font tickFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, size(13));
    }

    public Font monoFont() {
        return new Font(Font.MONOSPACED, Font.PLAIN, size(14));
    }

    /** {@code px} logical pixels of a text-bound layout (a label column, a row of text) at this type scale. */
    public double px(double px) {
        return px * typeScale;
    }

    private int size(int px) {
        return (int) Math.round(px * typeScale);
    }

    /**
     * The title, top left; returns the y below it. A title too long for the width is set smaller (down to
     * {@link #leastTitlePx}), then in up to three lines at that size; only a title too long even for three ends in "…".
     */
    public double title(Graphics2D g, String title, double width) {
        return title(g, title, width, true);
    }

    /** The y below the title as {@link #title} sets it, without drawing it (for a layout made before the drawing). */
    public double titleBottom(Graphics2D g, String title, double width) {
        java.awt.Font saved = g.getFont();
        double y = title(g, title, width, false);
        g.setFont(saved);
        return y;
    }

    private double title(Graphics2D g, String title, double width, boolean draw) {
        g.setFont(titleFont());
        g.setPaint(ink);
        double room = width - 24;
        FontMetrics full = g.getFontMetrics();   // the line the layouts below count on
        if (shrinkToFit(g, title, room, (float) leastTitlePx())) {
            if (draw) {
                g.drawString(title, 12f, (float) (8 + full.getAscent()));
            }
            return 8 + full.getHeight() + 6;
        }
        List<String> lines = lines(g, title, room);
        FontMetrics fm = g.getFontMetrics();
        double y = 8 + fm.getAscent();
        for (int i = 0; i < Math.min(3, lines.size()); i++) {
            String line = i == 2 && lines.size() > 3 ? String.join(" ", lines.subList(2, lines.size())) : lines.get(i);
            if (draw) {
                g.drawString(fit(g, line, room), 12f, (float) y);
            }
            y += fm.getHeight();
        }
        return y - fm.getAscent() + 6;
    }

    /** Whether the box is lower than the {@code least} px (at normal type) a figure needs; then it says so and how to give
     *  it room, instead of setting its text over itself (a view under the loss chart beside the lessons). */
    public boolean tooLow(Graphics2D g, double w, double h, double least) {
        boolean low = h < least * typeScale;
        if (low) {
            tooLowNote(g, w, h);
        }
        return low;
    }

    /** The note a figure draws in place of itself when its box is too low for it. */
    public void tooLowNote(Graphics2D g, double w, double h) {
        centeredNote(g, Texts.get("note.tooLow"), w, h);
    }

    /** {@code prefix} then {@code text}, the text losing its start to "…" until the line is no wider than {@code room}. */
    public static String endFitting(Graphics2D g, String prefix, String text, double room) {
        String shown = prefix + text;
        for (int cut = 1; cut < text.length() && g.getFontMetrics().stringWidth(shown) > room; cut++) {
            shown = prefix + "…" + text.substring(cut);
        }
        return shown;
    }

    /** A grey note in the middle of the box, on as many lines as its width needs (presenting beside the reader). */
    public void centeredNote(Graphics2D g, String note, double w, double h) {
        g.setFont(labelFont());
        g.setPaint(muted);
        FontMetrics fm = g.getFontMetrics();
        List<String> lines = lines(g, note, w - 24);
        double y = Math.max(fm.getAscent() + 4, h / 2 - (lines.size() - 1) * fm.getHeight() / 2.0);
        for (String line : lines) {
            g.drawString(line, (float) ((w - fm.stringWidth(line)) / 2), (float) y);
            y += fm.getHeight();
        }
    }

    /** Dark text on a light fill, white on a dark one (relative luminance, ITU-R BT.709). */
    public Color textOn(Color fill) {
        double lum = (0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue()) / 255;
        return lum > 0.55 ? ink : Color.WHITE;
    }

    /** The colour of model A, B, C or D. */
    public static Color run(String id) {
        int i = id.isEmpty() ? 0 : Math.max(0, Math.min(RUNS.length - 1, id.charAt(0) - 'A'));
        return RUNS[i];
    }

    /** White paper and antialiasing. */
    public static void background(Graphics2D g, double w, double h) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(PAPER);
        g.fill(new Rectangle2D.Double(0, 0, w, h));
    }

    /** Shortens {@code s} with an ellipsis until it fits {@code maxWidth}. */
    public static String fit(Graphics2D g, String s, double maxWidth) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= maxWidth) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > maxWidth) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** {@code s} broken at spaces into lines no wider than {@code maxWidth} in the current font (a word longer stays whole). */
    public static List<String> lines(Graphics2D g, String s, double maxWidth) {
        return TextLines.of(g.getFontMetrics(), s, maxWidth);
    }

    /**
     * A note in lines no wider than {@code maxWidth}, its first baseline at y, stopping above {@code bottom}; returns
     * the baseline after the last line drawn. A note is wrapped, never cut to "…".
     */
    public static double wrapped(Graphics2D g, String s, double x, double y, double maxWidth, double bottom) {
        FontMetrics fm = g.getFontMetrics();
        for (String line : lines(g, s, maxWidth)) {
            if (y + fm.getDescent() > bottom) {
                break;
            }
            g.drawString(line, (float) x, (float) y);
            y += fm.getHeight();
        }
        return y;
    }

    /**
     * Text with its left edge at x, set smaller (down to {@link #leastPx}) when it is wider than {@code room}; a caption
     * that does not fit even then is left out rather than cut. The font is restored after.
     */
    public void shrunk(Graphics2D g, String s, double x, double y, double room) {
        Font saved = g.getFont();
        if (shrinkToFit(g, s, room, (float) leastPx())) {
            text(g, s, x, y);
        }
        g.setFont(saved);
    }

    /**
     * Sets {@code g}'s font smaller, half a pixel at a time down to {@code least} px, until {@code s} is no wider than
     * {@code room}; returns whether it fits. The caller restores the font.
     */
    private static boolean shrinkToFit(Graphics2D g, String s, double room, float least) {
        Font start = g.getFont();
        float size = start.getSize2D();
        while (g.getFontMetrics().stringWidth(s) > room && size > least) {
            size -= 0.5f;
            g.setFont(start.deriveFont(size));
        }
        return g.getFontMetrics().stringWidth(s) <= room;
    }

    /** Text centred on x, set smaller (down to {@link #leastPx}) when wider than {@code room}, left out when it does not fit even then. */
    public void centeredShrunk(Graphics2D g, String s, double x, double y, double room) {
        Font saved = g.getFont();
        if (shrinkToFit(g, s, room, (float) leastPx())) {
            centered(g, s, x, y);
        }
        g.setFont(saved);
    }

    public static void line(Graphics2D g, double x1, double y1, double x2, double y2) {
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    public static BasicStroke stroke(double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    public static BasicStroke dashed(double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);
    }

    /** Text with its left edge at x and its baseline at y. */
    public static void text(Graphics2D g, String s, double x, double y) {
        g.drawString(s, (float) x, (float) y);
    }

    /** Text centred on x. */
    public static void centered(Graphics2D g, String s, double x, double y) {
        g.drawString(s, (float) (x - g.getFontMetrics().stringWidth(s) / 2.0), (float) y);
    }

    /** Text with its right edge at x. */
    public static void right(Graphics2D g, String s, double x, double y) {
        g.drawString(s, (float) (x - g.getFontMetrics().stringWidth(s)), (float) y);
    }

    /**
     * Vertical text reading bottom to top, centred on (x, y), in at most {@code room} of height: set smaller when it
     * is longer (down to {@link #leastPx}), and left out when it does not fit even then (an axis whose title already
     * names it).
     */
    public void vertical(Graphics2D g, String s, double x, double y, double room) {
        Font saved = g.getFont();
        if (shrinkToFit(g, s, room, (float) leastPx())) {
            vertical(g, s, x, y);
        }
        g.setFont(saved);
    }

    /** Vertical text reading bottom to top, centred on (x, y). */
    public static void vertical(Graphics2D g, String s, double x, double y) {
        java.awt.geom.AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        centered(g, s, 0, 0);
        g.setTransform(saved);
    }


    /** A compact number: 0.734, 12.3, 1.2e-05. */
    public static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) {
            return String.format("%.2g", v);
        }
        if (a >= 100) {
            return String.format("%.0f", v);
        }
        if (a >= 10) {
            String t = String.format("%.1f", v);
            return t.endsWith(".0") || t.endsWith(",0") ? t.substring(0, t.length() - 2) : t;   // a decimal comma in German
        }
        return String.format("%.3f", v).replaceAll("0+$", "").replaceAll("[.,]$", "");
    }
}
