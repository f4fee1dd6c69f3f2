package io.sparktune.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * One image file's bytes as the picture a viewer shows: decoded by ImageIO with TwelveMonkeys' plugins (CMYK and
 * YCCK JPEGs, WebP; the JRE reads neither), an alpha channel laid over white, and the EXIF orientation kept
 * aside for the scaler to apply. Its size is read from the header first, so a decompression bomb is refused
 * before a pixel of it is held in memory; a file the decoder says is cut short (a truncated JPEG decodes with
 * its missing part grey) is refused too, rather than trained on.
 */
public final class ImageDecoder {
    /**
     * The most pixels an image may have, 100 megapixels: above the largest camera photos (about 60), and at 4
     * bytes a pixel 400 MB of heap for the one image while it is decoded.
     */
    public static final long MAX_PIXELS = 100_000_000L;

    static {
        // The plugins register through ServiceLoader when ImageIO first scans; on an executor that scan may
        // have run under a class loader that does not see them, so scan once more under ours.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(ImageDecoder.class.getClassLoader());
        try {
            ImageIO.scanForPlugins();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A decoded image and how EXIF says to turn it for display. */
    public record Decoded(BufferedImage image, Orientation orientation) {
    }

    private ImageDecoder() {
    }

    /**
     * The image in {@code bytes}, or an {@link UnreadableImage} whose message says why not (for the list of
     * skipped files).
     */
    public static Decoded decode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImage("not an image format this reader knows (JPEG, PNG, GIF, BMP, WebP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new UnreadableImage(String.format(Locale.ROOT, "%,d x %,d pixels is over the limit of"
                            + " %,d pixels (a decompression bomb, or a picture far larger than training needs)",
                            reader.getWidth(0), reader.getHeight(0), MAX_PIXELS));
                }
                Orientation orientation = isJpeg(reader) ? ExifUtils.getExifOrientation(reader, 0) : null;
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(collect(warnings));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new UnreadableImage("damaged or truncated (" + String.join("; ", warnings) + ")");
                }
                return new Decoded(opaque(image), orientation == null ? Orientation.TOP_LEFT : orientation);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableImage unreadable) {
                throw unreadable;
            }
            throw new UnreadableImage("cannot be decoded (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + ")");
        }
    }

    private static boolean isJpeg(ImageReader reader) throws IOException {
        return reader.getFormatName().toLowerCase(Locale.ROOT).contains("jp");
    }

    /**
     * The decoder's warnings that say data is missing. Others are kept quiet: a CMYK JPEG without a colour
     * profile warns that its colours are approximate, which is no reason to drop it.
     */
    private static IIOReadWarningListener collect(List<String> warnings) {
        return (source, warning) -> {
            String lower = warning.toLowerCase(Locale.ROOT);
            if (lower.contains("premature end") || lower.contains("truncat")) {
                warnings.add(warning);
            }
        };
    }

    /** Transparent parts shown over white, as an image viewer shows them, not over black. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        g.drawImage(image, 0, 0, Color.WHITE, null);
        g.dispose();
        return flat;
    }

    /** Why an image file was not used; its message completes "FILE: ". */
    public static final class UnreadableImage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableImage(String message) {
            super(message);
        }
    }
}
