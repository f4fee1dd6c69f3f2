package io.sparktune.cli;

import picocli.CommandLine.Option;

/** The -v option every command shares: Spark's and DL4J's own logging, quiet unless asked. */
final class Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "Show Spark's and DL4J's own log messages.")
    boolean verbose;

    void apply() {
        Logging.configure(verbose);
    }
}
