package io.sparktune.run;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * What Ctrl-C or SIGTERM does while a search runs. The JVM answers either signal by running its shutdown
 * hooks and exiting with 128 + the signal (130, 143); this hook runs first, ahead of Spark's own (which
 * stops the SparkContext) and Hadoop's (which closes the file systems the journal is on), so it can still
 * cancel the trial jobs, record the stop and say what was kept. Once a run has ended normally the hook is
 * removed, so an ordinary exit does nothing here.
 */
public final class Interruption implements AutoCloseable {
    /** Above Spark's hooks (file systems' priority + 30, and lower ones): runs before them. */
    private static final int PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 100;

    private static volatile boolean signalled;

    private final Runnable hook;

    private Interruption(Runnable onSignal) {
        this.hook = () -> {
            signalled = true;
            // What Spark logs while it is torn down (tasks rejected by its stopped pools, with their stack
            // traces) is noise once the stop has been said in one line.
            Configurator.setRootLevel(Level.OFF);
            onSignal.run();
        };
        ShutdownHookManager.get().addShutdownHook(hook, PRIORITY);
    }

    /** Runs {@code onSignal} if the JVM is stopped by a signal before {@link #close()}. */
    static Interruption install(Runnable onSignal) {
        return new Interruption(onSignal);
    }

    /**
     * Whether a signal has stopped a search in this JVM. The command line then stays silent about what the
     * cancelled jobs throw on the way out: the hook has said what happened.
     */
    public static boolean signalled() {
        return signalled;
    }

    @Override
    public void close() {
        if (!ShutdownHookManager.get().isShutdownInProgress()) {
            ShutdownHookManager.get().removeShutdownHook(hook);
        }
    }
}
