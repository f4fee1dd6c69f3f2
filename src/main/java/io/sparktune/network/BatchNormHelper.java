package io.sparktune.network;

import io.sparktune.model.PlainFloats;
import java.lang.reflect.Field;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's oneDNN batch-norm helper with the two parts of training that were slow done here, for float NCHW
 * minibatches in plain layout. DL4J computes the minibatch's per-channel mean and variance as two ND4J
 * reductions that stride across the array (16 ms for 64x32x32x32 against 2.5 ms here), and oneDNN runs the
 * backward pass with its plain-layout kernel (30 ms against 4 ms here): together about a third of a training
 * step of the family's strong network. oneDNN still normalises, with exactly the statistics DL4J would give
 * it; the statistics go into DL4J's helper's own caches (private fields, reached by reflection as the
 * helper itself is), which the layer reads to update its running averages. Inference, and any other layout
 * or type, is left entirely to DL4J's helper.
 */
public final class BatchNormHelper extends MKLDNNBatchNormHelper {
    private static final Field HELPER = Dl4jField.of(BatchNormalization.class, "helper");
    private static final Field MEAN_CACHE = Dl4jField.of(MKLDNNBatchNormHelper.class, "meanCache");
    private static final Field VAR_CACHE = Dl4jField.of(MKLDNNBatchNormHelper.class, "varCache");

    private long statisticsHere;
    private long backwardHere;

    private BatchNormHelper(DataType dataType) {
        super(dataType);
    }

    /** Gives every batch-norm layer of {@code layers} that uses DL4J's oneDNN helper this one instead. */
    static void install(List<Layer> layers) {
        for (Layer layer : layers) {
            if (layer instanceof BatchNormalization norm && norm.getHelper() instanceof MKLDNNBatchNormHelper
                    && !(norm.getHelper() instanceof BatchNormHelper)) {
                try {
                    HELPER.set(norm, new BatchNormHelper(DataType.FLOAT));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot set the batch-norm helper of DL4J " + norm, e);
                }
            }
        }
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        if (!training || !plain(x, format)) {
            return super.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        INDArray meanCache = cache(MEAN_CACHE, x.size(1));
        INDArray varCache = cache(VAR_CACHE, x.size(1));
        statistics(x, meanCache, varCache);
        statisticsHere++;
        // DL4J's helper hands oneDNN the statistics it computed; this hands it the same ones.
        return super.preOutput(x, false, shape, gamma, beta, meanCache, varCache, decay, eps, format, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        INDArray mean = getMeanCache(x.dataType());
        INDArray var = getVarCache(x.dataType());
        if (!plain(x, format) || !plain(epsilon, format) || gamma == null || mean == null || var == null
                || mean.length() != x.size(1) || !Arrays.equals(x.shape(), epsilon.shape())) {
            return super.backpropGradient(x, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        backward(x, epsilon, mean, var, gamma, eps, dx, dGammaView, dBetaView);
        backwardHere++;
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    /** How many training minibatches had their statistics, and their backward pass, computed here. */
    long[] computedHere() {
        return new long[] {statisticsHere, backwardHere};
    }

    /**
     * The helper's own cache of a statistic, made here if it has none of this size yet, so that every
     * training step, the first of a network read back from a checkpoint included, computes the same way.
     */
    private INDArray cache(Field field, long channels) {
        try {
            INDArray cache = (INDArray) field.get(this);
            if (cache == null || cache.length() != channels) {
                cache = Nd4j.createUninitializedDetached(DataType.FLOAT, channels);
                field.set(this, cache);
            }
            return cache;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach DL4J's batch-norm statistics cache", e);
        }
    }

    private static boolean plain(INDArray array, CNN2DFormat format) {
        return array.rank() == 4 && format == CNN2DFormat.NCHW && PlainFloats.of(array);
    }

    /**
     * Biased (population) variance, as DL4J's helper and oneDNN use, summed in double about each channel's
     * first value so that a large mean against a small spread loses no precision.
     */
    static void statistics(INDArray x, INDArray meanOut, INDArray varOut) {
        int channels = (int) x.size(1);
        int area = (int) (x.size(2) * x.size(3));
        FloatBuffer values = x.data().asNioFloat();
        int offset = (int) x.offset();
        double count = (double) x.size(0) * area;
        for (int c = 0; c < channels; c++) {
            float shift = values.get(offset + c * area);
            double[] sums = channelSums(x, c, values, offset, shift, values, offset, shift);
            double shiftedMean = sums[0] / count;
            meanOut.putScalar(c, shift + shiftedMean);
            varOut.putScalar(c, Math.max(0, sums[1] / count - shiftedMean * shiftedMean));
        }
    }

    /**
     * Batch norm's backward pass over the minibatch statistics, per channel: with y = gamma * xhat + beta and
     * xhat = (x - mean) / sqrt(var + eps), dbeta = sum(dy), dgamma = sum(dy * xhat), and
     * dx = gamma / sqrt(var + eps) * (dy - dbeta / m - xhat * dgamma / m) over the m values of the channel.
     */
    static void backward(INDArray x, INDArray dy, INDArray mean, INDArray var, INDArray gamma, double eps,
                         INDArray dx, INDArray dGamma, INDArray dBeta) {
        int n = (int) x.size(0);
        int channels = (int) x.size(1);
        int area = (int) (x.size(2) * x.size(3));
        FloatBuffer in = x.data().asNioFloat();
        FloatBuffer grad = dy.data().asNioFloat();
        FloatBuffer out = dx.data().asNioFloat();
        int inOffset = (int) x.offset();
        int gradOffset = (int) dy.offset();
        int outOffset = (int) dx.offset();
        double count = (double) n * area;
        // Whole blocks copied in and out of plain arrays: the loops over them compile to vector code.
        float[] gradBlock = new float[area];
        float[] inBlock = new float[area];
        float[] outBlock = new float[area];
        for (int c = 0; c < channels; c++) {
            float mu = mean.getFloat(c);
            double[] sums = channelSums(x, c, grad, gradOffset, 0, in, inOffset, mu);
            double gradSum = sums[0];
            double gradDotCentred = sums[1];
            double inverseStd = 1 / Math.sqrt(var.getDouble(c) + eps);
            double scale = gamma.getDouble(c) * inverseStd;
            dBeta.putScalar(c, gradSum);
            dGamma.putScalar(c, gradDotCentred * inverseStd);
            // dx = a * dy + b * x + d, with the channel's constants folded once.
            float a = (float) scale;
            float b = (float) (-scale * inverseStd * inverseStd * gradDotCentred / count);
            float d = (float) (-scale * gradSum / count - b * mu);
            for (int i = 0; i < n; i++) {
                int block = (i * channels + c) * area;
                grad.get(gradOffset + block, gradBlock, 0, area);
                in.get(inOffset + block, inBlock, 0, area);
                for (int k = 0; k < area; k++) {
                    outBlock[k] = a * gradBlock[k] + b * inBlock[k] + d;
                }
                out.put(outOffset + block, outBlock, 0, area);
            }
        }
    }

    /**
     * Over channel {@code c} of NCHW arrays shaped as {@code shape}: the sums of (u - uShift) and of
     * (u - uShift) * (v - vShift), kept in double.
     */
    private static double[] channelSums(INDArray shape, int c, FloatBuffer u, int uOffset, float uShift,
                                        FloatBuffer v, int vOffset, float vShift) {
        int n = (int) shape.size(0);
        int channels = (int) shape.size(1);
        int area = (int) (shape.size(2) * shape.size(3));
        float[] uBlock = new float[area];
        float[] vBlock = new float[area];
        double sum = 0;
        double products = 0;
        for (int i = 0; i < n; i++) {
            int block = (i * channels + c) * area;
            u.get(uOffset + block, uBlock, 0, area);
            v.get(vOffset + block, vBlock, 0, area);
            double s0 = 0;
            double s1 = 0;
            double p0 = 0;
            double p1 = 0;
            int k = 0;
            for (; k + 1 < area; k += 2) {
                double a = uBlock[k] - uShift;
                double b = uBlock[k + 1] - uShift;
                s0 += a;
                s1 += b;
                p0 += a * (vBlock[k] - vShift);
                p1 += b * (vBlock[k + 1] - vShift);
            }
            if (k < area) {
                double a = uBlock[k] - uShift;
                s0 += a;
                p0 += a * (vBlock[k] - vShift);
            }
            sum += s0 + s1;
            products += p0 + p1;
        }
        return new double[] {sum, products};
    }
}
