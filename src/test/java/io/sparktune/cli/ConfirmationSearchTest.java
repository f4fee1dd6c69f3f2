package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.results.TrialJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confirmation for real in Spark local[2] on CIFAR-10: the search's best configurations are trained again on
 * new seeds, the tables and the console carry their means, the final check takes the best mean, and a rerun
 * keeps the runs already done.
 */
class ConfirmationSearchTest {
    @TempDir
    Path dir;

    private static List<String[]> rows(CliRun query) {
        assertEquals(0, query.exitCode(), query.toString());
        return query.out().lines().skip(2).filter(l -> !l.isBlank()).map(l -> l.strip().split("\\s+")).toList();
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void theTopTrialsAreRetrainedOnNewSeedsAndTheBestMeanIsThePickTheFinalCheckTests() throws Exception {
        Path spec = Files.writeString(dir.resolve("confirm.json"), """
                {"name": "confirm",
                 "data": {"kind": "cifar10", "path": "%s", "max_train_images": 600},
                 "model": {"filters": 8, "dense_units": 16, "epochs": 2},
                 "search": {"strategy": "grid", "baseline": false,
                            "space": {"learning_rate": [0.001, 0.002, 0.004]},
                            "confirm": {"top": 2, "seeds": 2}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(RequiredData.cifar10().toAbsolutePath()));
        Path out = dir.resolve("out");
        CliRun search = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(0, search.exitCode(), search.toString());
        assertTrue(search.out().contains("Confirming the top 2 on 2 new seeds each"), search.out());
        assertEquals(4, count(search.out(), "[confirm "), "2 configurations x 2 new seeds: " + search.out());
        assertTrue(search.out().contains("sparktune: pick: trial "), search.out());

        // The two best trials by one run, each retrained on two seeds no trial had.
        List<String[]> top = rows(CliRun.of("query", "-o", out.toString(),
                "SELECT trial_id, seed FROM trials WHERE status = 'ok' ORDER BY best_val_accuracy DESC, trial_id"
                        + " LIMIT 2"));
        List<String[]> runs = rows(CliRun.of("query", "-o", out.toString(),
                "SELECT trial_id, repeat, seed, status FROM confirm ORDER BY trial_id, repeat"));
        assertEquals(4, runs.size());
        assertEquals(Stream.of(top.get(0)[0], top.get(1)[0]).sorted().toList(),
                runs.stream().map(r -> r[0]).distinct().sorted().toList(), "the runs retrain the top 2");
        assertEquals(4, runs.stream().map(r -> r[2]).distinct().count(), "each run its own seed");
        for (String[] run : runs) {
            assertTrue(top.stream().noneMatch(t -> t[1].equals(run[2])), "a new seed, not the trial's: " + run[2]);
        }

        // trials.confirmed_mean is the mean of the search's value and the new seeds' (a run stuck at chance or
        // diverged gives none, and puts its configuration behind those that trained on every seed); the pick
        // has the best.
        List<String[]> means = rows(CliRun.of("query", "-o", out.toString(),
                "SELECT t.trial_id, round(t.confirmed_mean, 6), round((first(t.best_objective) + sum(IF(c.status"
                        + " = 'ok', c.value, 0))) / (1 + count_if(c.status = 'ok')), 6), t.confirmed_runs,"
                        + " 1 + count_if(c.status = 'ok'), count_if(c.status != 'ok') AS failed"
                        + " FROM trials t JOIN confirm c USING (trial_id)"
                        + " GROUP BY t.trial_id, t.confirmed_mean, t.confirmed_runs"
                        + " ORDER BY failed > 0, t.confirmed_mean DESC"));
        assertEquals(2, means.size());
        for (String[] m : means) {
            assertEquals(m[2], m[1], "the mean over the search's run and the new seeds, trial " + m[0]);
            assertEquals(m[4], m[3], "runs with a value, the search's included, trial " + m[0]);
        }
        String pick = means.get(0)[0];
        assertTrue(search.out().contains("sparktune: pick: trial " + pick + ","), search.out());
        List<String[]> finals = rows(CliRun.of("query", "-o", out.toString(),
                "SELECT trial_id FROM final WHERE role = 'best'"));
        assertEquals(pick, finals.get(0)[0], "the final check tests the best mean over the seeds");
        String ranking = search.out().substring(search.out().indexOf("Ranking by the confirmed mean"));
        assertTrue(ranking.lines().skip(3).findFirst().orElseThrow().strip().startsWith("1     " + pick + " "),
                "the ranking's first row is the pick: " + ranking);
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("\"confirmed_mean\""), "the report's trials carry the confirmed mean");

        // A rerun keeps the runs done: with one run's journal entry gone, only that run trains again.
        Path journal = out.resolve(TrialJournal.CONFIRM_FOLDER);
        Path lost;
        try (Stream<Path> files = Files.list(journal)) {
            lost = files.sorted().findFirst().orElseThrow();
        }
        String lostRun = Files.readString(lost);
        Files.delete(lost);
        CliRun resume = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, resume.exitCode(), resume.toString());
        assertTrue(resume.out().contains("4 runs, 3 done earlier and kept"), resume.out());
        assertEquals(1, count(resume.out(), "[confirm "), resume.out());
        assertTrue(Files.exists(lost), "the run trained again");
        assertEquals(lostRun.replaceAll("\"(started_at|finished_at|train_seconds|seconds)\":[0-9.E]+", ""),
                Files.readString(lost).replaceAll("\"(started_at|finished_at|train_seconds|seconds)\":[0-9.E]+", ""),
                "the same seed gives the same run");

        // Confirmation may change on a resume: it runs after the search, whose trials stay.
        CliRun off = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate",
                "--set", "search.confirm=false");
        assertEquals(0, off.exitCode(), off.toString());
        assertFalse(off.out().contains("[confirm "), off.out());
        assertNotEquals(-1, off.out().indexOf("Ranking by best validation accuracy"), off.out());
        assertEquals(List.of(), rows(CliRun.of("query", "-o", out.toString(), "SELECT * FROM confirm")),
                "the confirm table no longer holds runs the pick does not rest on");
        assertEquals(List.of(), rows(CliRun.of("query", "-o", out.toString(),
                "SELECT trial_id FROM trials WHERE confirmed_mean IS NOT NULL")), "nor do the trials");
        assertTrue(Files.exists(journal), "the runs are kept for a rerun that confirms again");
    }
}
