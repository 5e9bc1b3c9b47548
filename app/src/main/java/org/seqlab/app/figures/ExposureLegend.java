package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;

/** The exposure-bias figure's legend: one entry per model with its mean losses both ways, then the line styles. */
final class ExposureLegend {

    private ExposureLegend() {
    }

    /** Each model's colour, label and mean losses, then the two line styles. */
    static void draw(List<ExposureRun> runs, Graphics2D g, double x, double y, double bottom, double right, Style style) {
        g.setFont(style.labelFont());
        double room = Math.min(270 * style.typeScale(), right - x - 30);
        FontMetrics fm = g.getFontMetrics();
        // each model's two lines of numbers only where the height has room for them (the table export has them)
        double lines = 2;
        for (ExposureRun r : runs) {
            lines += wrap(g, EngineNames.model(r.label()), room).size() + 2;
        }
        boolean numbers = y + lines * fm.getHeight() + runs.size() * 8 <= bottom;
        double ly = y + fm.getAscent();
        for (ExposureRun r : runs) {
            if (ly + (wrap(g, EngineNames.model(r.label()), room).size() - 1) * fm.getHeight() + fm.getDescent() > bottom) {
                break;   // no room for this model's entry: left out whole rather than run past the figure's bottom
            }
            g.setPaint(Style.run(r.id()));
            g.setStroke(Style.stroke(3));
            Style.line(g, x, ly - fm.getAscent() / 3.0, x + 22, ly - fm.getAscent() / 3.0);
            g.setPaint(style.ink());
            for (String line : wrap(g, EngineNames.model(r.label()), room)) {
                Style.text(g, line, x + 30, ly);
                ly += fm.getHeight();
            }
            if (!numbers) {
                ly += 4;
                continue;
            }
            double tf = ExposureRun.meanBits(r.average().teacherForced());
            double fr = ExposureRun.meanBits(r.average().freeRunning());
            g.setPaint(style.muted());
            style.shrunk(g, Texts.format("exposure.legend.mean.f", tf, fr), x + 30, ly, room);
            ly += fm.getHeight();
            String div = r.example().divergence() < 0 ? Texts.get("exposure.never") : Texts.format("exposure.leaves.f", r.example().divergence());
            style.shrunk(g, Texts.format("exposure.here.f", div), x + 30, ly, room);
            ly += fm.getHeight() + 8;
        }
        g.setPaint(style.ink());
        // the line styles where the height has room for them (the note under the rows names them too)
        if (ly + fm.getHeight() + fm.getDescent() <= bottom) {
            g.setStroke(Style.stroke(2.5));
            Style.line(g, x, ly - fm.getAscent() / 3.0, x + 22, ly - fm.getAscent() / 3.0);
            Style.text(g, Texts.get("exposure.tf"), x + 30, ly);
            ly += fm.getHeight();
            g.setStroke(Style.dashed(2.5));
            Style.line(g, x, ly - fm.getAscent() / 3.0, x + 22, ly - fm.getAscent() / 3.0);
            Style.text(g, Texts.get("exposure.fr"), x + 30, ly);
        }
    }

    static List<String> wrap(Graphics2D g, String s, double width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            if (line.length() > 0 && g.getFontMetrics().stringWidth(line + " " + word) > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        out.add(line.toString());
        return out;
    }
}
