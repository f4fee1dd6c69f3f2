package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are replaced whole or not at all, and created only where nothing is. */
class DataFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replaceSwapsInTheNewFileAndLeavesNothingElse() throws Exception {
        String path = dir.resolve("journal.json").toUri().toString();
        DataFiles.replace(path, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        DataFiles.replace(path, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second", Files.readString(dir.resolve("journal.json")));
        assertEquals(List.of("journal.json"), names(), "no temporary or checksum file is left");
        assertEquals("second", new String(DataFiles.readAll(dir.toUri().toString(), "journal.json"),
                StandardCharsets.UTF_8), "Hadoop's local file system reads it back");
    }

    @Test
    void aWriterThatFailsLeavesTheOldFileWhole() throws Exception {
        String path = dir.resolve("spec.json").toString();
        DataFiles.replace(path, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> DataFiles.replace(path, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(dir.resolve("spec.json")));
        assertEquals(List.of("spec.json"), names());
    }

    @Test
    void createNewCreatesOnlyWhereNothingIs() throws Exception {
        String path = dir.resolve(".lock").toString();
        assertTrue(DataFiles.createNew(path, "me".getBytes(StandardCharsets.UTF_8)));
        assertFalse(DataFiles.createNew(path, "you".getBytes(StandardCharsets.UTF_8)));
        assertEquals("me", Files.readString(dir.resolve(".lock")));
    }
}
