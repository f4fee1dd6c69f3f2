package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download path, against an archive in the official layout served on loopback. */
class Cifar10DownloadTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private byte[] archive;
    private URI url;

    @BeforeEach
    void serveArchive() throws Exception {
        archive = tarGz();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cifar-10-binary.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, archive.length);
            exchange.getResponseBody().write(archive);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anEmptyFolderGetsTheCheckedArchiveUnpacked() throws Exception {
        Path folder = dir.resolve("cifar");
        new Cifar10Download(url, md5(archive), Duration.ofSeconds(5)).ensurePresent(folder.toString());
        assertArrayEquals(CifarFixture.cycling(4), Files.readAllBytes(folder.resolve("data_batch_1.bin")));
        assertTrue(Files.exists(folder.resolve("batches.meta.txt")));
        assertFalse(Files.exists(folder.resolve("readme.html")), "only the data files are unpacked");
        assertEquals(4, new Cifar10Reader(folder.toString()).trainingPool().size());
    }

    @Test
    void aWrongChecksumIsRefusedAndNothingIsWritten() {
        Path folder = dir.resolve("cifar");
        DataException e = assertThrows(DataException.class, () ->
                new Cifar10Download(url, "0".repeat(32), Duration.ofSeconds(5)).ensurePresent(folder.toString()));
        assertTrue(e.getMessage().contains("not the published " + "0".repeat(32)), e.getMessage());
        assertFalse(Files.exists(folder.resolve("data_batch_1.bin")));
    }

    @Test
    void offlineTheMessageSaysWhereToPutTheFiles() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI unreachable = URI.create("http://127.0.0.1:" + closedPort + "/cifar-10-binary.tar.gz");
        DataException e = assertThrows(DataException.class, () ->
                new Cifar10Download(unreachable, md5(archive), Duration.ofSeconds(2))
                        .ensurePresent(dir.resolve("empty").toString()));
        assertTrue(e.getMessage().contains("downloading " + unreachable + " failed"), e.getMessage());
        assertTrue(e.getMessage().contains("Put the CIFAR-10 binary files"), e.getMessage());
    }

    @Test
    void aFolderThatHoldsFilesIsLeftAlone() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        new Cifar10Download(URI.create("http://127.0.0.1:1/never"), "x", Duration.ofSeconds(1))
                .ensurePresent(dir.toString());
        assertFalse(Files.exists(dir.resolve("data_batch_1.bin")));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")), "the user's file is untouched");
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("notes.txt")), entries.toList(), "nothing was added beside it");
        }
    }

    private static byte[] tarGz() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            add(tar, "cifar-10-batches-bin/data_batch_1.bin", CifarFixture.cycling(4));
            add(tar, "cifar-10-batches-bin/batches.meta.txt",
                    "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n"
                            .getBytes(StandardCharsets.UTF_8));
            add(tar, "cifar-10-batches-bin/readme.html", "<p>hi</p>".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws Exception {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
