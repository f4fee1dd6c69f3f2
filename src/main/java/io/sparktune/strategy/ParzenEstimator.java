package io.sparktune.strategy;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.special.Erf;

/**
 * A Parzen-window density over a search space's points (Bergstra et al. 2011, "Algorithms for
 * Hyper-Parameter Optimization"; the kernels and bandwidths as in Watanabe 2023, "Tree-structured Parzen
 * Estimator: Understanding Its Algorithm Components"), as Optuna 5.0 builds it with its defaults, which
 * a golden test checks value for value: one component per observed point plus a prior component spanning
 * the whole space, equally weighted. A numeric dimension (a range, log-transformed when log) gets a
 * Gaussian kernel truncated to its bounds, whose width is the point's distance to its farther neighbour
 * (the end points' to their only one); a discrete one (whole numbers, a step, an ordered list's indices)
 * the kernel's mass over each value's interval; a categorical one (a list of values) a kernel that keeps
 * most of its mass on the observed value and spreads the rest evenly, the more the fewer the observations.
 *
 * <p>Multivariate (one joint kernel per observation, Optuna's default since 5.0): a component is drawn,
 * then every dimension from that component, so values that did well together are proposed together.
 * Univariate: each dimension is a mixture of its own.
 */
final class ParzenEstimator {
    /**
     * The kind and bounds of each dimension: a numeric one has {@code low < high} (log-transformed when
     * {@code log}, widened by half a step when discrete) and a {@code step} between its values in the
     * untransformed space (0 when continuous); a categorical one {@code choices > 0}.
     */
    record Dimension(double low, double high, int choices, double step, boolean log) {
        static Dimension numeric(double low, double high, double step, boolean log) {
            return new Dimension(low, high, 0, step, log);
        }

        static Dimension categorical(int choices) {
            return new Dimension(0, 0, choices, 0, false);
        }

        boolean isDiscrete() {
            return step > 0;
        }

        double forward(double v) {
            return log ? Math.log(v) : v;
        }

        double backward(double x) {
            return log ? Math.exp(x) : x;
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
    /**
     * Each numeric kernel's log normaliser, fixed per kernel: the mass inside the bounds, and for a
     * continuous dimension the Gaussian's own.
     */
    private final double[][] logNorms;
    private final int observations;
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
                bandwidths(k, dim, n);
            }
        }
        observations = n;
        logNorms = new double[n + 1][d];
        for (int c = 0; c <= n; c++) {
            for (int k = 0; k < d; k++) {
                Dimension dim = dimensions.get(k);
                if (!dim.isCategorical()) {
                    double mu = centers[c][k];
                    double sigma = sigmas[c][k];
                    double mass = mass(dim.low(), dim.high(), mu, sigma);
                    logNorms[c][k] = Math.log(Math.max(mass, 1e-300))
                            + (dim.isDiscrete() ? 0 : Math.log(sigma * Math.sqrt(2 * Math.PI)));
                }
            }
        }
    }

    /**
     * Each point's distance to its farther neighbour among the sorted points, the end points' to their only
     * neighbour (a lone point's to the farther bound), kept between the range / min(100, n + 2) and the
     * whole range, so no kernel collapses onto a point (Optuna's rule, its endpoints not considered).
     */
    private void bandwidths(int k, Dimension dim, int n) {
        double min = dim.width() / Math.min(100, n + 2);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i + 1;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(centers[a][k], centers[b][k]));
        for (int r = 0; r < n; r++) {
            double here = centers[order[r]][k];
            double left = here - (r == 0 ? dim.low() : centers[order[r - 1]][k]);
            double right = (r == n - 1 ? dim.high() : centers[order[r + 1]][k]) - here;
            double sigma = n >= 2 && r == 0 ? right : n >= 2 && r == n - 1 ? left : Math.max(left, right);
            sigmas[order[r]][k] = clamp(sigma, min, dim.width());
        }
    }

    /** The mass of a Gaussian kernel between two points. */
    private static double mass(double from, double to, double mu, double sigma) {
        return 0.5 * (Erf.erf((to - mu) / (sigma * Math.sqrt(2))) - Erf.erf((from - mu) / (sigma * Math.sqrt(2))));
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
            if (center < 0 || random.nextDouble() < spread(dim)) {
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
                return snap(dim, x);
            }
        }
        return snap(dim, clamp(mu, dim.low(), dim.high()));
    }

    /** A discrete dimension's draw on its nearest value, so its density is that value's mass. */
    private static double snap(Dimension dim, double x) {
        if (!dim.isDiscrete()) {
            return x;
        }
        double first = dim.backward(dim.low()) + dim.step() / 2;
        double last = dim.backward(dim.high()) - dim.step() / 2;
        double v = first + Math.round((dim.backward(x) - first) / dim.step()) * dim.step();
        return dim.forward(Math.max(first, Math.min(last, v)));
    }

    /**
     * The mass a categorical kernel spreads evenly over all values: choices / (n + 1 + choices) for n
     * observations, much with few of them, little with many (Optuna's prior weight 1 shared by the kernels).
     */
    private double spread(Dimension dim) {
        return dim.choices() / (observations + 1.0 + dim.choices());
    }

    private double logKernel(int k, int component, double x) {
        Dimension dim = dimensions.get(k);
        if (dim.isCategorical()) {
            int center = (int) centers[component][k];
            if (center < 0 || dim.choices() == 1) {
                return -Math.log(dim.choices());
            }
            double spread = spread(dim);
            double p = (int) x == center ? 1 - spread + spread / dim.choices() : spread / dim.choices();
            return Math.log(p);
        }
        double mu = centers[component][k];
        double sigma = sigmas[component][k];
        if (dim.isDiscrete()) {
            double v = dim.backward(x);
            double mass = mass(dim.forward(v - dim.step() / 2), dim.forward(v + dim.step() / 2), mu, sigma);
            return Math.log(Math.max(mass, 1e-300)) - logNorms[component][k];
        }
        double z = (x - mu) / sigma;
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
