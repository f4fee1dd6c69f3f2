package io.sparktune.model;

import io.sparktune.input.SpecException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry: every hyperparameter of the network, declared once, in the order of the tables' columns.
 * A new hyperparameter is one declaration here (and its entry in {@link #ALL}) plus its use where the
 * network is built; the spec, the tables, the console and the README follow from the declaration.
 */
public final class Hyperparameters {
    public static final Hyperparameter<Double> LEARNING_RATE = Hyperparameter.real("learning_rate", 0.001)
            .valid(v -> v > 0 && Double.isFinite(v), "a number > 0")
            .doc("The optimizer's step size.").shortName("lr");
    public static final Hyperparameter<Integer> BATCH_SIZE = Hyperparameter.integer("batch_size", 64)
            .valid(v -> v >= 1 && v <= 65536, "an integer from 1 to 65536")
            .doc("Images per training step; where the training images do not divide evenly, an epoch's minibatches"
                    + " are sized evenly instead (8,001 by 64: 126 of 63 or 64), so no step trains on a scrap.")
            .shortName("batch");
    public static final Hyperparameter<Integer> FILTERS = Hyperparameter.integer("filters", 32)
            .valid(v -> v >= 1 && v <= 4096, "an integer from 1 to 4096")
            .doc("Filters of the first conv block; block i has filters * 2^i.").only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<String> BLOCK_WIDTHS = Hyperparameter.integerList("block_widths")
            .valid(v -> IntegerList.isValid(v) && java.util.Arrays.stream(IntegerList.of(v))
                    .allMatch(w -> w >= 1 && w <= 4096), "a list of filter counts from 1 to 4096, one per conv block")
            .doc("Filters of each conv block, e.g. [64, 256, 256] for 3 blocks, in place of filters * 2^i: one"
                    + " number per block, as many as conv_layers. [] (the default) is off.").shortName("widths").only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Integer> CONV_LAYERS = Hyperparameter.integer("conv_layers", 1)
            .valid(v -> v >= 1 && v <= 8, "an integer from 1 to 8")
            .doc("Conv blocks, each convs_per_block convolutions then a 2x2 max-pool.")
            .only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Integer> CONVS_PER_BLOCK = Hyperparameter.integer("convs_per_block", 1)
            .valid(v -> v >= 1 && v <= 3, "an integer from 1 to 3")
            .doc("Convolutions in each block before its pooling (2 or 3 make VGG-style blocks).")
            .shortName("convs").only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Integer> KERNEL_SIZE = Hyperparameter.integer("kernel_size", 3)
            .valid(v -> v >= 1 && v <= 15, "an integer from 1 to 15")
            .doc("Side of every convolution's square kernel.").shortName("kernel")
            .only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Padding> PADDING = Hyperparameter.choice("padding", Padding.class, Padding.VALID)
            .doc("valid: no padding, each convolution shrinks the map by kernel_size - 1; same: zero-padded to"
                    + " keep its size.").shortName("pad").only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<BlockOrder> BLOCK_ORDER =
            Hyperparameter.choice("block_order", BlockOrder.class, BlockOrder.CONV_BN_ACT_POOL)
                    .doc("conv_bn_act_pool: each block pools after its last convolution; conv_pool_bn_act (airbench's):"
                            + " right after its first, before that convolution's batch norm and activation.")
                    .shortName("order").only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Boolean> PATCH_WHITENING = Hyperparameter.flag("patch_whitening", false)
            .doc("A frozen 2x2 convolution before the conv blocks whose 2 x 4 x channels filters whiten the"
                    + " training images' 2x2 patches (their covariance's eigenvectors over 5,000 images, each scaled"
                    + " by 1/sqrt(eigenvalue + 0.0005), and their negations), then the activation.")
            .shortName("whiten").only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Boolean> BATCH_NORM = Hyperparameter.flag("batch_norm", false)
            .doc("Batch normalisation after each convolution and the dense layer, before the activation;"
                    + " validation and test use the running statistics.").shortName("bn")
                            .only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Double> BATCH_NORM_MOMENTUM = Hyperparameter.real("batch_norm_momentum", 0.9)
            .valid(v -> v >= 0 && v < 1, "a number in [0, 1)")
            .doc("The share of batch norm's running mean and variance each training step keeps (Keras's momentum,"
                    + " DL4J's decay; PyTorch's momentum is 1 minus this: airbench's 0.6 is 0.4 here).")
            .shortName("bn_mom").only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Head> HEAD = Hyperparameter.choice("head", Head.class, Head.DENSE)
            .doc("After the conv blocks: dense (flatten, a dense layer of dense_units), global_avg or global_max"
                    + " (the average or the maximum of each channel, straight into the softmax layer).")
                            .only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Integer> DENSE_UNITS = Hyperparameter.integer("dense_units", 128)
            .valid(v -> v >= 1 && v <= 65536, "an integer from 1 to 65536")
            .doc("Units of the dense layer before the softmax (head dense only).").shortName("dense")
            .only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Activation> ACTIVATION =
            Hyperparameter.choice("activation", Activation.class, Activation.RELU)
                    .doc("Activation of the conv and dense layers (any spelling: ReLU, leaky_relu).")
                    .only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<WeightInitScheme> WEIGHT_INIT =
            Hyperparameter.choice("weight_init", WeightInitScheme.class, WeightInitScheme.XAVIER)
                    .doc("Initial weights: xavier (Glorot uniform, as Keras's default) or he (He uniform, for"
                            + " relu and leakyrelu).").shortName("init").only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Double> DROPOUT = Hyperparameter.real("dropout", 0.0)
            .valid(v -> v >= 0 && v < 1, "in [0, 1): the probability of dropping a unit")
            .doc("Probability of dropping a dense unit before the softmax layer.")
            .only(Hyperparameter.Networks.BUILT_IN);
    public static final Hyperparameter<Optimizer> OPTIMIZER =
            Hyperparameter.choice("optimizer", Optimizer.class, Optimizer.ADAM)
                    .doc("Gradient updater; nesterovs is SGD with Nesterov momentum (see momentum).").shortName("opt");
    public static final Hyperparameter<Double> MOMENTUM = Hyperparameter.real("momentum", 0.9)
            .valid(v -> v >= 0 && v < 1, "a number in [0, 1)")
            .doc("Momentum of the nesterovs optimizer (the others have none to set).").shortName("mom");
    public static final Hyperparameter<Integer> LOOKAHEAD_STEPS = Hyperparameter.integer("lookahead_steps", 0)
            .valid(v -> v >= 0 && v <= 10000, "a number of training steps from 0 (off) to 10000")
            .doc("Lookahead around the optimizer: every this many steps, slow weights move lookahead_alpha of the way"
                    + " to the weights reached and training goes on from them; each epoch ends on the slow weights.")
            .shortName("la_k");
    public static final Hyperparameter<Double> LOOKAHEAD_ALPHA = Hyperparameter.real("lookahead_alpha", 0.5)
            .valid(v -> v > 0 && v <= 1, "a number in (0, 1]")
            .doc("The share of the way lookahead's slow weights move towards the fast ones at each sync.")
            .shortName("la_alpha");
    public static final Hyperparameter<Double> L2 = Hyperparameter.real("l2", 0.0)
            .valid(v -> v >= 0 && Double.isFinite(v), "a number >= 0")
            .doc("L2 penalty on the weights, added to the loss (so Adam scales it with the gradients).");
    public static final Hyperparameter<Double> WEIGHT_DECAY = Hyperparameter.real("weight_decay", 0.0)
            .valid(v -> v >= 0 && v < 1, "a number in [0, 1)")
            .doc("Decoupled weight decay, as AdamW: each step shrinks the weights by learning rate x this.")
            .shortName("wd");
    public static final Hyperparameter<LrSchedule> LR_SCHEDULE =
            Hyperparameter.choice("lr_schedule", LrSchedule.class, LrSchedule.CONSTANT)
                    .doc("constant, cosine (annealed to zero over the trial's epochs) or step (x0.1 at 50% and"
                            + " again at 75% of them); under halving it spans max_epochs.").shortName("sched");
    public static final Hyperparameter<Integer> WARMUP_EPOCHS = Hyperparameter.integer("warmup_epochs", 0)
            .valid(v -> v >= 0 && v <= 10000, "a number of epochs from 0 (off) to 10000")
            .doc("Epochs over which the learning rate rises linearly from near 0 before the schedule starts.")
            .shortName("warmup");
    public static final Hyperparameter<Normalization> NORMALIZE =
            Hyperparameter.choice("normalize", Normalization.class, Normalization.NONE)
                    .doc("none (pixels in [0, 1]) or per_channel (mean and standard deviation of the training"
                            + " images, applied to validation and test images too).").shortName("norm");
    public static final Hyperparameter<Integer> EPOCHS = Hyperparameter.integer("epochs", 5)
            .valid(v -> v >= 1 && v <= 10000, "an integer from 1 to 10000")
            .doc("Passes over the training images (under halving, set by the rungs).");
    public static final Hyperparameter<Boolean> AUGMENT_FLIP = Hyperparameter.flag("augment_flip", false)
            .doc("Mirror each training image left-right with probability 1/2.").shortName("flip");
    public static final Hyperparameter<Integer> AUGMENT_CROP = Hyperparameter.integer("augment_crop", 0)
            .valid(v -> v >= 0 && v <= 64, "the padding in pixels of the random crop, from 0 (off) to 64")
            .doc("Pad training images by this many zero pixels and crop back at a random offset.")
            .shortName("crop");
    public static final Hyperparameter<Double> AUGMENT_SCALE = Hyperparameter.real("augment_scale", 1.0)
            .valid(v -> v >= 0.05 && v <= 1, "the smallest share of the area a crop keeps, from 0.05 to 1 (off)")
            .doc("Cut each training image to a random region of at least this share of its area (aspect 3:4 to"
                    + " 4:3) and stretch it back to full size, as random-resized crops; 1 is off.")
            .shortName("scale");
    public static final Hyperparameter<Boolean> ALTERNATE_FLIP = Hyperparameter.flag("alternate_flip", false)
            .doc("With augment_flip, mirror each training image in every other epoch (at random in the first, the"
                    + " opposite of its previous epoch after), so every image is seen both ways in any two epochs.")
            .shortName("alt_flip");
    public static final Hyperparameter<Double> LABEL_SMOOTHING = Hyperparameter.real("label_smoothing", 0.0)
            .valid(v -> v >= 0 && v < 1, "a number in [0, 1)")
            .doc("Training targets give the true class 1 - this plus this / classes and every other class this /"
                    + " classes; validation and test losses stay on the true labels.").shortName("smooth");
    public static final Hyperparameter<ClassWeights> CLASS_WEIGHTS =
            Hyperparameter.choice("class_weights", ClassWeights.class, ClassWeights.NONE)
                    .doc("How much each training image's loss counts by its class: none (alike) or balanced (by inverse"
                            + " class frequency, n / (classes x n_class)), for classes of very different sizes.")
                    .shortName("weights");
    public static final Hyperparameter<TestTimeAugmentation> TTA =
            Hyperparameter.choice("tta", TestTimeAugmentation.class, TestTimeAugmentation.NONE)
                    .doc("Validation and test score the class probabilities averaged over views of each image: none,"
                            + " mirror (it and its mirror image) or mirror_translate (those, and both shifted one pixel"
                            + " up-left and down-right at half their weight; six forward passes).");
    public static final Hyperparameter<Integer> EARLY_STOPPING_PATIENCE =
            Hyperparameter.integer("early_stopping_patience", 0)
                    .valid(v -> v >= 0, "a number of epochs, 0 (off) or more")
                    .doc("End a trial once validation loss has not improved for this many epochs; 0 is off.")
                    .shortName("patience");
    public static final Hyperparameter<Integer> STUCK_EPOCHS = Hyperparameter.integer("stuck_epochs", 2)
            .valid(v -> v >= 0 && v <= 10000, "a number of epochs from 0 (off) to 10000")
            .doc("End a trial as stuck once its validation accuracy has stayed within 1 point of chance"
                    + " (1/classes) for this many epochs in a row; 0 is off.")
            .shortName("stuck");

    public static final Hyperparameter<Integer> FREEZE_LAYERS = Hyperparameter.integer("freeze_layers", 0)
            .valid(v -> v >= 0 && v <= 10000, "a number of layers from 0 (train all) to 10000")
            .doc("Layers of a pretrained network, counted from its input, whose weights stay as they were (in a"
                    + " graph, that many layers in the graph's order and all they depend on); or the name of the"
                    + " last layer to freeze, which the spec reader turns into its count.")
            .shortName("frozen").only(Hyperparameter.Networks.PRETRAINED);

    /** Every hyperparameter, in column order. */
    public static final List<Hyperparameter<?>> ALL = List.of(LEARNING_RATE, BATCH_SIZE, FILTERS, BLOCK_WIDTHS,
            CONV_LAYERS, CONVS_PER_BLOCK, KERNEL_SIZE, PADDING, BLOCK_ORDER, PATCH_WHITENING, BATCH_NORM,
            BATCH_NORM_MOMENTUM, HEAD, DENSE_UNITS, ACTIVATION, WEIGHT_INIT, DROPOUT, OPTIMIZER, MOMENTUM,
            LOOKAHEAD_STEPS, LOOKAHEAD_ALPHA, L2, WEIGHT_DECAY, LR_SCHEDULE, WARMUP_EPOCHS, NORMALIZE, EPOCHS,
            AUGMENT_FLIP, AUGMENT_CROP, AUGMENT_SCALE, ALTERNATE_FLIP, LABEL_SMOOTHING, CLASS_WEIGHTS, TTA,
            EARLY_STOPPING_PATIENCE, STUCK_EPOCHS, FREEZE_LAYERS);

    private Hyperparameters() {
    }

    /** The hyperparameter with exactly this spec name, if any. */
    static Optional<Hyperparameter<?>> named(String specName) {
        return ALL.stream().filter(h -> h.specName().equals(specName)).findFirst();
    }

    /** The hyperparameter a spec names (any case), or an error at {@code field} listing them all. */
    public static Hyperparameter<?> fromSpec(String name, String field) {
        return named(name.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new SpecException(field, "'" + name + "' is not a searchable hyperparameter;"
                        + " searchable: " + allowed()));
    }

    public static String allowed() {
        return ALL.stream().map(Hyperparameter::specName).collect(Collectors.joining(", "));
    }

    /** The position of {@code h} among {@link #ALL}: where {@link ModelConfig} keeps its value. */
    static int indexOf(Hyperparameter<?> h) {
        int i = ALL.indexOf(h);
        if (i < 0) {
            throw new IllegalArgumentException(h + " is declared but not registered in Hyperparameters.ALL");
        }
        return i;
    }
}
