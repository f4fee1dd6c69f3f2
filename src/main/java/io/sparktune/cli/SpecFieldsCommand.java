package io.sparktune.cli;

import io.sparktune.spec.SpecDocs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "spec-fields", mixinStandardHelpOptions = true,
        description = {"List every field of a search spec but the model's (see hyperparameters): its kind,",
            "default, allowed values, meaning and whether a rerun may change it, as a Markdown table."})
final class SpecFieldsCommand implements Callable<Integer> {
    @Mixin
    Console console;

    @Override
    public Integer call() {
        console.start().print(SpecDocs.markdownTable());
        return 0;
    }
}
