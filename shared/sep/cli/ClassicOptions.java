package sep.cli;

import picocli.CommandLine.Option;
import sep.features.acoustic.AcousticFeatures;
import sep.models.classic.ClassicConfig;
import sep.models.classic.ClassicKind;

import java.util.List;

/** The classical classifiers' hyperparameters as options (a picocli mixin); defaults are {@link ClassicConfig#defaults}. */
public final class ClassicOptions {
    @Option(names = "--model", defaultValue = "svm", description = "logistic, svm or xgboost (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--c-grid", split = ",", description = "SVM costs tried on the validation speakers (default: the kind's grid).")
    List<Double> cGrid;

    @Option(names = "--gamma-grid", split = ",", description = "SVM RBF gammas tried on the validation speakers (default: the kind's grid).")
    List<Double> gammaGrid;

    @Option(names = "--features", description = "Acoustic feature set: v1 (157, eGeMAPS-style) or v2 (913, ComParE/emobase-like; "
            + "v1 plus more functionals, delta-deltas, spectral contrast, formants; chosen by validation UA) (default: v2).")
    String features;

    @Option(names = "--sgd-epochs", description = "Logistic regression: SGD epochs (default: the kind's default, 50).")
    Integer sgdEpochs;

    @Option(names = "--refit", defaultValue = "true", negatable = true, fallbackValue = "true", description = "After choosing "
            + "hyperparameters on the validation speakers, train the final model on training and validation speakers together "
            + "(default: ${DEFAULT-VALUE}).")
    public boolean refit;

    public AcousticFeatures.Version features() {
        return features == null ? AcousticFeatures.DEFAULT_VERSION : UsageException.fromOptions(() -> AcousticFeatures.Version.fromId(features));
    }

    /** The settings; the default gamma grid is scaled to the chosen feature set's size ({@link ClassicConfig#defaults(ClassicKind, int)}). */
    public ClassicConfig toConfig(long seed) {
        return UsageException.fromOptions(() -> build(seed));
    }

    private ClassicConfig build(long seed) {
        ClassicConfig defaults = ClassicConfig.defaults(ClassicKind.fromId(model), AcousticFeatures.size(features())).withSeed(seed);
        if (cGrid == null && gammaGrid == null && sgdEpochs == null) return defaults;
        double[] c = cGrid == null ? defaults.cGrid() : cGrid.stream().mapToDouble(Double::doubleValue).toArray();
        double[] g = gammaGrid == null ? defaults.gammaGrid() : gammaGrid.stream().mapToDouble(Double::doubleValue).toArray();
        return new ClassicConfig(defaults.kind(), c, g, defaults.xgbRounds(), defaults.xgbDepth(), defaults.xgbEta(),
                sgdEpochs == null ? defaults.sgdEpochs() : sgdEpochs, seed);
    }
}
