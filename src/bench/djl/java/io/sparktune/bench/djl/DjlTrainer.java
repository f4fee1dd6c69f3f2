package io.sparktune.bench.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.sparktune.bench.BenchBatches;
import io.sparktune.bench.PeerTrainer;

/** What every PyTorch twin shares: a DJL trainer, its training and inference passes over fixed minibatches. */
abstract class DjlTrainer implements PeerTrainer {
    private Model model;
    private Trainer trainer;
    private double trainAccuracy = Double.NaN;

    @Override
    public String name() {
        return "PyTorch " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion() + " (DJL)";
    }

    /** A fresh network from {@code block}, trained as {@code config} says, on this many threads. */
    final void start(String name, Block block, DefaultTrainingConfig config, int threads, long seed) {
        close();
        // Loading the engine loads the native library, which the thread settings below call into.
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        JniUtils.setNumThreads(threads);
        model = Model.newInstance(name, "PyTorch");
        model.setBlock(block);
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(64, 3, 32, 32));
    }

    @Override
    public double trainEpoch(BenchBatches batches) {
        double lossSum = 0;
        long correct = 0;
        for (int b = 0; b < batches.features().size(); b++) {
            Step step = step(batches, b);
            lossSum += step.loss();
            correct += step.correct();
        }
        trainAccuracy = (double) correct / batches.images();
        return lossSum / batches.features().size();
    }

    @Override
    public long trainStep(BenchBatches batches, int index) {
        return step(batches, index).correct();
    }

    private Step step(BenchBatches batches, int b) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDList x = features(step, batches, b);
            NDList y = new NDList(step.create(batches.labels().get(b)));
            double loss;
            long correct;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList prediction = trainer.forward(x, y);
                NDArray lossArray = trainer.getLoss().evaluate(y, prediction);
                collector.backward(lossArray);
                loss = lossArray.getFloat();
                correct = correct(prediction.singletonOrThrow(), batches.labels().get(b));
            }
            trainer.step();
            return new Step(loss, correct);
        }
    }

    private record Step(double loss, long correct) {
    }

    @Override
    public StepGradients gradients(BenchBatches batches, int index) {
        // The forward pass in training mode moves batch norm's running statistics: put them back after.
        java.util.Map<ai.djl.nn.Parameter, float[]> running = new java.util.HashMap<>();
        for (var pair : model.getBlock().getParameters()) {
            if (isRunningStatistic(pair.getValue())) {
                running.put(pair.getValue(), pair.getValue().getArray().toFloatArray());
            }
        }
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDList x = features(step, batches, index);
            NDList y = new NDList(step.create(batches.labels().get(index)));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray loss = trainer.getLoss().evaluate(y, trainer.forward(x, y));
                collector.zeroGradients(); // only an optimizer step clears them otherwise
                collector.backward(loss);
                java.util.List<float[]> gradients = new java.util.ArrayList<>();
                for (ai.djl.nn.Parameter parameter : trained()) {
                    gradients.add(parameter.getArray().getGradient().toFloatArray());
                }
                collector.zeroGradients(); // else the next step would add them to its own
                return new StepGradients(loss.getFloat(), gradients);
            }
        } finally {
            running.forEach((parameter, saved) -> parameter.getArray().set(saved));
        }
    }

    @Override
    public java.util.List<float[]> weights() {
        return trained().stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    /** The parameters training changes, in the order {@link #startFrom} and {@link #weights} use. */
    private java.util.List<ai.djl.nn.Parameter> trained() {
        java.util.List<ai.djl.nn.Parameter> trained = new java.util.ArrayList<>();
        for (var pair : model.getBlock().getParameters()) {
            if (!isRunningStatistic(pair.getValue())) {
                trained.add(pair.getValue()); // running statistics start as zeros and ones in both frameworks
            }
        }
        return trained;
    }

    private static boolean isRunningStatistic(ai.djl.nn.Parameter parameter) {
        ai.djl.nn.Parameter.Type type = parameter.getType();
        return type == ai.djl.nn.Parameter.Type.RUNNING_MEAN || type == ai.djl.nn.Parameter.Type.RUNNING_VAR;
    }

    @Override
    public double trainAccuracy() {
        return trainAccuracy;
    }

    @Override
    public void startFrom(java.util.List<float[]> weights) {
        java.util.List<ai.djl.nn.Parameter> trained = trained();
        if (weights.size() != trained.size()) {
            throw new IllegalArgumentException(weights.size() + " weight arrays given for " + trained.size()
                    + " trained parameters");
        }
        for (int i = 0; i < weights.size(); i++) {
            trained.get(i).getArray().set(weights.get(i));
        }
    }

    @Override
    public double inferEpoch(BenchBatches batches) {
        NDManager manager = trainer.getManager();
        long correct = 0;
        for (int b = 0; b < batches.features().size(); b++) {
            try (NDManager step = manager.newSubManager()) {
                NDList x = features(step, batches, b);
                correct += correct(trainer.evaluate(x).singletonOrThrow(), batches.labels().get(b));
            }
        }
        return (double) correct / batches.images();
    }

    private static long correct(NDArray logits, int[] labels) {
        long[] predicted = logits.argMax(1).toLongArray();
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return correct;
    }

    private static NDList features(NDManager manager, BenchBatches batches, int b) {
        return new NDList(manager.create(batches.features().get(b), new Shape(batches.size(b),
                batches.shape().channels(), batches.shape().height(), batches.shape().width())));
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
            trainer = null;
        }
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
