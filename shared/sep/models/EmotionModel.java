package sep.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One API for every trained model: saved to and loaded from a folder inside a run folder
 * ({@link ModelStore#load}), so that evaluation, prediction and the web front end never need to know
 * which family of model they hold.
 */
public interface EmotionModel extends AutoCloseable {

    /** The model family, also the {@code "kind"} in {@code model.json}: "ann", "cnn", "resnet", "efficientnet", ... */
    String kind();

    /** Class order of every probability row. */
    List<String> labels();

    /**
     * Class probabilities of whole clips.
     *
     * @param logMelDb raw dB log-mels {@code [mel][frame]} (values in [-80, 0] as {@link sep.features.LogMel} gives
     *                 them) of any length of at least one frame
     * @return one row per clip in {@link #labels()} order; every row sums to 1
     * @throws IllegalArgumentException for a null, empty-framed, ragged or wrongly banded clip
     */
    double[][] predictLogMel(List<float[][]> logMelDb);

    /**
     * Class probabilities of whole clips from whatever input this family uses; log-mel models (the default) read
     * {@link ClipInput#logMel()}, classical models the acoustic features.
     */
    default double[][] predict(List<? extends ClipInput> inputs) {
        return predictLogMel(inputs.stream().map(i -> i.logMel().db()).toList());
    }

    /** Writes {@code model.json} (kind, labels, config, input spec) and whatever else the model needs into {@code dir}. */
    void save(Path dir) throws IOException;

    /** Releases native memory; the model is unusable afterwards. */
    @Override
    void close();
}
