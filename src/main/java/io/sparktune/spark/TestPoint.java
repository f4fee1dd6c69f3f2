package io.sparktune.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Fixed points at which tests of a search's recovery stop or hold it: points the search reaches by its own
 * progress, where a test that acts from outside would have to catch it mid-run by timing. A point is a
 * task's work: {@code trial-N} (trial N trained from scratch), {@code confirmation} (any run on a new seed),
 * {@code epoch-N} (any trial's task just after its epoch N) or {@code final-check}. Spark settings name
 * them, so one reaches executors on a cluster as on the driver in local mode ({@code -Dspark.x=...} there):
 * <ul>
 *   <li>{@value #HALT}: the JVM about to do that work, on the task's first attempt, halts as {@code kill -9}
 *       would (no shutdown hook runs). In local mode that is the driver; on a cluster, the executor, and
 *       Spark retries the task elsewhere.</li>
 *   <li>{@value #HOLD} with {@value #HOLD_UNTIL}: the task waits, running, until that file exists, so a
 *       test can look at or signal a search that is certainly mid-trial.</li>
 * </ul>
 * Unset, as in every real search, they do nothing.
 */
final class TestPoint {
    static final String HALT = "spark.sparktune.test.halt";
    static final String HOLD = "spark.sparktune.test.hold";
    static final String HOLD_UNTIL = "spark.sparktune.test.holdUntil";
    /** What {@code kill -9} leaves as an exit status. */
    private static final int KILLED = 137;

    private TestPoint() {
    }

    static void reach(String point) {
        SparkConf conf = SparkEnv.get() == null ? null : SparkEnv.get().conf();
        if (conf == null) {
            return;
        }
        TaskContext task = TaskContext.get();
        if (point.equals(conf.get(HALT, null)) && task != null && task.attemptNumber() == 0) {
            Runtime.getRuntime().halt(KILLED);
        }
        if (point.equals(conf.get(HOLD, null))) {
            Path until = Path.of(conf.get(HOLD_UNTIL));
            try {
                while (!Files.exists(until)) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("cancelled while held at " + point, e);
            }
        }
    }
}
