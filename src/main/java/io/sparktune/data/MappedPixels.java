package io.sparktune.data;

import java.io.IOException;
import java.io.Serial;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Images read straight from a file of decoded pixels, mapped into memory rather than read onto the heap: the
 * operating system keeps the pages it has room for and reads the others again as an epoch reaches them, so a
 * set larger than the JVM's memory (or the host's) still trains, and executors on one host share one copy. A
 * mapping covers at most 2 GB, so the file is mapped in several, each of whole images.
 */
final class MappedPixels implements PixelStore {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int count;
    private final int imageBytes;
    private final int perMapping;
    private final transient MappedByteBuffer[] mappings;

    /** {@code count} images of {@code imageBytes} each, from byte {@code offset} of {@code file}. */
    MappedPixels(Path file, long offset, int count, int imageBytes) throws IOException {
        this(file, offset, count, imageBytes, HeapPixels.CHUNK_BYTES);
    }

    /** The same in mappings of at most {@code mappingBytes} (but at least one image) each. */
    MappedPixels(Path file, long offset, int count, int imageBytes, int mappingBytes) throws IOException {
        this.count = count;
        this.imageBytes = imageBytes;
        this.perMapping = Math.max(1, mappingBytes / imageBytes);
        this.mappings = new MappedByteBuffer[(count + perMapping - 1) / perMapping];
        // The mappings outlive the channel: closing it does not unmap them.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long needed = offset + (long) count * imageBytes;
            if (channel.size() < needed) {
                throw new IOException(file + " holds " + channel.size() + " bytes, fewer than its " + count
                        + " images need (" + needed + ")");
            }
            for (int m = 0; m < mappings.length; m++) {
                int images = Math.min(perMapping, count - m * perMapping);
                mappings[m] = channel.map(FileChannel.MapMode.READ_ONLY,
                        offset + (long) m * perMapping * imageBytes, (long) images * imageBytes);
            }
        }
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int imageBytes() {
        return imageBytes;
    }

    @Override
    public void copy(int image, byte[] to) {
        // Absolute reads: trials on several threads read one mapping without sharing a position.
        mappings[image / perMapping].get((image % perMapping) * imageBytes, to, 0, imageBytes);
    }

    @Override
    public int value(int image, int position) {
        return mappings[image / perMapping].get((image % perMapping) * imageBytes + position) & 0xFF;
    }

    /** Shipped as the bytes themselves: the receiving host may not have the file. */
    @Serial
    private Object writeReplace() {
        return HeapPixels.copyOf(this);
    }
}
