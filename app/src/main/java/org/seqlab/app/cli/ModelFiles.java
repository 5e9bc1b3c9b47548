package org.seqlab.app.cli;

import java.nio.file.Path;
import org.seqlab.engine.bridge.TorchImport;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.build.ModelFile;

/** A language model to load: SeqLab's own file, or a PyTorch checkpoint (.safetensors) in a convention SeqLab imports. */
final class ModelFiles {

    private ModelFiles() {
    }

    static ModelFile.Loaded load(Path file) throws DataException {
        return file.getFileName().toString().endsWith(".safetensors") ? TorchImport.load(file) : ModelFile.load(file);
    }
}
