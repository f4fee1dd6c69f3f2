package io.sparktune.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.results.LocalHost;
import io.sparktune.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * How fast a core of this machine trains, as the last search run from it measured (FLOP-equivalents per
 * second, the tasks' overheads included), kept per host in {@code ~/.sparktune/pace.json} (or under the
 * {@code sparktune.home} system property or {@code SPARKTUNE_HOME}), so the next search can say what it will
 * cost before it starts. Only a search that trained a while sets it: a tiny one measures its overheads.
 */
record MachinePace(double flopsPerCoreSecond, String measuredAt, String search) {
    /** What a search assumes before any has run here: jobs/bench-train.sh's steady state on 2 cores. */
    static final double ASSUMED = 6.5e9;
    /** Core-seconds of training a measurement needs before it replaces the last one. */
    static final double ENOUGH_CORE_SECONDS = 120;

    static Optional<MachinePace> load() {
        try {
            Path file = file();
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            var entry = SpecJson.mapper().readTree(file.toFile()).path(LocalHost.name());
            return entry.isObject() ? Optional.of(SpecJson.mapper().treeToValue(entry, MachinePace.class))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable pace only costs the estimate its measured speed
        }
    }

    /** Stores this pace for the host; a file that cannot be written only costs the next estimate. */
    void save() {
        try {
            Path file = file();
            Files.createDirectories(file.getParent());
            JsonNode stored = Files.isRegularFile(file) ? SpecJson.mapper().readTree(file.toFile()) : null;
            ObjectNode all = stored instanceof ObjectNode hosts ? hosts : SpecJson.mapper().createObjectNode();
            all.set(LocalHost.name(), SpecJson.mapper().valueToTree(this));
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, SpecJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // Nothing to tell the user: the search itself is unaffected.
        }
    }

    static MachinePace measured(double flopsPerCoreSecond, String search) {
        return new MachinePace(flopsPerCoreSecond, Instant.now().toString(), search);
    }

    private static Path file() {
        String home = System.getProperty("sparktune.home", System.getenv("SPARKTUNE_HOME"));
        return (home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".sparktune"))
                .resolve("pace.json");
    }
}
