package io.sparktune.run;

import java.util.regex.Pattern;

/**
 * How the user started sparktune, so the commands the console suggests (resume, evaluate, query) run as
 * printed: the launcher scripts name themselves in {@code SPARKTUNE_LAUNCHER} ({@code bin/sparktune},
 * {@code jobs/submit.sh} with its spark-submit options); anything else is {@code bin/sparktune}'s name.
 */
public final class Launcher {
    public static final String VARIABLE = "SPARKTUNE_LAUNCHER";

    /**
     * A setting whose name Spark's own redaction (spark.redaction.regex) hides: a key given as
     * {@code --conf spark.hadoop.fs.s3a.secret.key=...} must not reach the console and its log.
     */
    private static final Pattern SECRET_SETTING =
            Pattern.compile("(?<=^|\\s)([^\\s=]*(?i:secret|password|token|access[.]?key)[^\\s=]*=)\\S+");

    private Launcher() {
    }

    /** The command that runs {@code sparktune <arguments>} the way this process was started. */
    public static String command(String arguments) {
        return command(System.getenv(VARIABLE), arguments);
    }

    static String command(String launcher, String arguments) {
        String named = launcher == null || launcher.isBlank() ? "sparktune" : launcher.strip();
        return SECRET_SETTING.matcher(named).replaceAll("$1*********(redacted)") + " " + arguments;
    }
}
