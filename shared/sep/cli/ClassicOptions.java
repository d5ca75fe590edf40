package sep.cli;

import picocli.CommandLine.Option;
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

    @Option(names = "--refit", defaultValue = "true", negatable = true, fallbackValue = "true", description = "After choosing "
            + "hyperparameters on the validation speakers, train the final model on training and validation speakers together "
            + "(default: ${DEFAULT-VALUE}).")
    public boolean refit;

    public ClassicConfig toConfig(long seed) {
        ClassicConfig defaults = ClassicConfig.defaults(ClassicKind.fromId(model)).withSeed(seed);
        if (cGrid == null && gammaGrid == null) return defaults;
        double[] c = cGrid == null ? defaults.cGrid() : cGrid.stream().mapToDouble(Double::doubleValue).toArray();
        double[] g = gammaGrid == null ? defaults.gammaGrid() : gammaGrid.stream().mapToDouble(Double::doubleValue).toArray();
        return new ClassicConfig(defaults.kind(), c, g, defaults.xgbRounds(), defaults.xgbDepth(), defaults.xgbEta(),
                defaults.sgdEpochs(), seed);
    }
}
