package io.sparktune.cli;

import io.sparktune.run.Launcher;
import io.sparktune.run.SearchRun;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Run the search a spec describes, write its result tables and print the ranking.",
            "Rerun it on the same output folder to resume: finished trials are kept, not retrained."})
final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Search spec (JSON): a path, e.g. conf/quick.json, or a Hadoop URI (hdfs://, s3a://).")
    String specFile;

    @Option(names = "--data", paramLabel = "FOLDER",
            description = "Data folder (local path or Hadoop URI); overrides data.path.")
    String data;

    @Option(names = {"-o", "--output"}, paramLabel = "FOLDER", description = "Output folder; overrides output.")
    String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for a local run, e.g. local[2]; overrides execution.master.")
    String master;

    @Option(names = "--set", paramLabel = "FIELD=VALUE",
            description = "Override any spec field, e.g. --set model.epochs=2 --set search.space.filters=[16,32].")
    List<String> sets = new ArrayList<>();

    @Option(names = "--no-evaluate", description = "Skip the final check of the best and the baseline on the"
            + " test set (run it later with the evaluate command).")
    boolean noEvaluate;

    @Mixin
    Console console;

    @Override
    public Integer call() {
        PrintWriter out = console.start();
        SearchSpec spec = new SpecReader().read(specFile, overrides());
        new SearchRun(out).run(spec, !noEvaluate, resumeCommand(spec));
        return 0;
    }

    /** This command again, with the output folder named: a rerun resumes where it stopped. */
    private String resumeCommand(SearchSpec spec) {
        StringBuilder command = new StringBuilder("search ").append(specFile);
        if (data != null) {
            command.append(" --data ").append(data);
        }
        command.append(" -o ").append(spec.output());
        if (master != null) {
            command.append(" --master ").append(master);
        }
        sets.forEach(set -> command.append(" --set '").append(set).append('\''));
        if (noEvaluate) {
            command.append(" --no-evaluate");
        }
        return Launcher.command(command.toString());
    }

    private List<String> overrides() {
        List<String> all = new ArrayList<>(sets);
        if (data != null) {
            all.add("data.path=" + data);
        }
        if (output != null) {
            all.add("output=" + output);
        }
        if (master != null) {
            all.add("execution.master=" + master);
        }
        return all;
    }
}
