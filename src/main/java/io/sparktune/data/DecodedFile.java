package io.sparktune.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of decoded images: a fixed header (format, shape, image count, where the rest starts), the pixels of
 * every image one after another, then the labels, class names, skipped files and given validation rows. Pixels
 * are written as they are decoded, so no more than a batch of them is ever on the heap, and read back mapped
 * ({@link MappedPixels}), so none are.
 */
final class DecodedFile {
    /** Changes whenever the layout, or decoding and scaling, would give other bytes for the same files. */
    static final String FORMAT = "sparktune-decoded-2";

    /** Bytes before the first image: room for the header, and images that start at a round offset. */
    private static final int HEADER = 64;

    private DecodedFile() {
    }

    /** Writes a decoded set image by image; {@link #finish} makes it whole, and a file never finished is not read. */
    static final class Writer implements Closeable {
        private final Path file;
        private final ImageShape shape;
        private final List<String> classNames;
        private final boolean givenValidation;
        private final DataOutputStream out;
        private final List<Integer> labels = new ArrayList<>();
        private final List<Integer> validation = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();

        /**
         * A writer of images of {@code shape} into {@code file}; {@code givenValidation} says the user set some
         * aside for validation (then the set says which, even if none of them could be decoded).
         */
        Writer(Path file, ImageShape shape, List<String> classNames, boolean givenValidation) throws IOException {
            this.file = file;
            this.shape = shape;
            this.classNames = List.copyOf(classNames);
            this.givenValidation = givenValidation;
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20));
            out.write(new byte[HEADER]);
        }

        void add(byte[] pixels, int label, boolean isValidation) throws IOException {
            if (pixels.length != shape.pixels()) {
                throw new IllegalArgumentException(pixels.length + " bytes for an image of " + shape);
            }
            if (isValidation) {
                validation.add(labels.size());
            }
            labels.add(label);
            out.write(pixels);
        }

        void skip(String reason) {
            skipped.add(reason);
        }

        int images() {
            return labels.size();
        }

        List<String> skipped() {
            return skipped;
        }

        /** Writes what follows the pixels, then the header that says where it is. */
        void finish() throws IOException {
            long metaOffset = HEADER + (long) labels.size() * shape.pixels();
            writeStrings(out, classNames);
            writeStrings(out, skipped);
            for (int label : labels) {
                out.writeInt(label);
            }
            out.writeInt(givenValidation ? validation.size() : -1);
            for (int row : validation) {
                out.writeInt(row);
            }
            out.close();
            ByteArrayOutputStream header = new ByteArrayOutputStream(HEADER);
            DataOutputStream data = new DataOutputStream(header);
            data.writeUTF(FORMAT);
            data.writeInt(shape.channels());
            data.writeInt(shape.height());
            data.writeInt(shape.width());
            data.writeInt(labels.size());
            data.writeLong(metaOffset);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(header.toByteArray());
                while (bytes.hasRemaining()) {
                    channel.write(bytes, bytes.position());
                }
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** The images in {@code file}, their pixels mapped; a file that is not whole is refused. */
    static RawImages open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            DataInputStream header = new DataInputStream(Channels.newInputStream(channel));
            if (!FORMAT.equals(header.readUTF())) {
                throw new IOException("not " + FORMAT);
            }
            ImageShape shape = new ImageShape(header.readInt(), header.readInt(), header.readInt());
            int count = header.readInt();
            long metaOffset = header.readLong();
            if (count <= 0 || metaOffset != HEADER + (long) count * shape.pixels()) {
                throw new IOException("never finished");
            }
            channel.position(metaOffset);
            InputStream rest = Channels.newInputStream(channel);
            DataInputStream meta = new DataInputStream(new BufferedInputStream(rest, 1 << 16));
            List<String> classNames = readStrings(meta);
            List<String> skipped = readStrings(meta);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = meta.readInt();
            }
            int givenCount = meta.readInt();
            int[] given = givenCount < 0 ? null : new int[givenCount];
            for (int i = 0; given != null && i < given.length; i++) {
                given[i] = meta.readInt();
            }
            if (meta.read() != -1) {
                throw new IOException("longer than its images");
            }
            return new RawImages(new MappedPixels(file, HEADER, count, shape.pixels()), labels, shape, classNames,
                    skipped, given);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            strings.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return strings;
    }
}
