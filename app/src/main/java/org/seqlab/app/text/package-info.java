/**
 * The words of the interface in the learner's language: resource bundles ({@code ui.properties} and its
 * translations beside it) read through {@link org.seqlab.app.text.Texts}; no JavaFX. See docs/translating.md.
 */
package org.seqlab.app.text;
