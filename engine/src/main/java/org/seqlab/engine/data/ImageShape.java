package org.seqlab.engine.data;

/** The size of the images an image source provides; its sequences are the H·W pixels in raster order. */
public record ImageShape(int height, int width) {

    public ImageShape {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("an image needs at least one pixel");
        }
    }

    public int pixels() {
        return height * width;
    }
}
