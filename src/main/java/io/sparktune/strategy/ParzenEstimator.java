package io.sparktune.strategy;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.special.Erf;

/**
 * A Parzen-window density over a search space's points (Bergstra et al. 2011, "Algorithms for
 * Hyper-Parameter Optimization"; the kernels and bandwidths as in Watanabe 2023, "Tree-structured Parzen
 * Estimator: Understanding Its Algorithm Components"). One component per observed point plus a prior
 * component spanning the whole space, equally weighted. A numeric dimension (a range, log-transformed
 * when log) gets a Gaussian kernel truncated to its bounds; a categorical one (a list of values) a kernel
 * that keeps most of its mass on the observed value and spreads the rest evenly.
 *
 * <p>Multivariate (one joint kernel per observation, as Optuna's default since 5.0): a component is drawn,
 * then every dimension from that component, so values that did well together are proposed together.
 * Univariate: each dimension is a mixture of its own.
 */
final class ParzenEstimator {
    /** The kind and bounds of each dimension: a numeric one has {@code low < high}; a categorical one {@code choices > 0}. */
    record Dimension(double low, double high, int choices) {
        static Dimension numeric(double low, double high) {
            return new Dimension(low, high, 0);
        }

        static Dimension categorical(int choices) {
            return new Dimension(0, 0, choices);
        }

        boolean isCategorical() {
            return choices > 0;
        }

        double width() {
            return high - low;
        }
    }

    private final List<Dimension> dimensions;
    private final double[][] centers;
    private final double[][] sigmas;
    /** Each numeric kernel's log normaliser (its Gaussian's, and the mass inside the bounds): fixed per kernel. */
    private final double[][] logNorms;
    private final double categoricalSpread;
    private final boolean multivariate;

    /** {@code points}: the observations, a value per dimension (a category by its index). */
    ParzenEstimator(List<Dimension> dimensions, List<double[]> points, boolean multivariate) {
        this.dimensions = List.copyOf(dimensions);
        this.multivariate = multivariate;
        int n = points.size();
        int d = dimensions.size();
        // Component 0 is the prior: the middle of every range, as wide as the range; a uniform category.
        centers = new double[n + 1][d];
        sigmas = new double[n + 1][d];
        for (int k = 0; k < d; k++) {
            Dimension dim = dimensions.get(k);
            centers[0][k] = dim.isCategorical() ? -1 : (dim.low() + dim.high()) / 2;
            sigmas[0][k] = dim.width();
            for (int i = 0; i < n; i++) {
                centers[i + 1][k] = points.get(i)[k];
            }
            if (!dim.isCategorical()) {
                bandwidths(k, dim, n, d);
            }
        }
        // Mass a categorical kernel leaves to the other values: much with few observations, little with many.
        categoricalSpread = 1.0 / (n + 2);
        logNorms = new double[n + 1][d];
        for (int c = 0; c <= n; c++) {
            for (int k = 0; k < d; k++) {
                Dimension dim = dimensions.get(k);
                if (!dim.isCategorical()) {
                    double mu = centers[c][k];
                    double sigma = sigmas[c][k];
                    double mass = 0.5 * (Erf.erf((dim.high() - mu) / (sigma * Math.sqrt(2)))
                            - Erf.erf((dim.low() - mu) / (sigma * Math.sqrt(2))));
                    logNorms[c][k] = Math.log(sigma * Math.sqrt(2 * Math.PI)) + Math.log(Math.max(mass, 1e-300));
                }
            }
        }
    }

    /**
     * Multivariate: Scott's rule over the range (Optuna's multivariate TPE). Univariate: each point's
     * distance to its farther neighbour among the sorted points and the bounds. Either is kept between
     * the range / min(100, n + 1) and the whole range, so no kernel collapses onto a point.
     */
    private void bandwidths(int k, Dimension dim, int n, int d) {
        double min = dim.width() / Math.min(100, n + 1);
        if (multivariate) {
            double scott = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (d + 4)) * dim.width();
            for (int i = 1; i <= n; i++) {
                sigmas[i][k] = clamp(scott, min, dim.width());
            }
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i + 1;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(centers[a][k], centers[b][k]));
        for (int r = 0; r < n; r++) {
            double here = centers[order[r]][k];
            double left = here - (r == 0 ? dim.low() : centers[order[r - 1]][k]);
            double right = (r == n - 1 ? dim.high() : centers[order[r + 1]][k]) - here;
            sigmas[order[r]][k] = clamp(Math.max(left, right), min, dim.width());
        }
    }

    /** A point drawn from the density. */
    double[] sample(Random random) {
        double[] point = new double[dimensions.size()];
        int component = random.nextInt(centers.length);
        for (int k = 0; k < point.length; k++) {
            int c = multivariate ? component : random.nextInt(centers.length);
            point[k] = sampleDimension(k, c, random);
        }
        return point;
    }

    /** The log of the density at {@code point}. */
    double logDensity(double[] point) {
        int components = centers.length;
        double logWeight = -Math.log(components);
        if (multivariate) {
            double[] terms = new double[components];
            for (int c = 0; c < components; c++) {
                terms[c] = logWeight;
                for (int k = 0; k < point.length; k++) {
                    terms[c] += logKernel(k, c, point[k]);
                }
            }
            return logSumExp(terms);
        }
        double total = 0;
        for (int k = 0; k < point.length; k++) {
            double[] terms = new double[components];
            for (int c = 0; c < components; c++) {
                terms[c] = logWeight + logKernel(k, c, point[k]);
            }
            total += logSumExp(terms);
        }
        return total;
    }

    private double sampleDimension(int k, int component, Random random) {
        Dimension dim = dimensions.get(k);
        if (dim.isCategorical()) {
            int center = (int) centers[component][k];
            if (center < 0 || random.nextDouble() < categoricalSpread) {
                return random.nextInt(dim.choices());
            }
            return center;
        }
        double mu = centers[component][k];
        double sigma = sigmas[component][k];
        // Rejection keeps the draw inside the range; a kernel mostly outside it falls back to clipping.
        for (int attempt = 0; attempt < 64; attempt++) {
            double x = mu + sigma * random.nextGaussian();
            if (x >= dim.low() && x <= dim.high()) {
                return x;
            }
        }
        return clamp(mu, dim.low(), dim.high());
    }

    private double logKernel(int k, int component, double x) {
        Dimension dim = dimensions.get(k);
        if (dim.isCategorical()) {
            int center = (int) centers[component][k];
            if (center < 0 || dim.choices() == 1) {
                return -Math.log(dim.choices());
            }
            double p = (int) x == center ? 1 - categoricalSpread + categoricalSpread / dim.choices()
                    : categoricalSpread / dim.choices();
            return Math.log(p);
        }
        double mu = centers[component][k];
        double z = (x - mu) / sigmas[component][k];
        return -0.5 * z * z - logNorms[component][k];
    }

    private static double logSumExp(double[] terms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) {
            max = Math.max(max, t);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }
}
