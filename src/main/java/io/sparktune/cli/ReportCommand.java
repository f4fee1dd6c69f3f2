package io.sparktune.cli;

import io.sparktune.results.OutputFolder;
import io.sparktune.run.Report;
import io.sparktune.spec.SearchSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write <output>/report.html: one self-contained page (it opens offline) with the ranking,",
            "the optimization history, each hyperparameter against validation accuracy, parallel coordinates,",
            "hyperparameter importance, learning curves of the best trials and the baseline, and the final",
            "check on the test set. search writes it at the end of every search; this rewrites it."})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    OutputOption output;

    @Option(names = "--compare", paramLabel = "FOLDER", arity = "1..*",
            description = "Other searches' output folders: their best-so-far against core-seconds is drawn on one"
                    + " chart with this search's.")
    List<String> compare = new ArrayList<>();

    @Mixin
    Console console;

    @Override
    public Integer call() {
        PrintWriter out = console.start();
        OutputFolder folder = new OutputFolder(output.path);
        SearchSpec spec = folder.searchSpec();
        Report.write(out, spec, folder, compare);
        return 0;
    }
}
