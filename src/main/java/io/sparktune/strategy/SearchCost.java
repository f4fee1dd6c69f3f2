package io.sparktune.strategy;

import io.sparktune.data.DataKind;
import io.sparktune.data.DataSpec;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.network.NetworkSource;
import java.util.Locale;

/**
 * A rough cost of training many trials, known before any data is read: the network's FLOPs for the image
 * shape the data kind implies, at the speed the reference CNN trains at on one core here, over the images
 * the spec lets a search use. Good for telling 2 core-hours from 2,000, not for a schedule.
 */
final class SearchCost {
    /**
     * FLOP-equivalents per second one core sustains over a whole trial: the reference CNN (8.8 MFLOP per
     * training image) at about 740 images a second, jobs/bench-train.sh's steady state on 2 cores.
     */
    static final double FLOPS_PER_CORE = 6.5e9;
    /** Training images assumed where the count is not known before reading the data. */
    private static final int UNKNOWN_IMAGES = 10_000;

    private SearchCost() {
    }

    /** E.g. "about 1,200 core-hours (40,000 training images at 6.5 GFLOP/s per core)". */
    static String describe(DataSpec data, NetworkSource networks, ModelConfig model, long trials) {
        int images = trainingImages(data);
        double flops = networks.trainingFlops(model, data.promisedShape(), 10) * images
                * model.get(Hyperparameters.EPOCHS);
        double hours = flops * trials / FLOPS_PER_CORE / 3600;
        return String.format(Locale.ROOT, "about %,.0f core-hours (%,d training images, %d epochs a trial, at %.1f"
                + " GFLOP/s per core)", hours, images, model.get(Hyperparameters.EPOCHS), FLOPS_PER_CORE / 1e9);
    }

    private static int trainingImages(DataSpec data) {
        int pool = data.kind() == DataKind.CIFAR10 ? 50_000 : UNKNOWN_IMAGES;
        if (data.maxTrainImages() != null) {
            pool = Math.min(pool, data.maxTrainImages());
        }
        return (int) Math.round(pool * (1 - data.validationFraction()));
    }

}
