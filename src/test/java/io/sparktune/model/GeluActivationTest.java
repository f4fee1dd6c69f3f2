package io.sparktune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GeluActivationTest {

    @Test
    void theGradientIsDl4jsWhereThatIsFiniteAndOneOrZeroFarOut() {
        float[] x = {-100, -20, -5, -1, -0.1f, 0, 0.1f, 1, 5, 20, 60, 100};
        INDArray ones = Nd4j.ones(x.length);
        float[] ours = new GeluActivation().backprop(Nd4j.create(x), ones.dup()).getFirst().data().asFloat();
        float[] dl4j = new ActivationGELU().backprop(Nd4j.create(x), ones.dup()).getFirst().data().asFloat();
        assertTrue(Float.isNaN(dl4j[x.length - 1]), "DL4J's own gives NaN at 100 (if not, this class can go)");
        for (int i = 0; i < x.length; i++) {
            assertTrue(Float.isFinite(ours[i]), "finite at " + x[i]);
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(dl4j, 1, 10), java.util.Arrays.copyOfRange(ours, 1, 10), 1e-6f);
        assertArrayEquals(new float[] {0, 1, 1}, new float[] {ours[0], ours[10], ours[11]}, 1e-6f);
        assertArrayEquals(new ActivationGELU().getActivation(Nd4j.create(x), true).data().asFloat(),
                new GeluActivation().getActivation(Nd4j.create(x), true).data().asFloat(), "the forward pass is DL4J's");
    }
}
