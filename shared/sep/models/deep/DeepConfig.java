package sep.models.deep;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Locale;
import java.util.Set;

/**
 * Every hyperparameter of one deep training run, validated on construction. Saved in
 * {@code model.json} and in checkpoints (a resume must use the same settings).
 *
 * @param architecture   network family
 * @param cropFrames     training crop and inference window length in frames (188 = 3 s at hop 256, 16 kHz)
 * @param epochs         maximum number of epochs
 * @param batchSize      crops per step (at least 2: batch norm needs a batch)
 * @param learningRate   peak learning rate (after warm-up)
 * @param weightDecay    decay of weight matrices and kernels (decoupled for adamw, L2 for adam)
 * @param optimizer      "adam" or "adamw"
 * @param schedule       "cosine" (down to 1 % of the peak at the last epoch) or "constant", both after warm-up
 * @param warmupEpochs   epochs of linear warm-up
 * @param patience       stop after this many epochs without a better validation UA; 0 = never stop early
 * @param classWeights   weight the loss by inverse class frequency of the training set
 * @param freqMasks      SpecAugment frequency masks per training crop
 * @param freqMaskWidth  maximum width of each, in mel bands
 * @param timeMasks      time masks per training crop
 * @param timeMaskWidth  maximum width of each, in frames
 * @param dropout        dropout before the classifier (and in the ANN's hidden layers)
 * @param width          base channel count (ANN: hidden units = 16 x width); a multiple of 8 for the convolutional networks
 * @param normalisation  "band" (per-band z-score fitted on the training clips) or "utterance" (each clip's own per-band mean/std)
 * @param maxBatches     steps per epoch at most, 0 = all; for tests and smoke runs
 * @param seed           seed of initialisation, shuffling, crops, masks and dropout
 * @param mixup          mixup strength alpha: each batch is blended with a shuffled copy of itself, inputs and
 *                       (class-weighted) targets alike, by a weight drawn from Beta(alpha, alpha); 0 = off. Left out
 *                       of the JSON when off, so settings saved before it existed still read and compare equal.
 */
public record DeepConfig(Architecture architecture, int cropFrames, int epochs, int batchSize, double learningRate,
                         double weightDecay, String optimizer, String schedule, int warmupEpochs, int patience,
                         boolean classWeights, int freqMasks, int freqMaskWidth, int timeMasks, int timeMaskWidth,
                         double dropout, int width, String normalisation, int maxBatches, long seed,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) double mixup) {

    public static final Set<String> OPTIMIZERS = Set.of("adam", "adamw");
    public static final Set<String> SCHEDULES = Set.of("cosine", "constant");
    public static final Set<String> NORMALISATIONS = Set.of("band", "utterance");
    /** The networks halve time and frequency up to five times; shorter windows would shrink to nothing. */
    public static final int MIN_CROP_FRAMES = 32;
    public static final long DEFAULT_SEED = sep.runs.Seeds.DEFAULT;

    public DeepConfig {
        if (architecture == null) throw new IllegalArgumentException("architecture must not be null");
        if (cropFrames < MIN_CROP_FRAMES) throw new IllegalArgumentException("cropFrames must be >= " + MIN_CROP_FRAMES + ", got " + cropFrames);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 2) throw new IllegalArgumentException("batchSize must be >= 2 (batch norm), got " + batchSize);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        optimizer = choice("optimizer", optimizer, OPTIMIZERS);
        schedule = choice("schedule", schedule, SCHEDULES);
        normalisation = choice("normalisation", normalisation, NORMALISATIONS);
        if (warmupEpochs < 0 || warmupEpochs > epochs) throw new IllegalArgumentException("warmupEpochs must be in 0.." + epochs + ", got " + warmupEpochs);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0 (0 = no early stopping), got " + patience);
        if (freqMasks < 0 || freqMaskWidth < 0 || timeMasks < 0 || timeMaskWidth < 0) throw new IllegalArgumentException("mask counts and widths must be >= 0");
        if (timeMaskWidth >= cropFrames) throw new IllegalArgumentException("timeMaskWidth must be below cropFrames " + cropFrames + ", got " + timeMaskWidth);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (width < 1) throw new IllegalArgumentException("width must be >= 1, got " + width);
        if (architecture != Architecture.ANN && width % NativeKernels.CHANNEL_MULTIPLE != 0) {
            // Every convolution's channel count is a multiple of the width; see NativeKernels for why 8.
            throw new IllegalArgumentException(architecture.id() + " width must be a multiple of " + NativeKernels.CHANNEL_MULTIPLE
                    + " (libtorch's convolution kernels work in blocks of 8 channels and give NaN on a partly filled block), got " + width);
        }
        if (!(mixup >= 0) || Double.isInfinite(mixup)) throw new IllegalArgumentException("mixup must be >= 0 (0 = off), got " + mixup);
        if (maxBatches < 0) throw new IllegalArgumentException("maxBatches must be >= 0 (0 = all), got " + maxBatches);
    }

    private static String choice(String name, String value, Set<String> allowed) {
        if (value == null) throw new IllegalArgumentException(name + " must be one of " + allowed + ", got null");
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) throw new IllegalArgumentException(name + " must be one of " + allowed + ", got \"" + value + "\"");
        return v;
    }

    /**
     * The settings chosen on the validation speakers (09, 10) of the EmoDB measurement split
     * ({@code EmoDbSplitRun}), never on its test speakers; see the package documentation for the figures. Common to all: 3 s windows, batch 32,
     * AdamW (decay 0.01) with 3 warm-up epochs and a cosine decay, early stopping, class weights, two
     * frequency masks (up to 16 bands) and two time masks (up to 20 frames), dropout 0.3, band
     * normalisation. Per architecture:
     * <ul>
     *   <li>ANN: 150 epochs (patience 40), learning rate 1e-3, 256 hidden units; wider, more dropout,
     *       shorter windows or a higher rate did not change its validation UA (0.69-0.74).</li>
     *   <li>CNN: width 24, 60 epochs, learning rate 1e-3. Width 32 validated best (0.93 and 0.91 over
     *       two seeds at 80-100 epochs, against 0.84 and 0.85 at width 16) but a RAVDESS fold would take
     *       far beyond 12 minutes; width 24 for 80 epochs (0.86) still took 16. Of the settings that fit,
     *       width 24 for 60 epochs (0.83) beat width 16 for 100 (0.81) and width 32 for 60 (0.83 at
     *       1.5 times the time). A learning rate of 3e-3 did not help (0.91 against 0.93 at width 32).</li>
     *   <li>ResNet: learning rate 3e-3 (0.79 against 0.73 at 1e-3; more dropout and decay did not
     *       help: 0.74), 100 epochs.</li>
     *   <li>EfficientNet: learning rate 3e-3 (0.69 against 0.55 at 1e-3; it learns slowly), 60 epochs
     *       (0.68; 50 gave 0.61, 70 gave 0.71). Its depthwise convolutions make it the slowest per
     *       step: a RAVDESS fold takes about 13.5 minutes on two busy cores, a little over budget.</li>
     * </ul>
     */
    public static DeepConfig defaults(Architecture a) {
        if (a == null) throw new IllegalArgumentException("architecture must not be null");
        return switch (a) {
            case ANN -> common(a, 150, 40, 1e-3, 16);
            case CNN -> common(a, 60, 30, 1e-3, 24);
            case RESNET -> common(a, 100, 30, 3e-3, 16);
            case EFFICIENTNET -> common(a, 60, 30, 3e-3, 16);
        };
    }

    private static DeepConfig common(Architecture a, int epochs, int patience, double learningRate, int width) {
        return new DeepConfig(a, 188, epochs, 32, learningRate, 1e-2, "adamw", "cosine", 3, patience, true,
                2, 16, 2, 20, 0.3, width, "band", 0, DEFAULT_SEED, 0);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(Architecture a) {
        return defaults(a).toBuilder();
    }

    /** Changes a few settings of an existing config; {@link #build()} validates the result. */
    public static final class Builder {
        private Architecture architecture;
        private int cropFrames, epochs, batchSize, warmupEpochs, patience, freqMasks, freqMaskWidth, timeMasks, timeMaskWidth, width, maxBatches;
        private double learningRate, weightDecay, dropout, mixup;
        private String optimizer, schedule, normalisation;
        private boolean classWeights;
        private long seed;

        private Builder(DeepConfig c) {
            architecture = c.architecture; cropFrames = c.cropFrames; epochs = c.epochs; batchSize = c.batchSize;
            learningRate = c.learningRate; weightDecay = c.weightDecay; optimizer = c.optimizer; schedule = c.schedule;
            warmupEpochs = c.warmupEpochs; patience = c.patience; classWeights = c.classWeights; freqMasks = c.freqMasks;
            freqMaskWidth = c.freqMaskWidth; timeMasks = c.timeMasks; timeMaskWidth = c.timeMaskWidth; dropout = c.dropout;
            width = c.width; normalisation = c.normalisation; maxBatches = c.maxBatches; seed = c.seed; mixup = c.mixup;
        }

        public Builder architecture(Architecture v) { architecture = v; return this; }
        public Builder cropFrames(int v) { cropFrames = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder optimizer(String v) { optimizer = v; return this; }
        public Builder schedule(String v) { schedule = v; return this; }
        public Builder warmupEpochs(int v) { warmupEpochs = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder classWeights(boolean v) { classWeights = v; return this; }
        public Builder freqMasks(int v) { freqMasks = v; return this; }
        public Builder freqMaskWidth(int v) { freqMaskWidth = v; return this; }
        public Builder timeMasks(int v) { timeMasks = v; return this; }
        public Builder timeMaskWidth(int v) { timeMaskWidth = v; return this; }
        /** No SpecAugment masks at all. */
        public Builder noMasks() { freqMasks = 0; timeMasks = 0; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder width(int v) { width = v; return this; }
        public Builder normalisation(String v) { normalisation = v; return this; }
        public Builder maxBatches(int v) { maxBatches = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder mixup(double v) { mixup = v; return this; }

        public DeepConfig build() {
            return new DeepConfig(architecture, cropFrames, epochs, batchSize, learningRate, weightDecay, optimizer, schedule,
                    warmupEpochs, patience, classWeights, freqMasks, freqMaskWidth, timeMasks, timeMaskWidth, dropout, width,
                    normalisation, maxBatches, seed, mixup);
        }
    }
}
