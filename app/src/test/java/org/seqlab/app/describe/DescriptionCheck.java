package org.seqlab.app.describe;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Style;
import org.seqlab.app.figures.Table;
import org.w3c.dom.Document;

/**
 * Exports a figure as SVG, CSV and TXT and checks its description against them: every fact, asked again of the CSV
 * read back from disk, reads the same; every other number in the sentences is in the CSV; the .txt holds the
 * description and the SVG its {@code <title>} and {@code <desc>}.
 */
public final class DescriptionCheck {

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    private DescriptionCheck() {
    }

    /** What is wrong with the figure's description; empty when nothing is. */
    public static List<String> problems(Figure f, Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        String who = f.name() + ": ";
        if (!Describers.knows(f.name())) {
            out.add(who + "no describer of its own");
        }
        Path stem = dir.resolve(f.name());
        Path csv = FigureExporter.write(f, 900, 560, FigureExporter.Format.CSV, stem, Style.NORMAL);
        Path txt = FigureExporter.write(f, 900, 560, FigureExporter.Format.TXT, stem, Style.NORMAL);
        Path svg = FigureExporter.write(f, 900, 560, FigureExporter.Format.SVG, stem, Style.NORMAL);
        String csvText = Files.readString(csv, StandardCharsets.UTF_8);
        Table read = parse(csvText);
        Description d = Describers.of(f);
        Files.writeString(dir.resolve(f.name() + ".described.txt"), d.plain(), StandardCharsets.UTF_8);
        if (d.facts().isEmpty() || weight(d.text()) < Math.min(weight(d.title()) + 40, 100)) {   // more than a title's worth
            out.add(who + "says too little: " + d.text());
        }
        String rest = d.text();
        for (Fact fact : d.facts()) {
            String again = Fact.show(fact.query().ask(read), fact.kind());
            if (!again.equals(fact.shown())) {
                out.add(who + fact.query() + " says " + fact.shown() + " but the CSV gives " + again);
            }
            if (!rest.contains(fact.shown())) {
                out.add(who + "fact " + fact.shown() + " is not in the sentences");
            }
            rest = rest.replaceFirst(Pattern.quote(fact.shown()), "");
        }
        for (String given : d.givens()) {
            rest = rest.replaceFirst(Pattern.quote(given), "");
        }
        Matcher m = NUMBER.matcher(rest);
        while (m.find()) {
            if (!csvText.contains(m.group())) {
                out.add(who + "the number " + m.group() + " is neither a fact nor in the CSV: " + d.text());
            }
        }
        if (!Files.readString(txt, StandardCharsets.UTF_8).equals(d.plain())) {
            out.add(who + "the .txt is not the description");
        }
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
        String title = doc.getElementsByTagName("title").getLength() == 0 ? null : doc.getElementsByTagName("title").item(0).getTextContent();
        String desc = doc.getElementsByTagName("desc").getLength() == 0 ? null : doc.getElementsByTagName("desc").item(0).getTextContent();
        if (!d.title().equals(title) || !d.text().equals(desc)) {
            out.add(who + "the SVG's <title>/<desc> are " + title + " / " + desc);
        }
        return out;
    }

    /** RFC 4180, as {@link Table#toCsv} writes it. */
    static Table parse(String csv) {
        List<List<String>> lines = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                lines.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return new Table(lines.get(0), lines.subList(1, lines.size()));
    }

    /** A text's length as a reader meets it: a Chinese character says about as much as three Latin letters (a translation runs about a third as long). */
    private static int weight(String s) {
        return s.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 3 : 1).sum();
    }
}
