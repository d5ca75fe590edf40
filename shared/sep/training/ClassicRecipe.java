package sep.training;

import sep.data.Clip;
import sep.evaluation.Recipe;
import sep.models.EmotionModel;
import sep.models.classic.ClassicConfig;
import sep.models.classic.ClassicEmotionModel;
import sep.models.classic.ClassicModel;
import sep.features.acoustic.AcousticFeatures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Trains a Tribuo classifier (logistic regression, RBF SVM, XGBoost) on utterance-level acoustic features. */
public final class ClassicRecipe implements Recipe {
    static {
        // Tribuo logs two INFO lines per trained model through java.util.logging; a protocol trains dozens.
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
    }

    private final ClassicConfig config;

    public ClassicRecipe(ClassicConfig config) {
        this.config = config;
    }

    @Override
    public String kind() {
        return config.kind().id();
    }

    @Override
    public Object settings() {
        return config;
    }

    @Override
    public EmotionModel train(TrainingData data, Path foldDir, boolean resume) throws IOException {
        float[][] trainX = features(data.train(), data);
        float[][] valX = features(data.validation(), data);
        int[] trainY = data.train().stream().mapToInt(data::label).toArray();
        int[] valY = data.validation().stream().mapToInt(data::label).toArray();
        ClassicModel model = ClassicModel.train(config.withSeed(data.seed()), trainX, trainY, valX.length == 0 ? null : valX,
                valY.length == 0 ? null : valY, data.labels().labels(), AcousticFeatures.names());
        return new ClassicEmotionModel(model);
    }

    private static float[][] features(List<Clip> clips, TrainingData data) {
        // Parallel: extraction is per clip and the inputs memoise what they compute.
        return clips.parallelStream().map(c -> data.features().apply(c).acoustic()).toArray(float[][]::new);
    }
}
