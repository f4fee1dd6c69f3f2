package io.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparktune.RequiredData;
import io.sparktune.cli.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real search on CIFAR-10 (3 random trials and the baseline, with the final check on the test set; the
 * learning rate drawn from a range, as most searches draw some value), run once per test JVM
 * and shared by the report and notebook tests, which only read its output folder.
 */
final class SearchedFolder {
    private static Path output;
    private static CliRun run;

    private SearchedFolder() {
    }

    static synchronized Path output() {
        if (output == null) {
            Path cifar = RequiredData.cifar10();
            try {
                Path dir = Files.createTempDirectory("sparktune-report-test");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                Path spec = dir.resolve("report.json");
                Files.writeString(spec, """
                        {"name": "report-test",
                         "data": {"kind": "cifar10", "path": "%s", "max_train_images": 800, "download": false},
                         "model": {"epochs": 3, "filters": 8, "dense_units": 32, "stuck_epochs": 0},
                         "search": {"strategy": "random", "trials": 3,
                                    "space": {"learning_rate": {"low": 0.001, "high": 0.01, "log": true},
                                              "activation": ["relu", "tanh"]}},
                         "execution": {"master": "local[2]", "parallel_trials": 2, "seed": 3}}
                        """.formatted(cifar.toAbsolutePath()));
                run = CliRun.of("search", spec.toString(), "-o", dir.resolve("out").toString());
                assertEquals(0, run.exitCode(), run.toString());
                output = dir.resolve("out");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return output;
    }

    /** What the search printed. */
    static synchronized CliRun run() {
        output();
        return run;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind is harmless.
        }
    }
}
