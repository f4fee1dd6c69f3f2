package io.sparktune.run;

/**
 * How the user started sparktune, so the commands the console suggests (resume, evaluate, query) run as
 * printed: the launcher scripts name themselves in {@code SPARKTUNE_LAUNCHER} ({@code bin/sparktune},
 * {@code jobs/submit.sh} with its spark-submit options); anything else is {@code bin/sparktune}'s name.
 */
public final class Launcher {
    public static final String VARIABLE = "SPARKTUNE_LAUNCHER";

    private Launcher() {
    }

    /** The command that runs {@code sparktune <arguments>} the way this process was started. */
    public static String command(String arguments) {
        String launcher = System.getenv(VARIABLE);
        return (launcher == null || launcher.isBlank() ? "sparktune" : launcher.strip()) + " " + arguments;
    }
}
