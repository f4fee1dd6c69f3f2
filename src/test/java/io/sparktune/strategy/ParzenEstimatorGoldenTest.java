package io.sparktune.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Parzen estimator against Optuna's own, value for value: src/test/resources/tpe-golden holds the
 * log densities Optuna 5.0.0's estimator gives at fixed points from fixed observations (linear, log,
 * whole-number, step and categorical dimensions, alone and joint), and the script that computed them.
 * TPE proposes by the ratio of two such densities, so equal densities mean equal proposals from equal
 * candidates.
 */
class ParzenEstimatorGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/tpe-golden/optuna-5.0.0.json");

    private static ParzenEstimator.Dimension dimension(JsonNode d) {
        if (d.get("kind").asText().equals("categorical")) {
            return ParzenEstimator.Dimension.categorical(d.get("choices").asInt());
        }
        boolean log = d.get("log").asBoolean();
        double step = d.get("step").isNull() ? 0 : d.get("step").asDouble();
        double low = d.get("low").asDouble() - step / 2;
        double high = d.get("high").asDouble() + step / 2;
        return ParzenEstimator.Dimension.numeric(log ? Math.log(low) : low, log ? Math.log(high) : high, step, log);
    }

    /** A point as the estimator takes it: log-transformed where the dimension is log, a category by its index. */
    private static double[] point(JsonNode values, List<ParzenEstimator.Dimension> dimensions) {
        double[] point = new double[dimensions.size()];
        for (int k = 0; k < point.length; k++) {
            point[k] = dimensions.get(k).forward(values.get(k).asDouble());
        }
        return point;
    }

    @Test
    void logDensitiesEqualOptunasOnEveryKindOfDimension() throws Exception {
        JsonNode golden = new ObjectMapper().readTree(GOLDEN.toFile());
        int checked = 0;
        for (JsonNode c : golden.get("cases")) {
            List<ParzenEstimator.Dimension> dimensions = new ArrayList<>();
            c.get("dimensions").forEach(d -> dimensions.add(dimension(d)));
            List<double[]> observations = new ArrayList<>();
            c.get("observations").forEach(o -> observations.add(point(o, dimensions)));
            ParzenEstimator estimator = new ParzenEstimator(dimensions, observations, true);
            for (int i = 0; i < c.get("points").size(); i++) {
                double expected = c.get("log_density").get(i).asDouble();
                double actual = estimator.logDensity(point(c.get("points").get(i), dimensions));
                assertEquals(expected, actual, 1e-9, c.get("name").asText() + ", point " + c.get("points").get(i));
                checked++;
            }
        }
        assertEquals(30, checked, "every golden value compared");
    }
}
