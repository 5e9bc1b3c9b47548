package org.seqlab.app.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.seqlab.app.lessons.MathSpans;

/**
 * Lesson Markdown as JavaFX nodes: commonmark-java parses it, and this visitor turns paragraphs into
 * {@link TextFlow}s, lists into rows, code into monospaced boxes and math into {@link MathView}s. Math is cut out
 * before parsing (each formula becomes a private-use placeholder) so that Markdown never sees its underscores and
 * asterisks, then put back where its placeholder landed.
 */
public final class Markdown {

    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final Parser PARSER = Parser.builder().build();

    private final List<MathSpans.Span> math = new ArrayList<>();
    private final DoubleProperty fontSize;
    private final List<MathView> formulas = new ArrayList<>();
    private final Consumer<String> openLesson;

    private Markdown(DoubleProperty fontSize, Consumer<String> openLesson) {
        this.fontSize = fontSize;
        this.openLesson = openLesson;
    }

    /** A link to another lesson: {@code [lesson 18](lesson:18)}. Any other target is shown as text, never followed. */
    static final String LESSON_LINK = "lesson:";

    /**
     * @param fontSize the reader's text size in pixels; formulas follow it
     * @return one node per block, in a VBox
     */
    public static VBox render(String markdown, DoubleProperty fontSize) {
        return render(markdown, fontSize, id -> { });
    }

    /** The same, with links to other lessons ({@code lesson:ID}) opening them through {@code openLesson}. */
    public static VBox render(String markdown, DoubleProperty fontSize, Consumer<String> openLesson) {
        return new Markdown(fontSize, openLesson).build(markdown);
    }

    private VBox build(String markdown) {
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (MathSpans.Span s : MathSpans.find(markdown)) {
            sb.append(markdown, last, s.start());
            String placeholder = String.valueOf(OPEN) + math.size() + CLOSE;
            // display math stands as a paragraph of its own
            sb.append(s.display() ? "\n\n" + placeholder + "\n\n" : placeholder);
            math.add(s);
            last = s.end();
        }
        sb.append(markdown.substring(last));
        // \$ is a dollar sign once the math is out
        String text = sb.toString().replace("\\$", "$");
        VBox box = new VBox(10);
        box.getStyleClass().add("lesson-markdown");
        org.commonmark.node.Node doc = PARSER.parse(text);
        for (org.commonmark.node.Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            Node fx = block(n, 0);
            if (fx != null) {
                box.getChildren().add(fx);
            }
        }
        return box;
    }

    private Node block(org.commonmark.node.Node n, int depth) {
        if (n instanceof Paragraph p) {
            MathSpans.Span alone = displayOnly(p);
            if (alone != null) {
                // centred; a formula wider than the reader scrolls sideways on its own, the text around it still wraps
                MathView f = formula(alone);
                HBox row = new HBox(f);
                row.setAlignment(Pos.CENTER);
                row.setPadding(new Insets(4, 0, 4, 0));
                row.setMinWidth(0);
                f.setMinWidth(0);
                // a formula wider than the reader is set smaller to fit: never clipped, never behind a scroll bar
                row.widthProperty().addListener((o, a, b) -> f.roomProperty().set(Math.max(40, b.doubleValue() - 8)));
                return row;
            }
            return flow(p, "lesson-text");
        }
        if (n instanceof Heading h) {
            TextFlow f = flow(h, "lesson-heading");
            return f;
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            VBox list = new VBox(4);
            int k = n instanceof OrderedList ol ? (ol.getMarkerStartNumber() == null ? 1 : ol.getMarkerStartNumber()) : 0;
            for (org.commonmark.node.Node item = n.getFirstChild(); item != null; item = item.getNext()) {
                Label bullet = new Label(n instanceof OrderedList ? (k++) + "." : "•");
                bullet.getStyleClass().add("lesson-bullet");
                bullet.setMinWidth(22);
                VBox content = new VBox(4);
                for (org.commonmark.node.Node c = item.getFirstChild(); c != null; c = c.getNext()) {
                    Node fx = block(c, depth + 1);
                    if (fx != null) {
                        content.getChildren().add(fx);
                    }
                }
                HBox.setHgrow(content, Priority.ALWAYS);
                HBox row = new HBox(4, bullet, content);
                list.getChildren().add(row);
            }
            return list;
        }
        if (n instanceof FencedCodeBlock c) {
            return code(c.getLiteral());
        }
        if (n instanceof IndentedCodeBlock c) {
            return code(c.getLiteral());
        }
        if (n instanceof BlockQuote q) {
            VBox inner = new VBox(6);
            for (org.commonmark.node.Node c = q.getFirstChild(); c != null; c = c.getNext()) {
                Node fx = block(c, depth + 1);
                if (fx != null) {
                    inner.getChildren().add(fx);
                }
            }
            inner.getStyleClass().add("lesson-note");
            return inner;
        }
        if (n instanceof ThematicBreak) {
            return new Separator();
        }
        if (n instanceof ListItem) {
            return block(n.getFirstChild(), depth);
        }
        return null;
    }

    private Node code(String literal) {
        Label l = new Label(literal.stripTrailing());
        l.getStyleClass().add("lesson-code");
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    /** A title (a lesson step's) set like a heading, its math rendered; the text in the style class given. */
    public static TextFlow title(String text, DoubleProperty fontSize, String styleClass) {
        Markdown m = new Markdown(fontSize, id -> { });
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (MathSpans.Span s : MathSpans.find(text)) {
            sb.append(text, last, s.start()).append(OPEN).append(m.math.size()).append(CLOSE);
            m.math.add(s);
            last = s.end();
        }
        sb.append(text.substring(last));
        org.commonmark.node.Node doc = PARSER.parse(sb.toString().replace("\\$", "$"));
        TextFlow flow = m.flow(doc.getFirstChild() == null ? doc : doc.getFirstChild(), styleClass);
        return flow;
    }

    /** The math span when a paragraph holds nothing but one display formula. */
    private MathSpans.Span displayOnly(Paragraph p) {
        if (p.getFirstChild() instanceof org.commonmark.node.Text t && t.getNext() == null) {
            String s = t.getLiteral().strip();
            if (s.length() > 2 && s.charAt(0) == OPEN && s.charAt(s.length() - 1) == CLOSE) {
                try {
                    MathSpans.Span span = math.get(Integer.parseInt(s.substring(1, s.length() - 1)));
                    return span.display() ? span : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private MathView formula(MathSpans.Span s) {
        MathView v = new MathView(s.tex(), s.display(), fontSize.get() * (s.display() ? 1.1 : 1.0), new java.awt.Color(0x1f2328));
        v.sizeProperty().bind(fontSize.multiply(s.display() ? 1.1 : 1.0));
        formulas.add(v);
        return v;
    }

    /** Inline content as a TextFlow: text runs styled by emphasis, code, links; formulas in line. */
    private TextFlow flow(org.commonmark.node.Node parent, String style) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(style);
        parent.accept(new AbstractVisitor() {
            private final List<String> styles = new ArrayList<>();

            @Override
            public void visit(org.commonmark.node.Text t) {
                add(t.getLiteral());
            }

            @Override
            public void visit(Emphasis e) {
                styles.add("em");
                visitChildren(e);
                styles.remove(styles.size() - 1);
            }

            @Override
            public void visit(StrongEmphasis e) {
                styles.add("strong");
                visitChildren(e);
                styles.remove(styles.size() - 1);
            }

            @Override
            public void visit(Code c) {
                styles.add("code");
                add(c.getLiteral());
                styles.remove(styles.size() - 1);
            }

            @Override
            public void visit(Link l) {
                if (l.getDestination().startsWith(LESSON_LINK) && l.getFirstChild() instanceof org.commonmark.node.Text t && t.getNext() == null) {
                    // a link to another lesson is a real control: clickable, and reachable by Tab and Enter
                    Hyperlink h = new Hyperlink(t.getLiteral());
                    h.getStyleClass().add("lesson-link");
                    String id = l.getDestination().substring(LESSON_LINK.length());
                    h.setOnAction(e -> openLesson.accept(id));
                    flow.getChildren().add(h);
                    return;
                }
                styles.add("link");
                visitChildren(l);
                styles.remove(styles.size() - 1);
            }

            @Override
            public void visit(SoftLineBreak b) {
                add(" ");
            }

            @Override
            public void visit(HardLineBreak b) {
                add("\n");
            }

            @Override
            public void visit(HtmlInline h) {
                add(h.getLiteral());
            }

            /** Text with any math placeholders replaced by formulas. */
            private void add(String s) {
                int i = 0;
                while (i < s.length()) {
                    int open = s.indexOf(OPEN, i);
                    if (open < 0) {
                        text(s.substring(i));
                        return;
                    }
                    int close = s.indexOf(CLOSE, open);
                    text(s.substring(i, open));
                    MathSpans.Span span = math.get(Integer.parseInt(s.substring(open + 1, close)));
                    flow.getChildren().add(formula(span));
                    i = close + 1;
                }
            }

            private void text(String s) {
                if (s.isEmpty()) {
                    return;
                }
                Text t = new Text(s);
                t.getStyleClass().add("lesson-run");
                for (String st : styles) {
                    t.getStyleClass().add("lesson-" + st);
                }
                flow.getChildren().add(t);
            }
        });
        return flow;
    }
}
