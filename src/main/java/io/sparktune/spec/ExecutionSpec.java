package io.sparktune.spec;

import io.sparktune.input.SpecException;
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

    public static final long DEFAULT_SEED = 42;

    public ExecutionSpec {
        threadsPerTrial = threadsPerTrial == null ? 1 : threadsPerTrial;
        seed = seed == null ? DEFAULT_SEED : seed;
        sparkUi = sparkUi == null ? Boolean.FALSE : sparkUi;
        trialOrder = trialOrder == null ? TrialOrder.LONGEST_FIRST : trialOrder;
        // Measured on 2 cores: two one-thread trials side by side beat one two-thread trial for this CNN.
        parallelTrials = parallelTrials == null
                ? Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, threadsPerTrial))
                : parallelTrials;
    }

    public ExecutionSpec validate() {
        if (threadsPerTrial < 1 || threadsPerTrial > 256) {
            throw new SpecException("execution.threads_per_trial",
                    "must be an integer from 1 to 256, got " + threadsPerTrial);
        }
        if (parallelTrials < 1 || parallelTrials > 4096) {
            throw new SpecException("execution.parallel_trials",
                    "must be an integer from 1 to 4096, got " + parallelTrials);
        }
        if (master != null && master.isBlank()) {
            throw new SpecException("execution.master", "must not be empty; e.g. local[2] or spark://host:7077");
        }
        return this;
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
