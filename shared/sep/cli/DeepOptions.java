package sep.cli;

import picocli.CommandLine.Option;
import sep.models.deep.Architecture;
import sep.models.deep.DeepConfig;

/**
 * The hyperparameters of the deep recognisers as command-line options (a picocli mixin). An option left out takes
 * the chosen network's default ({@link DeepConfig#defaults}), listed by {@link #defaultsTable()} under --help.
 */
public final class DeepOptions {
    @Option(names = "--model", defaultValue = "cnn", description = "Network: ann, cnn, resnet, efficientnet (default: ${DEFAULT-VALUE}). "
            + "Options left out take this network's defaults (table below).")
    String model;

    @Option(names = "--crop-frames", description = "Training crop and inference window in frames "
            + "(188 = 3 s).")
    Integer cropFrames;

    @Option(names = "--epochs", description = "Maximum epochs.")
    Integer epochs;

    @Option(names = "--batch-size", description = "Crops per step.")
    Integer batchSize;

    @Option(names = "--lr", description = "Peak learning rate.")
    Double learningRate;

    @Option(names = "--weight-decay", description = "Weight decay.")
    Double weightDecay;

    @Option(names = "--optimizer", description = "adam or adamw.")
    String optimizer;

    @Option(names = "--schedule", description = "Learning-rate schedule after warm-up: cosine or "
            + "constant.")
    String schedule;

    @Option(names = "--warmup-epochs", description = "Linear warm-up epochs.")
    Integer warmupEpochs;

    @Option(names = "--patience", description = "Early stopping: epochs without a better validation UA; "
            + "0 = never.")
    Integer patience;

    @Option(names = "--class-weights", negatable = true, fallbackValue = "true",
            description = "Weight the loss by inverse class frequency.")
    Boolean classWeights;

    @Option(names = "--freq-masks", description = "SpecAugment frequency masks per crop.")
    Integer freqMasks;

    @Option(names = "--freq-mask-width", description = "Maximum frequency mask width in bands.")
    Integer freqMaskWidth;

    @Option(names = "--time-masks", description = "SpecAugment time masks per crop.")
    Integer timeMasks;

    @Option(names = "--time-mask-width", description = "Maximum time mask width in frames.")
    Integer timeMaskWidth;

    @Option(names = "--dropout", description = "Dropout before the classifier.")
    Double dropout;

    @Option(names = "--width", description = "Base channel count (ANN: hidden units / 16); a multiple of 8 for the convolutional networks.")
    Integer width;

    @Option(names = "--normalisation", description = "band (per-band z-score fitted on training clips) "
            + "or utterance (each clip's own per-band statistics).")
    String normalisation;

    @Option(names = "--mixup", description = "Mixup strength alpha (blend weights drawn from Beta(alpha, alpha)); "
            + "0 = off.")
    Double mixup;

    @Option(names = "--max-batches", description = "Steps per epoch at most, 0 = all; to test the script "
            + "(default: ${DEFAULT-VALUE}).")
    Integer maxBatches;

    public DeepConfig toConfig(long seed) {
        DeepConfig.Builder b = DeepConfig.builder(Architecture.fromId(model)).seed(seed);
        if (cropFrames != null) b.cropFrames(cropFrames);
        if (epochs != null) b.epochs(epochs);
        if (batchSize != null) b.batchSize(batchSize);
        if (learningRate != null) b.learningRate(learningRate);
        if (weightDecay != null) b.weightDecay(weightDecay);
        if (optimizer != null) b.optimizer(optimizer);
        if (schedule != null) b.schedule(schedule);
        if (warmupEpochs != null) b.warmupEpochs(warmupEpochs);
        if (patience != null) b.patience(patience);
        if (classWeights != null) b.classWeights(classWeights);
        if (freqMasks != null) b.freqMasks(freqMasks);
        if (freqMaskWidth != null) b.freqMaskWidth(freqMaskWidth);
        if (timeMasks != null) b.timeMasks(timeMasks);
        if (timeMaskWidth != null) b.timeMaskWidth(timeMaskWidth);
        if (dropout != null) b.dropout(dropout);
        if (width != null) b.width(width);
        if (normalisation != null) b.normalisation(normalisation);
        if (maxBatches != null) b.maxBatches(maxBatches);
        if (mixup != null) b.mixup(mixup);
        return b.build();
    }

    /** The defaults of every network, one row each, for the --help footer. */
    public static String defaultsTable() {
        StringBuilder out = new StringBuilder("%nDefaults per network:%n");
        for (Architecture a : Architecture.values()) {
            DeepConfig d = DeepConfig.defaults(a);
            out.append(String.format(java.util.Locale.ROOT, "  %-12s crop %d, epochs %d, batch %d, lr %s, weight decay %s, %s, %s, "
                            + "warm-up %d, patience %d, class weights %s, masks %dx%d freq / %dx%d time, dropout %s, width %d, %s, mixup %s%n",
                    a.id(), d.cropFrames(), d.epochs(), d.batchSize(), d.learningRate(), d.weightDecay(), d.optimizer(), d.schedule(),
                    d.warmupEpochs(), d.patience(), d.classWeights(), d.freqMasks(), d.freqMaskWidth(), d.timeMasks(),
                    d.timeMaskWidth(), d.dropout(), d.width(), d.normalisation(), d.mixup()));
        }
        return out.toString();
    }
}
