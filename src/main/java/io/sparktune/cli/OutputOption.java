package io.sparktune.cli;

import picocli.CommandLine.Option;

/** The -o option of the commands that work on a finished search's folder. */
final class OutputOption {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FOLDER",
            description = "The search's output folder.")
    String path;
}
