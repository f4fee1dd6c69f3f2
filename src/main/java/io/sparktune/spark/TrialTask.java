package io.sparktune.spark;

import io.sparktune.confirm.ConfirmationRun;
import io.sparktune.network.NetworkSource;
import io.sparktune.results.LocalHost;
import io.sparktune.trial.NetworkState;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialOutcome;
import io.sparktune.trial.TrialRunner;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;

/**
 * What an executor does with one trial: set up the executor ({@link ExecutorSetup}), take the data
 * ({@link ExecutorData}, once per JVM), train (continuing from the network the driver broadcast, at a later rung of
 * successive halving), and hand the outcome, stamped with where it ran, back to the driver. It writes
 * nothing: the output folder may be on a disk this executor's host cannot see.
 */
final class TrialTask implements Function<TrialConfig, TrialOutcome> {
    private final ExecutorData data;
    private final ExecutorSetup setup;
    private final long notAfter;
    private final Broadcast<NetworkState> from;
    private final NetworkSource networks;
    private final Objective keepBest;
    private final CollectionAccumulator<RunningEpochs.Epoch> epochs;

    /**
     * {@code notAfter}: epoch milliseconds after which a trial is not started (the search's time budget);
     * {@code from}: the network to continue from, or null; {@code networks}: where a fresh one comes from;
     * {@code keepBest}: the objective by which the network after the best epoch is handed back, or null;
     * {@code epochs}: where each epoch goes as it ends, for the driver to hear before the trial ends.
     */
    TrialTask(ExecutorData data, ExecutorSetup setup, long notAfter, Broadcast<NetworkState> from,
              NetworkSource networks, Objective keepBest, CollectionAccumulator<RunningEpochs.Epoch> epochs) {
        this.networks = networks;
        this.keepBest = keepBest;
        this.epochs = epochs;
        this.data = data;
        this.setup = setup;
        this.notAfter = notAfter;
        this.from = from;
    }

    /** Null when the time budget ran out before this trial could start. */
    @Override
    public TrialOutcome call(TrialConfig trial) {
        if (System.currentTimeMillis() > notAfter) {
            return null;
        }
        if (from == null) {
            TestPoint.reach(ConfirmationRun.isRun(trial.trialId()) ? "confirmation" : "trial-" + trial.trialId());
        }
        setup.apply();
        TrialOutcome outcome = new TrialRunner(networks,
                epoch -> {
                    epochs.add(new RunningEpochs.Epoch(trial.trialId(), epoch));
                    TestPoint.reach("epoch-" + epoch.epoch());
                }, keepBest)
                .train(trial, data.training(), from == null ? null : from.value());
        return new TrialOutcome(outcome.result().ranOn(LocalHost.name(), SparkEnv.get().executorId()),
                outcome.network(), outcome.best());
    }
}
