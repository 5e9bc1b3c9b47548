package org.seqlab.app.figures;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A Graphics2D for measuring text when nothing is being drawn (hover read-outs recompute the layout the
 * drawing used; they need the same font metrics).
 */
final class Measure {

    private static final BufferedImage IMAGE = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);

    private Measure() {
    }

    static Graphics2D graphics() {
        return IMAGE.createGraphics();
    }
}
