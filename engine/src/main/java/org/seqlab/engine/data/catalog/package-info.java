/**
 * Data by name: {@link org.seqlab.engine.data.catalog.DataSources} turns what a user types or a lesson names
 * ({@code names}, {@code moby-dick:bpe-256}, {@code synthetic:reber}, {@code digits-14:snake}, a text file) into a
 * {@link org.seqlab.engine.data.DataSource}, and {@link org.seqlab.engine.data.catalog.SavedData} writes and reads the
 * data a saved model or run carries. It sits above {@code data} and {@code data.synthetic}, which know nothing of it.
 */
package org.seqlab.engine.data.catalog;
