/**
 * JavaFX controls that show figures: {@link org.seqlab.app.widgets.FigureCanvas} draws a figure through FXGraphics2D
 * in the style it is given (hover read-out, clicks), and {@link org.seqlab.app.widgets.FigurePane} adds a view's
 * tools and its export.
 */
package org.seqlab.app.widgets;
