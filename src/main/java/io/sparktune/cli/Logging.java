package io.sparktune.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Spark and DL4J log at INFO by default, which buries our output; quiet unless the user asks. */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        if (verbose) {
            Configurator.setRootLevel(Level.INFO);
            return;
        }
        Configurator.setRootLevel(Level.WARN);
        // Hadoop's "unable to load native-hadoop library" and similar are expected on a laptop.
        Configurator.setLevel("org.apache.hadoop", Level.ERROR);
        Configurator.setLevel("org.apache.spark.util.Utils", Level.ERROR);
    }
}
