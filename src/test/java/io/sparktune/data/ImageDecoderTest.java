package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Images as a user's files hold them: what the JRE alone cannot read (CMYK JPEG, WebP), what it reads but
 * shows wrongly (EXIF orientation, transparency), and what must not be trained on (truncated files, bombs).
 */
class ImageDecoderTest {
    private static final ImageScaler EIGHT = new ImageScaler(8, ImageColor.RGB, ResizeMode.STRETCH);

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = ImageDecoderTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The RGB of pixel (x, y) in planar 8-bit channels of side {@code side}. */
    private static int[] rgb(byte[] planar, int side, int x, int y) {
        int plane = side * side;
        int at = y * side + x;
        return new int[] {planar[at] & 0xFF, planar[plane + at] & 0xFF, planar[2 * plane + at] & 0xFF};
    }

    private static void assertNear(int[] expected, int[] actual, int tolerance, String what) {
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(expected[c] - actual[c]) <= tolerance, what + ": expected about "
                    + Arrays.toString(expected) + " but was " + Arrays.toString(actual));
        }
    }

    /** Red top left, green top right, blue bottom left, white bottom right, as the fixtures are displayed. */
    private static void assertQuadrants(byte[] pixels, String what) {
        assertNear(new int[] {220, 30, 30}, rgb(pixels, 8, 1, 1), 40, what + " top left");
        assertNear(new int[] {30, 200, 40}, rgb(pixels, 8, 6, 1), 40, what + " top right");
        assertNear(new int[] {30, 40, 210}, rgb(pixels, 8, 1, 6), 40, what + " bottom left");
        assertNear(new int[] {240, 240, 240}, rgb(pixels, 8, 6, 6), 40, what + " bottom right");
    }

    @Test
    void cmykJpegsAndWebpAreReadAndAnExifOrientationIsApplied() throws Exception {
        for (String name : new String[] {"quadrants-cmyk.jpg", "quadrants.webp", "quadrants-rotate90.jpg"}) {
            assertQuadrants(EIGHT.pixels(ImageDecoder.decode(resource(name))), name);
        }
        assertEquals(40, ImageDecoder.decode(resource("quadrants-rotate90.jpg")).image().getWidth(),
                "stored on its side: the orientation is what turns it");
    }

    @Test
    void aRealPhotoWhoseExifSaysRotate90ComesOutUpright() throws Exception {
        byte[] photo = Files.readAllBytes(RequiredData.catsVsDogs().resolve("cats/cat.0.jpg"));
        ImageScaler scaler = new ImageScaler(32, ImageColor.RGB, ResizeMode.STRETCH);
        byte[] upright = scaler.pixels(ImageDecoder.decode(photo));
        BufferedImage original = ImageIO.read(new java.io.ByteArrayInputStream(photo));
        // Stored turned 90 degrees counter-clockwise, as a phone held upright writes it, with EXIF orientation 6.
        BufferedImage stored = new BufferedImage(original.getHeight(), original.getWidth(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < original.getHeight(); y++) {
            for (int x = 0; x < original.getWidth(); x++) {
                stored.setRGB(y, original.getWidth() - 1 - x, original.getRGB(x, y));
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(stored, "jpg", jpeg);
        byte[] sideways = withExifOrientation(jpeg.toByteArray(), 6);
        byte[] decoded = scaler.pixels(ImageDecoder.decode(sideways));
        double asStored = meanDifference(upright, scaler.pixels(new ImageDecoder.Decoded(stored,
                net.coobird.thumbnailator.util.exif.Orientation.TOP_LEFT)));
        double turned = meanDifference(upright, decoded);
        assertTrue(turned < 8, "upright again: mean difference " + turned + " grey levels");
        assertTrue(asStored > 4 * turned, "the stored image itself is far from upright: " + asStored);
    }

    @Test
    void pngsOfEveryKindBecomeRgbAndTransparencyShowsWhite() throws Exception {
        int side = 16;
        BufferedImage deep = new BufferedImage(new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT),
                new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                        java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT).createCompatibleWritableRaster(side, side),
                false, null);
        WritableRaster raster = deep.getRaster();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                raster.setPixel(x, y, new int[] {65535, 32768, 0});
            }
        }
        assertNear(new int[] {255, 128, 0}, rgb(EIGHT.pixels(ImageDecoder.decode(png(deep))), 8, 3, 3), 2,
                "16-bit RGB");
        IndexColorModel palette = new IndexColorModel(2, 2, new byte[] {(byte) 200, 0}, new byte[] {0, 0},
                new byte[] {0, (byte) 200});
        BufferedImage indexed = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_INDEXED, palette);
        paint(indexed, new Color(200, 0, 0), new Color(0, 0, 200));
        byte[] fromPalette = EIGHT.pixels(ImageDecoder.decode(png(indexed)));
        assertNear(new int[] {200, 0, 0}, rgb(fromPalette, 8, 0, 4), 2, "palette, left");
        assertNear(new int[] {0, 0, 200}, rgb(fromPalette, 8, 7, 4), 2, "palette, right");
        BufferedImage grey = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        paint(grey, new Color(90, 90, 90), new Color(90, 90, 90));
        assertNear(new int[] {90, 90, 90}, rgb(EIGHT.pixels(ImageDecoder.decode(png(grey))), 8, 4, 4), 1, "grey");
        BufferedImage rgba = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        paint(rgba, new Color(0, 0, 0, 0), new Color(10, 120, 10, 255));
        byte[] flattened = EIGHT.pixels(ImageDecoder.decode(png(rgba)));
        assertNear(new int[] {255, 255, 255}, rgb(flattened, 8, 0, 4), 1, "transparent: white, not black");
        assertNear(new int[] {10, 120, 10}, rgb(flattened, 8, 7, 4), 1, "opaque: its colour");
    }

    @Test
    void aLargePhotoIsScaledDownWithoutAliasing() {
        // One-pixel black and white stripes: every output pixel should be their average, mid grey. One bilinear
        // step from 1,000 to 30 reads two source columns per output pixel, at a phase that drifts from column
        // to column: 213, 127, 43, 213, ... across the row.
        BufferedImage stripes = new BufferedImage(1000, 1000, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 1000; y++) {
            for (int x = 0; x < 1000; x++) {
                stripes.setRGB(x, y, x % 2 == 0 ? 0xFFFFFF : 0);
            }
        }
        byte[] small = new ImageScaler(30, ImageColor.GREY, ResizeMode.STRETCH).pixels(
                new ImageDecoder.Decoded(stripes, net.coobird.thumbnailator.util.exif.Orientation.TOP_LEFT));
        for (byte value : small) {
            assertTrue(Math.abs((value & 0xFF) - 128) <= 24, "mid grey everywhere: " + (value & 0xFF));
        }
    }

    @Test
    void aTruncatedJpegAndADecompressionBombAreRefusedWithTheReason() throws Exception {
        byte[] photo = Files.readAllBytes(RequiredData.catsVsDogs().resolve("cats/cat.1.jpg"));
        ImageDecoder.UnreadableImage truncated = assertThrows(ImageDecoder.UnreadableImage.class,
                () -> ImageDecoder.decode(Arrays.copyOf(photo, photo.length / 2)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        ImageDecoder.UnreadableImage bomb = assertThrows(ImageDecoder.UnreadableImage.class,
                () -> ImageDecoder.decode(pngHeader(30_000, 30_000)));
        assertTrue(bomb.getMessage().contains("30,000 x 30,000 pixels is over the limit of 100,000,000"),
                bomb.getMessage());
        ImageDecoder.UnreadableImage text = assertThrows(ImageDecoder.UnreadableImage.class,
                () -> ImageDecoder.decode("not an image".getBytes(StandardCharsets.UTF_8)));
        assertTrue(text.getMessage().contains("not an image format"), text.getMessage());
    }

    private static void paint(BufferedImage image, Color left, Color right) {
        Graphics2D g = image.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(left);
        g.fillRect(0, 0, image.getWidth() / 2, image.getHeight());
        g.setColor(right);
        g.fillRect(image.getWidth() / 2, 0, image.getWidth() - image.getWidth() / 2, image.getHeight());
        g.dispose();
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out), "ImageIO writes this kind of PNG");
        return out.toByteArray();
    }

    private static double meanDifference(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return sum / a.length;
    }

    /** A PNG's signature and header chunk claiming {@code width} x {@code height}, then one empty data chunk. */
    static byte[] pngHeader(int width, int height) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", new byte[0]);
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws Exception {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /** The JPEG with an EXIF segment (APP1, big-endian TIFF, one IFD entry: orientation) right after its SOI. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation)
                .putShort((short) 0).putInt(0);
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif)
                .put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
