package io.sparktune.bench;

import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.trial.Dl4jRuntime;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The reference CNN as sparktune builds it for a trial, fed the benchmark's batches. */
final class Dl4jReferenceCnn implements PeerTrainer {
    private MultiLayerNetwork network;

    @Override
    public String name() {
        return "DL4J 1.0.0-M2.1 (sparktune)";
    }

    @Override
    public void reset(int threads, long seed) {
        Dl4jRuntime.limitThreads(threads);
        network = (MultiLayerNetwork) BuiltInNetwork.INSTANCE.build(ModelConfig.REFERENCE,
                new NetworkInput(new io.sparktune.data.ImageShape(3, 32, 32), 10, 1, 1, null), seed).model();
    }

    @Override
    public double trainEpoch(BenchBatches batches) {
        double lossSum = 0;
        for (int b = 0; b < batches.features().size(); b++) {
            network.fit(new DataSet(features(batches, b), oneHot(batches, b)));
            lossSum += network.score();
        }
        return lossSum / batches.features().size();
    }

    @Override
    public double inferEpoch(BenchBatches batches) {
        long correct = 0;
        for (int b = 0; b < batches.features().size(); b++) {
            INDArray predicted = network.output(features(batches, b), false).argMax(1);
            int[] labels = batches.labels().get(b);
            for (int i = 0; i < labels.length; i++) {
                correct += predicted.getInt(i) == labels[i] ? 1 : 0;
            }
        }
        return (double) correct / batches.images();
    }

    private static INDArray features(BenchBatches batches, int b) {
        var s = batches.shape();
        return Nd4j.create(batches.features().get(b), new long[] {batches.size(b), s.channels(), s.height(),
                s.width()}, DataType.FLOAT);
    }

    private static INDArray oneHot(BenchBatches batches, int b) {
        int[] labels = batches.labels().get(b);
        float[] hot = new float[labels.length * batches.classes()];
        for (int i = 0; i < labels.length; i++) {
            hot[i * batches.classes() + labels[i]] = 1f;
        }
        return Nd4j.create(hot, new long[] {labels.length, batches.classes()}, DataType.FLOAT);
    }

    @Override
    public void close() {
        network = null;
    }
}
