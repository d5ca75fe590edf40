package sep.models.classic;

import com.fasterxml.jackson.databind.JsonNode;
import sep.features.acoustic.AcousticFeatures;
import sep.models.ClipInput;
import sep.models.EmotionModel;
import sep.models.ModelStore;
import sep.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Tribuo classifier on utterance-level acoustic features, seen through the project's one model API. Its input is
 * {@link ClipInput#acoustic()}; it cannot classify a bare log-mel.
 */
public final class ClassicEmotionModel implements EmotionModel {
    public static final List<String> KINDS = java.util.Arrays.stream(ClassicKind.values()).map(ClassicKind::id).toList();

    private final ClassicModel model;
    /** The feature layout the classifier was trained on: every input is asked for exactly that one. */
    private final AcousticFeatures.Version features;

    public ClassicEmotionModel(ClassicModel model) {
        this.model = model;
        this.features = AcousticFeatures.versionOf(model.featureNames());
        if (features == null) {
            throw new IllegalArgumentException("the classifier's " + model.featureNames().size() + " feature names are not those of "
                    + "any acoustic feature set this version knows (v1: " + AcousticFeatures.size(AcousticFeatures.Version.V1)
                    + ", v2: " + AcousticFeatures.size(AcousticFeatures.Version.V2) + " features)");
        }
    }

    /** The acoustic feature set the model reads. */
    public AcousticFeatures.Version features() {
        return features;
    }

    public ClassicModel classic() {
        return model;
    }

    @Override
    public String kind() {
        return model.kind().id();
    }

    @Override
    public List<String> labels() {
        return model.labels();
    }

    @Override
    public double[][] predictLogMel(List<float[][]> logMelDb) {
        throw new UnsupportedOperationException(kind() + " classifies utterance-level acoustic features, not log-mels; "
                + "call predict(inputs) with the clips' audio features");
    }

    @Override
    public double[][] predict(List<? extends ClipInput> inputs) {
        float[][] x = new float[inputs.size()][];
        for (int i = 0; i < x.length; i++) x[i] = inputs.get(i).acoustic(features);
        return model.predictProba(x);
    }

    @Override
    public void save(Path dir) throws IOException {
        model.save(dir);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("kind", kind());
        manifest.put("labels", labels());
        manifest.put("input", "acoustic features " + features.id() + " (" + model.featureNames().size() + ", sep.features.acoustic.AcousticFeatures)");
        manifest.put("chosen_hyperparameters", model.chosenHyperparameters());
        Json.write(dir.resolve(ModelStore.MODEL_JSON), manifest);
    }

    public static EmotionModel load(Path dir, JsonNode manifest) throws IOException {
        return new ClassicEmotionModel(ClassicModel.load(dir));
    }

    @Override
    public void close() {
        // Tribuo models hold no native memory.
    }
}
