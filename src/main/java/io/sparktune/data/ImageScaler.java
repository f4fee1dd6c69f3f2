package io.sparktune.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * A decoded image brought to the data set's square shape as planar 8-bit channels (NCHW order for one image).
 * Thumbnailator halves a large photo step by step before its last bilinear step, so every source pixel counts:
 * one bilinear step from 1,000 pixels to 64 would sample 4 of every 256 and alias. The EXIF orientation is
 * applied after scaling, which for a square target is the same picture for less work.
 */
public final class ImageScaler {
    private final int side;
    private final ImageColor color;
    private final ResizeMode resize;

    public ImageScaler(int side, ImageColor color, ResizeMode resize) {
        this.side = side;
        this.color = color;
        this.resize = resize;
    }

    public ImageShape shape() {
        return new ImageShape(color == ImageColor.GREY ? 1 : 3, side, side);
    }

    /** What the pixels depend on besides the file, for {@link DecodedCache}'s key. */
    String settings() {
        return side + " " + color + " " + resize;
    }

    public byte[] pixels(ImageDecoder.Decoded decoded) {
        return planar(scaled(decoded));
    }

    private BufferedImage scaled(ImageDecoder.Decoded decoded) {
        Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(decoded.image())
                .imageType(BufferedImage.TYPE_INT_RGB);
        builder = resize == ResizeMode.CENTER_CROP ? builder.size(side, side).crop(Positions.CENTER)
                : builder.forceSize(side, side);
        if (decoded.orientation() != Orientation.TOP_LEFT) {
            builder = builder.addFilter(ExifFilterUtils.getFilterForOrientation(decoded.orientation()));
        }
        try {
            return builder.asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] planar(BufferedImage scaled) {
        ImageShape shape = shape();
        byte[] out = new byte[shape.pixels()];
        int plane = side * side;
        // Read straight from the packed pixels: getRGB converts each through the colour model, and took as long as
        // the scaling.
        int[] packed = scaled.getType() == BufferedImage.TYPE_INT_RGB
                && scaled.getRaster().getDataBuffer() instanceof DataBufferInt ints && ints.getNumBanks() == 1
                && ints.getData().length == plane ? ints.getData() : scaled.getRGB(0, 0, side, side, null, 0, side);
        for (int at = 0; at < plane; at++) {
            int rgb = packed[at];
            int r = (rgb >> 16) & 0xFF;
            int g = (rgb >> 8) & 0xFF;
            int b = rgb & 0xFF;
            if (shape.channels() == 1) {
                out[at] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            } else {
                out[at] = (byte) r;
                out[plane + at] = (byte) g;
                out[2 * plane + at] = (byte) b;
            }
        }
        return out;
    }
}
