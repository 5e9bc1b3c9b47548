package org.seqlab.engine.model.conv;

import java.util.List;

/** A model built from masked convolutions, which can show the masks it really uses (each layer's kernel). */
public interface Masked {

    /** One mask per layer, in order. */
    List<Mask> masks();
}
