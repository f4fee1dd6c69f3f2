package io.sparktune.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The SPARK_HOME that jobs/spark-home.sh assembles from Maven's Spark jars, as a user without Spark would. */
public final class SparkHome {
    private SparkHome() {
    }

    /** Assembles it (or finds it current) and returns its path. */
    public static String assemble() throws Exception {
        Path log = Files.createTempFile("sparktune-spark-home", ".log");
        Process script = new ProcessBuilder("jobs/spark-home.sh").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = script.waitFor(15, TimeUnit.MINUTES);
        String output = Files.readString(log);
        if (!ended || script.exitValue() != 0) {
            script.destroyForcibly();
            throw new IllegalStateException("jobs/spark-home.sh failed:\n" + output);
        }
        // The last line is the path; anything a tool printed before it on that line (colour codes) is not.
        String last = output.strip().lines().reduce((a, b) -> b).orElseThrow();
        return last.substring(last.indexOf('/'));
    }
}
