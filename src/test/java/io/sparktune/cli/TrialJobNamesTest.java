package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparktune.data.CifarFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Spark UI and the History Server show of a search: each trial's job by its group and a
 * description that reads as the console's progress line does. Read back from a real Spark event log,
 * switched on as the README says (spark.eventLog.enabled, here as -D system properties).
 */
class TrialJobNamesTest {
    @TempDir
    Path dir;

    @Test
    void everyTrialsJobIsNamedInTheEventLog() throws Exception {
        Path data = Files.createDirectories(dir.resolve("cifar"));
        CifarFixture.write(data, "data_batch_1.bin", CifarFixture.cycling(40));
        Path spec = Files.writeString(dir.resolve("named.json"), """
                {"name": "named", "data": {"kind": "cifar10", "path": "%s"},
                 "model": {"filters": 4, "dense_units": 8, "epochs": 1},
                 "search": {"space": {"learning_rate": [0.001, 0.01]}, "baseline": false},
                 "execution": {"master": "local[1]"}}""".formatted(data));
        Path logs = Files.createDirectories(dir.resolve("events"));
        System.setProperty("spark.eventLog.enabled", "true");
        System.setProperty("spark.eventLog.dir", logs.toUri().toString());
        System.setProperty("spark.eventLog.compress", "false"); // plain JSON lines, for the test to read
        CliRun run;
        try {
            run = CliRun.of("search", spec.toString(), "-o", dir.resolve("out").toString(), "--no-evaluate");
        } finally {
            System.clearProperty("spark.eventLog.enabled");
            System.clearProperty("spark.eventLog.dir");
            System.clearProperty("spark.eventLog.compress");
        }
        assertEquals(0, run.exitCode(), run.toString());

        List<String> named = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        // Spark 4 writes rolling event logs: a folder per application, holding the log in parts.
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path log : files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().startsWith("events_"))
                    .toList()) {
                for (String line : Files.readAllLines(log)) {
                    JsonNode event = json.readTree(line);
                    if (event.path("Event").asText().equals("SparkListenerJobStart")) {
                        JsonNode props = event.path("Properties");
                        if (props.has("spark.jobGroup.id")) {
                            named.add(props.get("spark.jobGroup.id").asText() + ": "
                                    + props.path("spark.job.description").asText());
                        }
                    }
                }
            }
        }
        assertTrue(named.contains("sparktune-trial-1: trial 1 lr=0.001 (named)"), named.toString());
        assertTrue(named.contains("sparktune-trial-2: trial 2 lr=0.01 (named)"), named.toString());
    }
}
