/**
 * From a {@link org.seqlab.engine.model.ModelConfig} to a model of its family: what it will cost, known before anything
 * is allocated ({@link org.seqlab.engine.model.build.ModelSize}), the one factory ({@link org.seqlab.engine.model.build.Models}),
 * and model files ({@link org.seqlab.engine.model.build.ModelFile}). It sits above the family packages, which know only
 * the contracts in {@code model}, so no family depends on another or on the factory.
 */
package org.seqlab.engine.model.build;
