package io.sparktune.run;

import io.sparktune.input.SparktuneHome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.results.LocalHost;
import io.sparktune.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How fast a core of this machine trains networks of about this size, as the last search run from it on
 * such networks measured (FLOP-equivalents per second, the tasks' overheads included), kept per host in
 * {@code ~/.sparktune/pace.json} (or under the {@code sparktune.home} system property or
 * {@code SPARKTUNE_HOME}), so the next search can say what it will cost before it starts. A host keeps one
 * pace per size of network ({@code flopsPerImage}, training FLOPs per image, within a factor of two): a
 * small network runs at a small share of the processor's peak and a large one at ten times that (3 against
 * 50 GFLOP/s here), so one pace for all made the estimate 17 times too long or too short. Only a search that
 * trained a while sets it: a tiny one measures its overheads.
 */
record MachinePace(double flopsPerCoreSecond, String measuredAt, String search, double flopsPerImage) {
    /** What a search assumes before any has run here: jobs/bench-train.sh's steady state on 2 cores. */
    static final double ASSUMED = 6.5e9;
    /** Core-seconds of training a measurement needs before it is kept. */
    static final double ENOUGH_CORE_SECONDS = 120;
    /** Paces kept per host, the newest first. */
    static final int KEPT = 8;

    /** The pace measured on the networks nearest in size to ones of {@code flopsPerImage}, if any. */
    static Optional<MachinePace> load(double flopsPerImage) {
        try {
            return hostPaces(read()).stream().min(Comparator.comparingDouble(p -> p.distance(flopsPerImage)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable pace only costs the estimate its measured speed
        }
    }

    /** Stores this pace for the host in place of one measured on networks of about the same size. */
    void save() {
        try {
            Path file = file();
            Files.createDirectories(file.getParent());
            JsonNode stored = read();
            ObjectNode all = stored instanceof ObjectNode hosts ? hosts : SpecJson.mapper().createObjectNode();
            List<MachinePace> kept = new ArrayList<>(List.of(this));
            hostPaces(all).stream().filter(p -> p.flopsPerImage() > 0 && p.distance(flopsPerImage) > Math.log(2))
                    .limit(KEPT - 1)
                    .forEach(kept::add);
            all.set(LocalHost.name(), SpecJson.mapper().valueToTree(kept));
            // A name of its own: two searches ending at once must not write into one temporary file.
            Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
            Files.write(temp, SpecJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // Nothing to tell the user: the search itself is unaffected.
        }
    }

    /**
     * A pace in GFLOP/s as the cost line prints it: 17.3, 4.5, and one measured mostly on overheads (a tiny
     * network under a loaded machine) as 0.045 rather than a puzzling 0.0.
     */
    static String gigaflops(double flopsPerSecond) {
        double g = flopsPerSecond / 1e9;
        return String.format(Locale.ROOT, g >= 1 ? "%.1f" : "%.2g", g);
    }

    static MachinePace measured(double flopsPerCoreSecond, String search, double flopsPerImage) {
        return new MachinePace(flopsPerCoreSecond, Instant.now().toString(), search, flopsPerImage);
    }

    /**
     * How far apart in size this pace's networks and ones of {@code flops} per image are, as the log of
     * their ratio; a pace stored before sizes were kept is farther than any sized one.
     */
    double distance(double flops) {
        return flopsPerImage > 0 && flops > 0 ? Math.abs(Math.log(flops / flopsPerImage)) : Double.MAX_VALUE;
    }

    /** Every host's paces as stored, or a missing node if there is no file yet. */
    private static JsonNode read() throws IOException {
        Path file = file();
        return Files.isRegularFile(file) ? SpecJson.mapper().readTree(file.toFile())
                : SpecJson.mapper().missingNode();
    }

    /** This host's paces in {@code all}, newest first; an entry in the older one-pace form gives that one. */
    private static List<MachinePace> hostPaces(JsonNode all) throws IOException {
        JsonNode entry = all.path(LocalHost.name());
        List<MachinePace> paces = new ArrayList<>();
        for (JsonNode pace : entry.isArray() ? entry : List.of(entry)) {
            if (pace instanceof ObjectNode fields) {
                ObjectNode complete = fields.deepCopy();
                if (!complete.has("flops_per_image")) {
                    complete.put("flops_per_image", 0.0); // stored before sizes were kept
                }
                paces.add(SpecJson.mapper().treeToValue(complete, MachinePace.class));
            }
        }
        return paces;
    }

    private static Path file() {
        return SparktuneHome.folder().resolve("pace.json");
    }
}
