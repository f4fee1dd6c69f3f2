package io.sparktune.cli;

import io.sparktune.results.OutputFolder;
import io.sparktune.run.StatusLines;
import io.sparktune.spec.SearchSpec;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"How a search stands, from any terminal, running or not: whether its driver is alive,",
            "trials done, running and waiting, the best so far, the ETA, and why the last run stopped.",
            "Reads the output folder's files only; starts no Spark."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    OutputOption output;

    @Mixin
    Console console;

    @Override
    public Integer call() {
        PrintWriter out = console.out();
        OutputFolder folder = new OutputFolder(output.path);
        SearchSpec spec = folder.searchSpec();
        StatusLines.of(folder.path(), spec, folder.lockHolder(), folder.readStatus(), folder.journal().readAll(),
                folder.readRunSummary(), Instant.now()).forEach(out::println);
        return 0;
    }
}
