/**
 * One class per visualisation, each a pure function of what the model computed, drawn through Graphics2D so the
 * same code paints the Canvas, a PNG and (later) an SVG; plus the Canvas host and shared drawing pieces.
 */
package org.seqlab.app.views;
