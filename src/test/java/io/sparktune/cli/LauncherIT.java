package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sparktune} as a user types it, from a folder of their own: relative paths on the command line
 * are theirs, and every command the console suggests runs as printed. Runs in {@code mvn verify}, after
 * the classes are built, so the launcher does not build them itself.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("bin/sparktune").toAbsolutePath();

    @Test
    void aSearchFromAnotherFolderTakesItsPathsFromThereAndPrintsCommandsThatRun(@TempDir Path home) throws Exception {
        Path cifar = RequiredData.cifar10().toAbsolutePath();
        Files.writeString(home.resolve("tiny.json"), """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 300},
                 "model": {"epochs": 1, "filters": 4, "dense_units": 8},
                 "search": {"space": {"learning_rate": [0.001]}}}
                """.formatted(cifar));
        Result search = run(home, LAUNCHER.toString(), "search", "tiny.json", "-o", "runs/tiny", "--no-evaluate");
        assertEquals(0, search.exitCode(), search.output());
        assertTrue(Files.isDirectory(home.resolve("runs/tiny/trials")), "the output went where the user stood");
        String query = search.output().lines().filter(l -> l.startsWith("Query:")).findFirst().orElseThrow()
                .substring("Query:".length()).strip();
        assertTrue(query.startsWith(LAUNCHER + " query -o runs/tiny "), query);

        // The printed command, run by a shell exactly as printed, from the same folder.
        Result rerun = run(home, "bash", "-c", query);
        assertEquals(0, rerun.exitCode(), rerun.output());
        assertTrue(rerun.output().contains("0.001"), rerun.output());

        Result status = run(home, LAUNCHER.toString(), "status", "-o", "runs/nothing-here");
        assertEquals(2, status.exitCode(), status.output());
        assertTrue(status.output().contains(home.resolve("runs/nothing-here").toString()), status.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path folder, String... command) throws Exception {
        Path log = Files.createTempFile("sparktune-launcher", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("SPARKTUNE_LAUNCHER");
        builder.environment().put("SPARKTUNE_JAVA_OPTS", "-Dsparktune.home="
                + Path.of("target/sparktune-home").toAbsolutePath());
        Process p = builder.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
