/**
 * Figures that describe themselves: a few sentences computed from the numbers a figure draws (its {@code Table}, the
 * same numbers its CSV holds), for the Describe pane, speech, an SVG's {@code <desc>} and the {@code .txt} export. Every
 * number in a sentence is a {@link org.seqlab.app.describe.Fact}: a {@link org.seqlab.app.describe.Query} on the table,
 * so a test can ask the exported CSV the same question and compare.
 */
package org.seqlab.app.describe;
