package io.sparktune.spec;

import io.sparktune.input.SpecField;
import io.sparktune.input.SpecSection;

/**
 * How the search runs. {@code master} applies to local runs only: under spark-submit the cluster manager
 * given there wins. A trial gets {@code threadsPerTrial} cores ({@code spark.task.cpus}).
 */
public record ExecutionSpec(
        String master,
        Integer parallelTrials,
        Integer threadsPerTrial,
        Long seed,
        Boolean sparkUi,
        TrialOrder trialOrder) {

    public static final SpecField<String> MASTER = SpecField.text("execution.master")
            .valid(m -> !m.isBlank(), "a Spark master URL, e.g. local[2] or spark://host:7077")
            .defaultText("`local[parallel_trials x threads_per_trial]`").mayChangeOnResume()
            .doc("Local runs only: under spark-submit the cluster manager given there wins.");
    public static final SpecField<Integer> PARALLEL_TRIALS = SpecField.whole("execution.parallel_trials", null)
            .between(1, 4096).defaultText("processors / threads_per_trial").mayChangeOnResume()
            .doc("Trials kept running at once; on a cluster with more task slots, as many as it has.");
    public static final SpecField<Integer> THREADS_PER_TRIAL = SpecField.whole("execution.threads_per_trial", 1)
            .between(1, 256).mayChangeOnResume()
            .doc("Cores a trial gets: spark.task.cpus and the trial's native threads.");
    public static final SpecField<Long> SEED = SpecField.wholeLong("execution.seed", 42L)
            .doc("Picks the validation split and, with a trial's id, its initialisation, order and augmentation.");
    public static final SpecField<Boolean> SPARK_UI = SpecField.flag("execution.spark_ui", false).mayChangeOnResume()
            .doc("Local runs: Spark's web UI on 127.0.0.1.");
    public static final SpecField<TrialOrder> TRIAL_ORDER = SpecField.choice("execution.trial_order",
                    TrialOrder.class, TrialOrder.LONGEST_FIRST).mayChangeOnResume()
            .doc("The order free cores take a wave of trials: most expected work first, or the strategy's."
                    + " TPE's proposals keep TPE's order.");
    public static final SpecSection SECTION = new SpecSection("execution", MASTER, PARALLEL_TRIALS,
            THREADS_PER_TRIAL, SEED, SPARK_UI, TRIAL_ORDER);

    public static final long DEFAULT_SEED = SEED.defaultValue();

    public ExecutionSpec {
        threadsPerTrial = THREADS_PER_TRIAL.or(threadsPerTrial);
        seed = SEED.or(seed);
        sparkUi = SPARK_UI.or(sparkUi);
        trialOrder = TRIAL_ORDER.or(trialOrder);
        // Measured on 2 cores: two one-thread trials side by side beat one two-thread trial for this CNN.
        parallelTrials = parallelTrials == null
                ? Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, threadsPerTrial))
                : parallelTrials;
    }

    public ExecutionSpec validate() {
        return SECTION.check(this);
    }

    /** The same settings with another number of trials at a time and threads per trial. */
    public ExecutionSpec withParallelism(int trials, int threads) {
        return new ExecutionSpec(null, trials, threads, seed, sparkUi, trialOrder);
    }

    public ExecutionSpec withTrialOrder(TrialOrder order) {
        return new ExecutionSpec(master, parallelTrials, threadsPerTrial, seed, sparkUi, order);
    }

    /** The master for a run that spark-submit did not configure: one core per trial thread. */
    public String localMaster() {
        return master != null ? master : "local[" + (parallelTrials * threadsPerTrial) + "]";
    }
}
