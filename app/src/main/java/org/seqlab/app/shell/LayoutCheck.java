package org.seqlab.app.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import org.seqlab.app.export.FigureText;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Style;
import org.seqlab.app.widgets.FigureCanvas;

/**
 * What a class would see wrong in a window as it is laid out: a control or text outside the window (cut off by its
 * edge), a label whose text is cut short ("Sett…"), and in the figures text cut short or by the figure's edge, or set
 * smaller than the back row reads ({@link Style#leastPx}: 12 px, 18 px presenting; titles 24 px presenting). It reads
 * the real scene graph after layout and draws each figure shown at its size, so it checks the states a class meets —
 * the lessons beside the lab, presenting, after any toggle — not the states a test chose.
 */
public final class LayoutCheck {

    /** One thing wrong: what kind, which node (its id or class and text), and where. */
    public record Problem(String kind, String node, String detail) {

        @Override
        public String toString() {
            return kind + ": " + node + " — " + detail;
        }
    }

    private LayoutCheck() {
    }

    /** Every problem in {@code scene} as it is laid out now (FX thread). */
    public static List<Problem> check(Scene scene) {
        List<Problem> out = new ArrayList<>();
        double far = 1e7;   // nothing clips the root: what passes the window's edge is cut by it
        visit(scene.getRoot(), new BoundingBox(-far, -far, 2 * far, 2 * far), scene.getWidth(), scene.getHeight(), out);
        return out;
    }

    /** @param seen the part of the scene the node's ancestors let show (every clip on the way down) */
    private static void visit(Node n, Bounds seen, double width, double height, List<Problem> out) {
        if (!n.isVisible() || n.getScene() == null) {
            return;
        }
        if (n.getClip() != null) {
            seen = intersect(seen, n.localToScene(n.getClip().getBoundsInParent()));
        }
        if (n instanceof Control || n instanceof Text) {
            Bounds b = intersect(n.localToScene(n.getBoundsInLocal()), seen);
            if (b.getWidth() > 0 && b.getHeight() > 0 && (b.getMaxX() > width + 1 || b.getMaxY() > height + 1 || b.getMinX() < -1
                    || b.getMinY() < -1)) {
                out.add(new Problem("outside", name(n), String.format("spans x %.0f–%.0f, y %.0f–%.0f in a %.0f×%.0f window", b.getMinX(),
                        b.getMaxX(), b.getMinY(), b.getMaxY(), width, height)));
                return;                            // its parts are outside too: one problem, not one per part
            }
        }
        if (n instanceof FigureCanvas fc) {
            figureText(fc, out);
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String meant = l.isMnemonicParsing() ? l.getText().replaceFirst("_(?=.)", "") : l.getText();
            for (Node t : l.lookupAll(".text")) {
                if (t instanceof Text shown && t.getParent() == l && !shown.getText().replace("\n", " ").equals(meant.replace("\n", " "))) {
                    out.add(new Problem("cut", name(n), "shows \"" + shown.getText() + "\""));
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                visit(c, seen, width, height, out);
            }
        }
    }

    /** The text of the figure on {@code fc} as drawn at its size and in its style: cut, or smaller than the style's least. */
    private static void figureText(FigureCanvas fc, List<Problem> out) {
        Figure f = fc.shownFigure();
        if (f == null || fc.viewWidth() <= 0 || fc.viewHeight() <= 0) {
            return;
        }
        Style style = fc.figureStyle();
        String figure = "figure " + f.name();
        FigureText.Drawn least = null;   // the smallest of the texts too small, which stands for them all
        int small = 0;
        double w = fc.viewWidth();
        double h = fc.viewHeight();
        List<FigureText.Drawn> drawn = FigureText.of(f, w, h, style);
        for (FigureText.Drawn d : drawn) {
            if (d.px() < floor(f, d, style) - 0.01) {
                small++;
                least = least == null || d.px() < least.px() ? d : least;
            }
            if (d.shortened()) {
                out.add(new Problem("cut", figure + " \"" + shortened(d.text()) + "\"", "shortened to fit"));
            }
        }
        for (String p : FigureText.problems(drawn, w, h)) {
            out.add(new Problem(p.contains(" overlaps ") ? "overlap" : "cut", figure, p));
        }
        if (least != null) {
            out.add(new Problem("too small", figure, String.format("%d %s below the %.0f px the back row needs, the smallest \"%s\" at %.1f px",
                    small, small == 1 ? "text" : "texts", floor(f, least, style), shortened(least.text()), least.px())));
        }
    }

    /** The least size for this text: a title's (24 px presenting) or any text's. */
    private static double floor(Figure f, FigureText.Drawn d, Style style) {
        boolean title = d.text().length() > 1 && f.title().startsWith(d.text().replace("…", "").strip());
        return title ? style.leastTitlePx() : style.leastPx();
    }

    private static String shortened(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The smallest text shown in the window, in pixels (the font's size), over every visible text node and figure. */
    public static double smallestText(Scene scene) {
        double[] least = {Double.POSITIVE_INFINITY};
        smallest(scene.getRoot(), scene, least);
        return least[0];
    }

    private static void smallest(Node n, Scene scene, double[] least) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Text t && t.getText() != null && !t.getText().isBlank()) {
            Bounds b = t.localToScene(t.getBoundsInLocal());
            if (b.getMaxX() > 0 && b.getMinX() < scene.getWidth() && b.getMaxY() > 0 && b.getMinY() < scene.getHeight()) {
                least[0] = Math.min(least[0], t.getFont().getSize());
            }
        }
        if (n instanceof FigureCanvas fc && fc.shownFigure() != null && fc.viewWidth() > 0 && fc.viewHeight() > 0) {
            for (FigureText.Drawn d : FigureText.of(fc.shownFigure(), fc.viewWidth(), fc.viewHeight(), fc.figureStyle())) {
                least[0] = Math.min(least[0], d.px());
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                smallest(c, scene, least);
            }
        }
    }

    /**
     * The window as a whole: too small for the lab in this state when its content needs more room than it has (then
     * that one sentence says it, rather than every control it pushes out).
     */
    public static List<Problem> checkRoom(Scene scene) {
        double needW = scene.getRoot().minWidth(-1);
        double needH = scene.getRoot().minHeight(needW);
        if (needW > scene.getWidth() + 1 || needH > scene.getHeight() + 1) {
            return List.of(new Problem("too small", "the window", String.format("%.0f×%.0f is too small for the lab in this state: it needs at"
                    + " least %.0f×%.0f", scene.getWidth(), scene.getHeight(), Math.max(needW, scene.getWidth()), Math.max(needH, scene.getHeight()))));
        }
        return check(scene);
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double x0 = Math.max(a.getMinX(), b.getMinX());
        double y0 = Math.max(a.getMinY(), b.getMinY());
        double x1 = Math.min(a.getMaxX(), b.getMaxX());
        double y1 = Math.min(a.getMaxY(), b.getMaxY());
        return new BoundingBox(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    private static String name(Node n) {
        String what = n.getId() != null ? "#" + n.getId() : n.getClass().getSimpleName();
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            what += " \"" + l.getText() + "\"";
        } else if (n instanceof Text t && t.getText() != null) {
            what += " \"" + (t.getText().length() > 40 ? t.getText().substring(0, 40) + "…" : t.getText()) + "\"";
        }
        return what;
    }
}
