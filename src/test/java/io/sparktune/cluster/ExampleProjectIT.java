package io.sparktune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The example project's own network, a residual ComputationGraph from its jar, tuned in Spark local mode as
 * a user runs it: {@code SPARKTUNE_JARS=residual-builder-1.0.jar bin/sparktune search residual.json}, its
 * depth and width searched with the learning rate by successive halving, then checked on the test set.
 */
class ExampleProjectIT {
    @Test
    void theExamplesBuilderIsTunedFromItsJarInLocalMode() throws Exception {
        Path jar = ExampleProject.jar();
        Path cifar = RequiredData.cifar10().toAbsolutePath();
        Path out = Path.of("target/it-example/local-" + System.nanoTime()).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("bin/sparktune", "search", ExampleProject.SPEC.toString(),
                "-o", out.toString(), "--data", cifar.toString()));
        command.addAll(ExampleProjectIT.small());
        Path log = Files.createTempFile("sparktune-example-search", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARKTUNE_JARS", jar.toString());
        builder.environment().put("SPARKTUNE_HOME", Path.of("target/sparktune-home").toAbsolutePath().toString());
        Process p = builder.start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the search ends: " + Files.readString(log));
        String console = Files.readString(log);
        assertEquals(0, p.exitValue(), console);
        assertTrue(console.contains("sparktune: network: builder residual"), console);
        assertTrue(console.contains("best - baseline on 10000 test images:"), console);
        checkTables(out);
    }

    /** Overrides that keep the example's search small: 600 images, rungs of 1 and 2 epochs, 4 candidates. */
    static List<String> small() {
        return List.of("--set", "data.max_train_images=600", "--set", "search.halving.max_epochs=2",
                "--set", "search.space.user.width=[8, 16]", "--set", "search.space.learning_rate=[0.003]",
                "--set", "search.confirm=false");
    }

    /** What any run of the small example leaves: 4 candidates through rungs of 1 and 2 epochs, its columns. */
    static void checkTables(Path out) {
        CliRun rungs = CliRun.of("query", "-o", out.toString(),
                "SELECT status, rung, count(*) AS n FROM trials GROUP BY status, rung ORDER BY rung");
        assertEquals(List.of(List.of("pruned", "0", "2"), List.of("ok", "1", "2")), rungs.rows(), rungs.toString());
        CliRun finals = CliRun.of("query", "-o", out.toString(), "SELECT role, user_blocks, user_width FROM final");
        assertEquals(2, finals.rows().size(), finals.toString());
    }
}
