package io.sparktune.spec;

import io.sparktune.data.DataSpec;
import io.sparktune.input.SpecField;
import io.sparktune.input.SpecSection;
import io.sparktune.network.NetworkSources;
import io.sparktune.trial.Objective;
import java.util.List;

/**
 * Every section of a search spec, in the order the reference lists them. The spec's top level and
 * {@code search} are declared here; the sections bound to a record ({@code data}, {@code execution},
 * {@code search.budget}, ...) declare their fields beside the record. The {@code model} section is the
 * hyperparameter registry.
 */
public final class SpecSections {
    public static final SpecField<String> NAME = SpecField.text("name").defaultText("the spec file's name")
            .valid(s -> !s.isBlank(), "a non-empty string")
            .mayChangeOnResume().doc("What the console and the report call the search.");
    public static final SpecField<String> DESCRIPTION = SpecField.text("description").mayChangeOnResume()
            .doc("Free text, kept with the spec.");
    public static final SpecField<Object> DATA = SpecField.structure("data", "object", "an object")
            .defaultText("required").doc("Where the images are and how they are split (the `data.*` fields).");
    public static final SpecField<Object> MODEL = SpecField.structure("model", "object", "an object")
            .defaultText("the reference CNN").doc("The baseline: any of the model hyperparameters below, and"
                    + " `network` (the `model.network.*` fields), where the network comes from: left out, the"
                    + " built-in family.");
    public static final SpecField<Object> SEARCH = SpecField.structure("search", "object", "an object")
            .defaultText("required").doc("What is searched, how, and how long (the `search.*` fields).");
    public static final SpecField<Object> EXECUTION = SpecField.structure("execution", "object", "an object")
            .doc("How the search runs (the `execution.*` fields).");
    public static final SpecField<String> OUTPUT = SpecField.text("output").defaultText("`out/<name>`")
            .valid(s -> !s.isBlank(), "a folder")
            .mayChangeOnResume().doc("The output folder, local or a Hadoop URI; `--output FOLDER` sets it.");
    public static final SpecField<Object> FINAL_CHECK = SpecField.structure("final_check", "object", "an object")
            .doc("How the best and the baseline are checked on the test set (the `final_check.*` fields).");
    public static final SpecSection TOP = new SpecSection("", NAME, DESCRIPTION, DATA, MODEL, SEARCH, EXECUTION,
            FINAL_CHECK, OUTPUT);

    public static final SpecField<Strategy> STRATEGY = SpecField.choice("search.strategy", Strategy.class,
            Strategy.GRID).doc("How configurations are chosen.");
    public static final SpecField<Object> SPACE = SpecField.structure("search.space", "object",
            "an object naming hyperparameters, each with a list or a range").defaultText("required but for manual")
            .doc("The searched model fields: a list is a choice, `{\"low\", \"high\", \"log\", \"step\","
                    + " \"points\"}` a range.");
    public static final SpecField<Integer> TRIALS = SpecField.whole("search.trials", null).between(1, 100_000)
            .defaultText("required for random, tpe").doc("random, tpe and halving: configurations to draw or propose.");
    public static final SpecField<Object> MANUAL = SpecField.structure("search.manual", "list",
            "a non-empty list of model settings").doc("Explicit configurations, each laid over the model"
                    + " defaults, run first (alone with strategy manual).");
    public static final SpecField<Boolean> BASELINE = SpecField.flag("search.baseline", true)
            .doc("The model defaults run as trial 0, unless a trial already has them.");
    public static final SpecField<Objective> OBJECTIVE = SpecField.choice("search.objective", Objective.class,
            Objective.VAL_ACCURACY).doc("What the search optimises; val_loss is minimised.");
    public static final SpecField<Object> WARM_START = SpecField.structure("search.warm_start", "list",
            "a non-empty list of earlier output folders").doc("tpe, and halving with sampler tpe: earlier"
                    + " searches on the same data whose trials inform the model.");
    public static final SpecField<Object> BUDGET = SpecField.structure("search.budget", "object", "an object")
            .defaultText("no limit").doc("The `search.budget.*` fields.");
    public static final SpecField<Object> HALVING = SpecField.structure("search.halving", "object", "an object")
            .doc("strategy halving only: the `search.halving.*` fields.");
    public static final SpecField<Object> TPE = SpecField.structure("search.tpe", "object", "an object")
            .doc("tpe, and halving with sampler tpe: the `search.tpe.*` fields.");
    public static final SpecField<Object> CONFIRM = SpecField.structure("search.confirm", "boolean or object",
            "false, true or {\"top\": 3, \"seeds\": 2}").defaultText("on from 8 trials").mayChangeOnResume()
            .doc("Retrain the best on new seeds and pick by the mean: false is off, true on at any size, or"
                    + " the `search.confirm.*` fields.");
    public static final SpecSection SEARCH_SECTION = new SpecSection("search", STRATEGY, SPACE, TRIALS, MANUAL,
            BASELINE, OBJECTIVE, WARM_START, BUDGET, HALVING, TPE, CONFIRM);

    public static final SpecField<Double> LOW = SpecField.number("search.space.<field>.low", null)
            .defaultText("required").doc("A range's lower end (above 0 with log).");
    public static final SpecField<Double> HIGH = SpecField.number("search.space.<field>.high", null)
            .defaultText("required").doc("A range's upper end, above low.");
    public static final SpecField<Boolean> LOG = SpecField.flag("search.space.<field>.log", false)
            .doc("Log-uniform: drawn and searched on a log scale.");
    public static final SpecField<Double> STEP = SpecField.number("search.space.<field>.step", null)
            .valid(step -> step > 0, "a number above 0")
            .doc("Values low, low + step, ..., high; it must divide high - low, and not go with log.");
    public static final SpecField<Integer> POINTS = SpecField.whole("search.space.<field>.points", null)
            .between(2, 1000).doc("Grid values laid evenly (or log-spaced) from low to high, for grid search"
                    + " and halving over the grid.");
    public static final SpecSection RANGE = new SpecSection("search.space.<field>", LOW, HIGH, LOG, STEP, POINTS);

    public static final List<SpecSection> ALL = List.of(TOP, DataSpec.SECTION, NetworkSources.SECTION,
            SEARCH_SECTION, RANGE, Budget.SECTION,
            TpeSettings.SECTION, Halving.SECTION, ConfirmSpec.SECTION, ExecutionSpec.SECTION, FinalCheckSpec.SECTION);

    private SpecSections() {
    }

    /** The dotted paths of the fields a rerun may change and still resume the search. */
    public static List<String> mayChangeOnResume() {
        return ALL.stream().flatMap(s -> s.fields().stream()).filter(SpecField::mayChange).map(SpecField::path)
                .toList();
    }
}
