package io.sparktune.data;

import java.util.ArrayList;
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
        return DecodedCache.get(DecodedCache.key(files, classNames, scaler),
                () -> decodeNow(files, classNames, scaler, source));
    }

    private static RawImages decodeNow(List<Labeled> files, List<String> classNames, ImageScaler scaler,
                                       String source) {
        byte[][] pixels = new byte[files.size()][];
        String[] reasons = new String[files.size()];
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
            decodeAll(files, scaler, pixels, reasons, done);
        } finally {
            progress.shutdownNow();
        }
        return collect(files, classNames, scaler, source, pixels, reasons);
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

    private static RawImages collect(List<Labeled> files, List<String> classNames, ImageScaler scaler, String source,
                                     byte[][] pixels, String[] reasons) {
        List<String> skipped = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (pixels[i] == null) {
                skipped.add(reasons[i]);
            } else {
                kept.add(i);
            }
        }
        if (kept.isEmpty()) {
            throw new DataException(source + " holds no readable images (" + String.join(", ", EXTENSIONS.stream()
                    .sorted().toList()) + ")" + (skipped.isEmpty() ? "" : "; " + skipped.size()
                    + " could not be decoded, the first " + skipped.get(0)));
        }
        ImageShape shape = scaler.shape();
        long bytes = (long) kept.size() * shape.pixels();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new DataException(String.format(Locale.ROOT, "%s: %,d images of %s are %.1f GB decoded, more than"
                    + " one Java array holds (2 GB); lower data.image_size or set data.max_train_images", source,
                    kept.size(), shape, bytes / 1e9));
        }
        byte[] all = new byte[(int) bytes];
        int[] labels = new int[kept.size()];
        List<Integer> validation = new ArrayList<>();
        for (int row = 0; row < kept.size(); row++) {
            int i = kept.get(row);
            System.arraycopy(pixels[i], 0, all, row * shape.pixels(), shape.pixels());
            labels[row] = files.get(i).label();
            if (files.get(i).validation()) {
                validation.add(row);
            }
        }
        boolean given = files.stream().anyMatch(Labeled::validation);
        return new RawImages(all, labels, shape, classNames, skipped,
                given ? validation.stream().mapToInt(Integer::intValue).toArray() : null);
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
