/**
 * The bridge to PyTorch: {@link org.seqlab.engine.bridge.TorchExport} writes a SeqLab model as a plain PyTorch program
 * (model.py, the weights and Adam's state as safetensors, run.py) whose scores and training step match SeqLab's; the
 * programs' text lives beside it as resources ({@code recurrent.py}, {@code transformer.py}, {@code run.py}).
 */
package org.seqlab.engine.bridge;
