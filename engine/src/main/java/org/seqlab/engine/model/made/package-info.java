/**
 * MADE (Germain et al. 2015): a masked MLP over a whole image whose masks give every pixel's output only the pixels
 * before it in raster order, trained with the PixelCNNs' pixel head. One forward pass gives every conditional at once.
 */
package org.seqlab.engine.model.made;
