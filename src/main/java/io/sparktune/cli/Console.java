package io.sparktune.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command shares, as a picocli mixin: the -v option (Spark's and DL4J's own logging, quiet
 * unless asked) and the console the command prints to.
 */
final class Console {
    @Option(names = {"-v", "--verbose"}, description = "Show Spark's and DL4J's own log messages.")
    boolean verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Sets the logging as asked and returns where the command prints. */
    PrintWriter start() {
        Logging.configure(verbose);
        return out();
    }

    /**
     * Where the command prints, for a command that runs no library that logs: setting up logging is half
     * a second of a command meant to answer at once.
     */
    PrintWriter out() {
        return command.commandLine().getOut();
    }
}
