package io.sparktune.cli;

import io.sparktune.model.HyperparameterDocs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "hyperparameters", mixinStandardHelpOptions = true,
        description = {"List every model field a spec may set or search: its kind, default (the reference CNN's),",
            "allowed values and meaning, as a Markdown table."})
final class HyperparametersCommand implements Callable<Integer> {
    @Mixin
    Console console;

    @Override
    public Integer call() {
        console.start().print(HyperparameterDocs.markdownTable());
        return 0;
    }
}
