/**
 * The lesson reader: JavaFX nodes for a parsed lesson — Markdown (commonmark's tree turned into nodes), math
 * (JLaTeXMath, rendered at the pixels it occupies), scene cards that set up the lab, and quiz cards.
 */
package org.seqlab.app.reader;
