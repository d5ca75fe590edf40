package sep.training;

import com.fasterxml.jackson.databind.JsonNode;
import sep.data.Clip;
import sep.data.Corpus;
import sep.features.PreprocessConfig;
import sep.models.deep.DeepConfig;
import sep.models.deep.DeepModel;
import sep.models.SavedModel;
import sep.prediction.ModelRef;
import sep.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved deep model whose feature layers start another run ({@code sep-train --init-from}): transfer from one corpus
 * to another. Resolved and checked before any training: it must be a deep model made with the same preprocessing,
 * without speaker normalisation unless the new run uses it too, and it must never have trained or validated on a
 * recording of the corpus the new run tests on (that would put test speakers into training through the back door).
 *
 * @param model  the model folder
 * @param source what the model was trained on ({@code ravdess}), for the run's name
 * @param run    the run folder's id, or the folder itself when the model lies outside a run
 * @param network the pretrained network's settings
 */
public record Pretrained(Path model, String source, String run, DeepConfig network) {

    /** Refuses a network other than the pretrained one (the layers would not fit), before any run folder exists. */
    public void requireSameNetwork(DeepConfig config) {
        if (config.architecture() != network.architecture() || config.width() != network.width()) {
            throw new IllegalArgumentException(model + " is a " + network.architecture().id() + " of width " + network.width()
                    + "; this run trains a " + config.architecture().id() + " of width " + config.width() + ": its layers cannot start from it");
        }
    }

    /**
     * @param reference what {@code --model} takes elsewhere ({@link ModelRef}): a model folder, a fold folder, or the id
     *                  or folder of a run with exactly one fold (a {@code split} run)
     * @param datasets  the corpora the new run trains and tests on
     */
    public static Pretrained resolve(String reference, List<String> datasets, PreprocessConfig preprocess, boolean speakerNorm)
            throws IOException {
        // The same lookup as --model everywhere: a model folder, a one-fold run, a fold folder; with its run's manifest.
        ModelRef ref = ModelRef.resolve(reference);
        Path dir = ref.dir();
        SavedModel saved = SavedModel.load(dir);
        DeepConfig network;
        try {
            if (!(saved.model() instanceof DeepModel deep)) {
                throw new IllegalArgumentException(reference + " is a " + saved.model().kind() + " model; only a deep network's layers can start one");
            }
            network = deep.config();
            if (!saved.preprocess().equals(preprocess)) {
                throw new IllegalArgumentException(reference + " was made with other preprocessing (" + Json.write(saved.preprocess())
                        + "); this run uses " + Json.write(preprocess));
            }
            if (saved.speakerNormalised() != speakerNorm) {
                throw new IllegalArgumentException(reference + (saved.speakerNormalised() ? " was" : " was not")
                        + " trained on speaker-normalised inputs; this run " + (speakerNorm ? "is" : "is not"));
            }
            if (saved.trainingHashes().isEmpty()) {
                throw new IllegalArgumentException(reference + " does not list the clips it was trained on (training_clips.txt), so it "
                        + "cannot be shown to have never seen this run's test speakers");
            }
            Map<String, Integer> overlap = new LinkedHashMap<>();
            for (String dataset : datasets) {
                for (Clip c : Corpus.load(dataset).clips()) {
                    if (saved.trainingHashes().contains(c.sha256())) overlap.merge(dataset, 1, Integer::sum);
                }
            }
            if (!overlap.isEmpty()) {
                throw new IllegalArgumentException(reference + " was trained or validated on recordings of the corpus this run tests on "
                        + overlap + "; start from a model of another corpus (e.g. a RAVDESS split run for EmoDB)");
            }
        } finally {
            saved.close();
        }
        String source = "model";
        String run = dir.toString();
        if (ref.run() != null) {
            source = ref.run().path("config").path("protocol").path("dataset").asText("model").replace("->", "-to-");
            run = ref.run().path("id").asText(run);
        }
        return new Pretrained(dir, source, run, network);
    }
}
