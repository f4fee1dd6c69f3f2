package io.sparktune.input;

import java.nio.file.Path;

/**
 * Where sparktune keeps what it learns on a host between searches (measured paces, decoded images):
 * {@code ~/.sparktune}, or the {@code sparktune.home} system property, or the {@code SPARKTUNE_HOME} variable.
 */
public final class SparktuneHome {
    private SparktuneHome() {
    }

    public static Path folder() {
        String home = System.getProperty("sparktune.home", System.getenv("SPARKTUNE_HOME"));
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".sparktune");
    }
}
