package sep.models;

import com.fasterxml.jackson.databind.JsonNode;
import sep.data.Clip;
import sep.data.Fold;
import sep.features.PreprocessConfig;
import sep.util.Files2;
import sep.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model folder as the rest of SEP sees it: the model's own files ({@link EmotionModel#save}), the preprocessing it
 * was trained with ({@code preprocess.json}: prediction must use the same), and what it was trained on
 * ({@code training.json}, {@code training_clips.txt} with content hashes), so that no evaluation scores a model on
 * clips it has seen.
 */
public record SavedModel(EmotionModel model, PreprocessConfig preprocess, Set<String> trainingHashes, JsonNode training)
        implements AutoCloseable {
    public static final String PREPROCESS_JSON = "preprocess.json";
    public static final String TRAINING_JSON = "training.json";
    public static final String TRAINING_CLIPS = "training_clips.txt";
    private static final String SPEAKER_NORMALISED = "speaker_normalised";

    public static void save(EmotionModel model, PreprocessConfig preprocess, Fold fold, Path dir) throws IOException {
        save(model, preprocess, fold, false, dir);
    }

    /**
     * @param speakerNormalised the model was trained on per-speaker normalised features: it can only be applied to a
     *                          batch of one speaker's recordings normalised the same way, which {@link #requireSingleClipInput}
     *                          tells every single-recording path
     */
    public static void save(EmotionModel model, PreprocessConfig preprocess, Fold fold, boolean speakerNormalised, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        model.save(dir);
        Json.write(dir.resolve(PREPROCESS_JSON), preprocess);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("fold", fold.name());
        training.put("train_speakers", fold.speakers(fold.train()));
        training.put("validation_speakers", fold.validationSpeakers());
        training.put("test_speakers", fold.testSpeakers());
        training.put("train_clips", fold.train().size());
        training.put("validation_clips", fold.validation().size());
        if (speakerNormalised) training.put(SPEAKER_NORMALISED, true);
        Json.write(dir.resolve(TRAINING_JSON), training);
        // Training and validation clips both shaped the model (validation chose its checkpoint).
        Set<String> seen = new TreeSet<>();
        for (Clip c : fold.train()) seen.add(c.sha256());
        for (Clip c : fold.validation()) seen.add(c.sha256());
        Files2.writeAtomically(dir.resolve(TRAINING_CLIPS), (String.join("\n", seen) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static SavedModel load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": no such model folder");
        Path preprocessFile = dir.resolve(PREPROCESS_JSON);
        if (!Files.isRegularFile(preprocessFile)) {
            throw new IOException(dir + ": not a SEP model folder (" + PREPROCESS_JSON + " is missing)");
        }
        PreprocessConfig preprocess = Json.read(preprocessFile, PreprocessConfig.class);
        Set<String> hashes = new TreeSet<>();
        Path clips = dir.resolve(TRAINING_CLIPS);
        if (Files.isRegularFile(clips)) {
            for (String line : Files.readAllLines(clips)) if (!line.isBlank()) hashes.add(line.trim());
        }
        JsonNode training = Files.isRegularFile(dir.resolve(TRAINING_JSON)) ? Json.read(dir.resolve(TRAINING_JSON)) : Json.object();
        return new SavedModel(ModelStore.load(dir), preprocess, hashes, training);
    }

    /** True for a model trained on per-speaker normalised features (a {@code +spknorm} protocol run). */
    public boolean speakerNormalised() {
        return training.path(SPEAKER_NORMALISED).asBoolean(false);
    }

    /** Refuses a model that cannot classify a recording on its own (see {@link #speakerNormalised()}). */
    public void requireSingleClipInput(String modelName) {
        if (speakerNormalised()) {
            throw new IllegalArgumentException(modelName + " was trained on per-speaker normalised features (--speaker-norm): it needs "
                    + "each speaker's recordings normalised together and cannot classify recordings one by one; re-score its own "
                    + "protocol run with sep-eval --model RUN, or use a model trained without --speaker-norm");
        }
    }

    public List<String> labels() {
        return model.labels();
    }

    @Override
    public void close() {
        model.close();
    }
}
