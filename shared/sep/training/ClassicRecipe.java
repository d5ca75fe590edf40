package sep.training;

import sep.data.Clip;
import sep.evaluation.Recipe;
import sep.models.classic.ClassicKind;
import sep.models.classic.ClassicConfig;
import sep.models.classic.ClassicEmotionModel;
import sep.models.classic.ClassicModel;
import sep.features.acoustic.AcousticFeatures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trains a Tribuo classifier (logistic regression, RBF SVM, XGBoost) on utterance-level acoustic features. */
public final class ClassicRecipe implements Recipe {
    /** Names a model whose final fit left the validation speakers out ({@code svm-norefit}): the one kind sep-fuse takes. */
    public static final String NOREFIT_SUFFIX = "-norefit";

    static {
        // Tribuo logs two INFO lines per trained model through java.util.logging; a protocol trains dozens.
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
    }

    private final ClassicConfig config;
    private final boolean refit;
    private final AcousticFeatures.Version features;

    /**
     * @param refit after choosing hyperparameters on the validation speakers, train the final model on training and
     *              validation speakers together (more speakers to learn from; the choice itself stays untouched by
     *              the test fold)
     */
    public ClassicRecipe(ClassicConfig config, boolean refit) {
        this(config, refit, AcousticFeatures.DEFAULT_VERSION);
    }

    /** @param features which acoustic feature set the models are trained on */
    public ClassicRecipe(ClassicConfig config, boolean refit, AcousticFeatures.Version features) {
        if (features == null) throw new IllegalArgumentException("features must not be null");
        this.config = config;
        this.refit = refit;
        this.features = features;
    }

    @Override
    public String kind() {
        return config.kind().id();
    }

    @Override
    public String inputs() {
        return "acoustic " + features.id() + " (" + AcousticFeatures.size(features) + ")";
    }

    /** Without refitting, the final model never saw the validation speakers: what {@code sep-fuse} needs of its sources. */
    @Override
    public String name() {
        return refit ? kind() : kind() + NOREFIT_SUFFIX;
    }

    /** The classifier's settings with the feature set, for the run manifest. */
    @Override
    public Object settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("features", features.id());
        out.put("feature_count", AcousticFeatures.size(features));
        out.put("refit", refit);
        out.put("classifier", config);
        return out;
    }

    @Override
    public Trained train(TrainingData data, Path foldDir, boolean resume) throws IOException {
        float[][] trainX = features(data.train(), data, features);
        float[][] valX = features(data.validation(), data, features);
        int[] trainY = data.train().stream().mapToInt(data::label).toArray();
        int[] valY = data.validation().stream().mapToInt(data::label).toArray();
        ClassicConfig seeded = config.withSeed(data.seed());
        boolean hasValidation = valX.length > 0;
        ClassicModel chosen = ClassicModel.train(seeded, trainX, trainY, hasValidation ? valX : null,
                hasValidation ? valY : null, data.labels().labels(), AcousticFeatures.names(features));
        double validationUa = hasValidation ? ((Number) chosen.chosenHyperparameters().get("validationUA")).doubleValue() : Double.NaN;
        if (!refit || !hasValidation) return new Trained(new ClassicEmotionModel(chosen), validationUa, false);
        ClassicConfig fixed = config.kind() == ClassicKind.SVM
                ? seeded.withSvm(((Number) chosen.chosenHyperparameters().get("C")).doubleValue(),
                ((Number) chosen.chosenHyperparameters().get("gamma")).doubleValue())
                : seeded;
        // The selection's report (every grid point's validation UA) goes with the refitted model: the validation
        // figures a design choice rests on stay inspectable in each fold's classic.json.
        ClassicModel refitted = ClassicModel.train(fixed, concat(trainX, valX), concat(trainY, valY), null, null,
                data.labels().labels(), AcousticFeatures.names(features)).withReport("selection", chosen.chosenHyperparameters());
        return new Trained(new ClassicEmotionModel(refitted), validationUa, true);
    }

    private static float[][] concat(float[][] a, float[][] b) {
        float[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[][] features(List<Clip> clips, TrainingData data, AcousticFeatures.Version version) {
        // Parallel: extraction is per clip and the inputs memoise what they compute.
        return clips.parallelStream().map(c -> data.features().apply(c).acoustic(version)).toArray(float[][]::new);
    }
}
