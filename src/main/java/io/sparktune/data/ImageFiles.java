package io.sparktune.data;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;

/**
 * Labelled image files decoded into one set of 8-bit images, side by side on every core (decoding a large
 * JPEG costs far more than reading it). A file that cannot be used is skipped and named with its reason.
 */
final class ImageFiles {
    /** File names an image may have; anything else in a class folder is not an image. */
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp");

    /**
     * One file, its class, whether the user set it aside for validation, and its size and modification time as
     * listed (-1 when it could not be listed: decoding then says why).
     */
    record Labeled(Path path, int label, boolean validation, long bytes, long modified) {
    }

    /** Decoded bytes a batch of images may hold before it is written out. */
    private static final int BATCH_BYTES = 64 << 20;

    /** Seconds between progress lines while decoding; a decode that ends sooner prints none. */
    private static final int PROGRESS_SECONDS = 10;

    private ImageFiles() {
    }

    /**
     * Whether a file name is an image's: a known extension and not hidden (macOS's {@code ._cat.jpg} copies of
     * a file's attributes carry the extension but no image; {@code .DS_Store} and {@code Thumbs.db} carry none).
     */
    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The files decoded in their order, or as this host decoded them before ({@link DecodedCache}); {@code source}
     * names where they came from in errors.
     */
    static RawImages decode(List<Labeled> files, List<String> classNames, ImageScaler scaler, String source) {
        boolean given = files.stream().anyMatch(Labeled::validation);
        return DecodedCache.get(DecodedCache.key(files, classNames, scaler), scaler.shape(), classNames, given,
                writer -> decodeNow(files, scaler, source, writer));
    }

    private static void decodeNow(List<Labeled> files, ImageScaler scaler, String source, DecodedFile.Writer writer)
            throws IOException {
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "decoding progress");
            thread.setDaemon(true);
            return thread;
        });
        // Thousands of large photos take minutes to decode: say how far it is rather than seem to hang.
        progress.scheduleAtFixedRate(() -> System.err.printf(Locale.ROOT, "decoding %s: %,d of %,d images, %.0f a"
                + " second%n", source, done.get(), files.size(), done.get() / ((System.nanoTime() - start) / 1e9)),
                PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        try {
            // A batch at a time, each written before the next is decoded: the heap holds one batch of pixels,
            // however many images there are.
            int batch = Math.max(64, BATCH_BYTES / scaler.shape().pixels());
            for (int from = 0; from < files.size(); from += batch) {
                List<Labeled> some = files.subList(from, Math.min(files.size(), from + batch));
                byte[][] pixels = new byte[some.size()][];
                String[] reasons = new String[some.size()];
                decodeAll(some, scaler, pixels, reasons, done);
                for (int i = 0; i < some.size(); i++) {
                    if (pixels[i] == null) {
                        writer.skip(reasons[i]);
                    } else {
                        writer.add(pixels[i], some.get(i).label(), some.get(i).validation());
                    }
                }
            }
        } finally {
            progress.shutdownNow();
        }
        if (writer.images() == 0) {
            List<String> skipped = writer.skipped();
            throw new DataException(source + " holds no readable images (" + String.join(", ", EXTENSIONS.stream()
                    .sorted().toList()) + ")" + (skipped.isEmpty() ? "" : "; " + skipped.size()
                    + " could not be decoded, the first " + skipped.get(0)));
        }
    }

    private static void decodeAll(List<Labeled> files, ImageScaler scaler, byte[][] pixels, String[] reasons,
                                  AtomicInteger done) {
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            Path file = files.get(i).path();
            try {
                pixels[i] = scaler.pixels(ImageDecoder.decode(DataFiles.readAll(file.getParent().toString(),
                        file.getName())));
            } catch (ImageDecoder.UnreadableImage e) {
                reasons[i] = file + ": " + e.getMessage();
            } catch (RuntimeException e) {
                reasons[i] = file + ": cannot be read (" + e.getMessage() + ")";
            }
            done.incrementAndGet();
        });
    }

    /**
     * Fails unless every class has at least {@code least} images in {@code images}: fewer cannot be split into
     * the parts {@code why} names.
     */
    static void requireEachClass(RawImages images, int least, String where, String why) {
        requireEachClass(images.labels(), images.classNames(), least, where, "readable image", why);
    }

    /** The same for {@code labels}, each counted as one {@code unit} ("row" of a manifest, say). */
    static void requireEachClass(int[] labels, List<String> classNames, int least, String where, String unit,
                                 String why) {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < least) {
                throw new DataException(where + ": class '" + classNames.get(c) + "' has " + counts[c] + " " + unit
                        + (counts[c] == 1 ? "" : "s") + "; each class needs at least " + least + " " + why);
            }
        }
    }
}
