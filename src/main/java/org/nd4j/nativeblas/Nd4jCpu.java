package org.nd4j.nativeblas;

/**
 * Compatibility class for DL4J 1.0.0-M2.1, whose oneDNN helpers ({@code BaseMKLDNNHelper.mklDnnEnabled})
 * ask {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()} whether oneDNN is present. M2.1 moved
 * that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method
 * {@code isUseONEDNN()}, so the lookup always failed and convolutions never used oneDNN. This class answers
 * under the old name with the real value. Remove it when DL4J is upgraded past the bug.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** Looked up by name and called by reflection from DL4J. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
