package sep.cli;

import picocli.CommandLine.Option;
import sep.models.deep.Architecture;
import sep.models.deep.DeepConfig;

/**
 * The hyperparameters of the deep recognisers as command-line options (a picocli mixin). The defaults are
 * {@link DeepConfig#defaults}; a test keeps the two equal.
 */
public final class DeepOptions {
    @Option(names = "--model", defaultValue = "cnn", description = "Network: ann, cnn, resnet, efficientnet (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--crop-frames", defaultValue = "188", description = "Training crop and inference window in frames "
            + "(188 = 3 s) (default: ${DEFAULT-VALUE}).")
    int cropFrames;

    @Option(names = "--epochs", defaultValue = "60", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Crops per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--optimizer", defaultValue = "adamw", description = "adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--schedule", defaultValue = "cosine", description = "Learning-rate schedule after warm-up: cosine or "
            + "constant (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--warmup-epochs", defaultValue = "3", description = "Linear warm-up epochs (default: ${DEFAULT-VALUE}).")
    int warmupEpochs;

    @Option(names = "--patience", defaultValue = "15", description = "Early stopping: epochs without a better validation UA; "
            + "0 = never (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--class-weights", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Weight the loss by inverse class frequency (default: ${DEFAULT-VALUE}).")
    boolean classWeights;

    @Option(names = "--freq-masks", defaultValue = "2", description = "SpecAugment frequency masks per crop (default: ${DEFAULT-VALUE}).")
    int freqMasks;

    @Option(names = "--freq-mask-width", defaultValue = "16", description = "Maximum frequency mask width in bands (default: ${DEFAULT-VALUE}).")
    int freqMaskWidth;

    @Option(names = "--time-masks", defaultValue = "2", description = "SpecAugment time masks per crop (default: ${DEFAULT-VALUE}).")
    int timeMasks;

    @Option(names = "--time-mask-width", defaultValue = "20", description = "Maximum time mask width in frames (default: ${DEFAULT-VALUE}).")
    int timeMaskWidth;

    @Option(names = "--dropout", defaultValue = "0.3", description = "Dropout before the classifier (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--width", defaultValue = "16", description = "Base channel count (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--normalisation", defaultValue = "utterance", description = "band (per-band z-score fitted on training clips) "
            + "or utterance (each clip's own per-band statistics) (default: ${DEFAULT-VALUE}).")
    String normalisation;

    @Option(names = "--max-batches", defaultValue = "0", description = "Steps per epoch at most, 0 = all; to test the script "
            + "(default: ${DEFAULT-VALUE}).")
    int maxBatches;

    public DeepConfig toConfig(long seed) {
        return new DeepConfig(Architecture.fromId(model), cropFrames, epochs, batchSize, learningRate, weightDecay, optimizer, schedule,
                warmupEpochs, patience, classWeights, freqMasks, freqMaskWidth, timeMasks, timeMaskWidth, dropout, width,
                normalisation, maxBatches, seed);
    }
}
