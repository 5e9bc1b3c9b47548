/**
 * Every figure of SeqLab and the catalogue of views, free of JavaFX (a test holds it so). A figure is a pure function
 * of what the model computed, its size and its {@link org.seqlab.app.figures.Style}, drawn through Graphics2D, so the
 * same code paints the lab's Canvas, a PNG and an SVG. {@link org.seqlab.app.figures.ViewId} names each view, its
 * group and the models that can fill it, and its first figure; each figure has one factory ({@code HiddenStateFigure.of}
 * …) that the lab's view and the headless {@code export} both call.
 */
package org.seqlab.app.figures;
