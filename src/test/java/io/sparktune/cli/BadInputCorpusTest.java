package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.CifarFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in src/test/resources/bad through the real {@code sparktune search}: exit code 2, the one
 * message its first line expects, nothing written to its output folder, and its data left alone.
 */
class BadInputCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad");
    private static final Path DATA = Path.of("target/bad-data");
    private static final Path OUT = Path.of("target/bad-out");
    private static final String A_FILE = "I am a file, not an output folder\n";

    @BeforeAll
    static void dataFiles() throws Exception {
        deleteTree(DATA);
        deleteTree(OUT);
        byte[] whole = CifarFixture.cycling(3);
        CifarFixture.write(DATA.resolve("truncated"), "data_batch_1.bin", Arrays.copyOf(whole, whole.length - 100));
        CifarFixture.write(DATA.resolve("bad-label"), "data_batch_1.bin", CifarFixture.records(3, 12));
        Files.createDirectories(DATA.resolve("no-batches"));
        Files.writeString(DATA.resolve("no-batches/readme.txt"), "the batches were never copied here");
        CifarFixture.write(DATA.resolve("bad-meta"), "data_batch_1.bin", CifarFixture.cycling(10));
        Files.writeString(DATA.resolve("bad-meta/batches.meta.txt"), "cat\ndog\n");
        CifarFixture.write(DATA.resolve("valid"), "data_batch_1.bin", CifarFixture.cycling(20));
        Files.writeString(DATA.resolve("a-file.txt"), A_FILE);
        // A network for 4 classes, as DL4J writes its configuration, for data of 10.
        Files.writeString(DATA.resolve("residual-4-classes.json"),
                io.sparktune.network.ResidualGraph.configuration(3, 32, 32, 4, 8, 1).toJson());
    }

    private static List<Path> cases() throws Exception {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void theCorpusCoversAtLeast25Mistakes() throws Exception {
        assertTrue(cases().size() >= 25, cases().size() + " cases");
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithOneMessageAndNothingWritten() throws Exception {
        return cases().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String firstLine = Files.readAllLines(file).get(0);
            assertTrue(firstLine.startsWith("// expect: "), file + " must start with its expected message");
            String expected = firstLine.substring("// expect: ".length());
            String name = file.getFileName().toString().replace(".json", "");

            CliRun run = CliRun.of("search", file.toString());

            assertEquals(2, run.exitCode(), run.toString());
            List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one message: " + run.err());
            assertTrue(lines.get(0).startsWith("sparktune: error: ") && lines.get(0).contains(expected),
                    "expected '" + expected + "' in: " + lines.get(0));
            assertFalse(Files.exists(OUT.resolve(name)), "nothing written for " + name);
            assertEquals(A_FILE, Files.readString(DATA.resolve("a-file.txt")));
        }));
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
