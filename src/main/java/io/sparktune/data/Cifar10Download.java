package io.sparktune.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Fetches the official {@code cifar-10-binary.tar.gz} into an empty data folder, checks the published MD5
 * and unpacks the batch files. Machines without internet get a message that says where to put the files.
 */
public final class Cifar10Download {
    public static final String OFFICIAL_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    public static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final String WHERE_TO_PUT_FILES = "Put the CIFAR-10 binary files (data_batch_1.bin .. "
            + "data_batch_5.bin, test_batch.bin, batches.meta.txt from cifar-10-binary.tar.gz, " + OFFICIAL_URL
            + ") in that folder, or point data.path (--data) at the folder that holds them.";

    private final URI source;
    private final String expectedMd5;
    private final Duration timeout;

    public Cifar10Download(URI source, String expectedMd5, Duration timeout) {
        this.source = source;
        this.expectedMd5 = expectedMd5;
        this.timeout = timeout;
    }

    public static Cifar10Download official() {
        return new Cifar10Download(URI.create(OFFICIAL_URL), OFFICIAL_MD5, Duration.ofSeconds(15));
    }

    /** Downloads into {@code folder} when it is missing or empty; leaves a folder with files alone. */
    public void ensurePresent(String folder) {
        if (DataFiles.hasEntries(folder)) {
            return;
        }
        java.nio.file.Path archive = null;
        try {
            archive = Files.createTempFile("cifar-10-binary", ".tar.gz");
            fetch(archive);
            unpack(archive, folder);
        } catch (IOException e) {
            throw new DataException("CIFAR-10 is not in " + folder + " and downloading " + source + " failed ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "). " + WHERE_TO_PUT_FILES, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("download of " + source + " was interrupted", e);
        } finally {
            if (archive != null) {
                try {
                    Files.deleteIfExists(archive);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless; the download result is what matters.
                }
            }
        }
    }

    private void fetch(java.nio.file.Path archive) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(source).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP status " + response.statusCode());
        }
        MessageDigest md5 = md5();
        try (InputStream in = new DigestInputStream(response.body(), md5)) {
            Files.copy(in, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String actual = HexFormat.of().formatHex(md5.digest());
        if (!actual.equalsIgnoreCase(expectedMd5)) {
            throw new IOException("the archive's MD5 is " + actual + ", not the published " + expectedMd5);
        }
    }

    /** Writes each {@code .bin} and {@code .txt} entry under the folder by its base name, nothing else. */
    private static void unpack(java.nio.file.Path archive, String folder) throws IOException {
        int written = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = new java.io.File(entry.getName()).getName();
                if (!entry.isFile() || !(name.endsWith(".bin") || name.endsWith(".txt"))) {
                    continue;
                }
                DataFiles.replace(new Path(folder, name).toString(), tar::transferTo);
                written++;
            }
        }
        if (written == 0) {
            throw new IOException("the archive holds no .bin files");
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
