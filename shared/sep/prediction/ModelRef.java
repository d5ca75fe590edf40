package sep.prediction;

import com.fasterxml.jackson.databind.JsonNode;
import sep.data.DataLocation;
import sep.models.ModelStore;
import sep.models.SavedModel;
import sep.runs.RunFolder;
import sep.util.Json;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which saved model a command uses, found from what the user typed after {@code --model}.
 *
 * <ul>
 *   <li>nothing: the project's default model, {@code models/default/} under the project root;</li>
 *   <li>a model folder (it holds {@code preprocess.json} and {@code model.json}), given as a path;</li>
 *   <li>a run id or run folder ({@code runs/<id>/}): its one fold's model, {@code folds/<fold>/model/}; a run with
 *       several folds has several models, so the user names one ({@code runs/<id>/folds/speaker-03});</li>
 *   <li>a fold folder, {@code runs/<id>/folds/<fold>/}: its {@code model/}.</li>
 * </ul>
 *
 * @param dir       the model folder
 * @param id        how outputs name the model: {@code <run id>/<fold>} when it came from a protocol run, else the folder
 * @param isDefault whether it is the project's default model
 * @param run       the manifest of the run that trained it (the run folder's, or the copy kept beside the default
 *                  model), or null when unknown
 */
public record ModelRef(Path dir, String id, boolean isDefault, JsonNode run) {
    /** Where the project keeps its default model, relative to the project root. */
    public static final String DEFAULT_DIR = "models/default";
    /** What makes the default model (named in the error when it is missing). */
    public static final String MAKE_DEFAULT = "make model";

    public static Path defaultDir() {
        return DataLocation.projectRoot().resolve(DEFAULT_DIR);
    }

    /**
     * @param reference the {@code --model} value, or null for the default model
     * @throws IllegalArgumentException naming what was looked for and what to do when no model is found
     */
    public static ModelRef resolve(String reference) throws IOException {
        return resolve(reference, defaultDir());
    }

    /** As {@link #resolve(String)}, with the default model looked for in {@code defaultDir}. */
    public static ModelRef resolve(String reference, Path defaultDir) throws IOException {
        if (reference == null || reference.isBlank()) {
            Path dir = defaultDir;
            if (!isModelFolder(dir)) {
                throw new IllegalArgumentException("no default model in " + dir + ": make it with '" + MAKE_DEFAULT
                        + "' (trains the shared-six recogniser on emodb+ravdess, a few minutes), or name one with --model RUN");
            }
            JsonNode manifest = readIfPresent(dir.resolve("manifest.json"));
            return new ModelRef(dir.toAbsolutePath().normalize(), idOf(dir, manifest, DEFAULT_DIR), true, manifest);
        }
        Path found = RunFolder.resolve(reference);
        if (isModelFolder(found)) return fromModelFolder(found);
        if (isModelFolder(found.resolve("model"))) return fromModelFolder(found.resolve("model"));
        Path folds = found.resolve("folds");
        if (Files.isDirectory(folds)) {
            List<Path> models = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(folds)) {
                for (Path fold : s) if (isModelFolder(fold.resolve("model"))) models.add(fold);
            }
            models.sort(null);
            if (models.size() == 1) return fromModelFolder(models.get(0).resolve("model"));
            if (models.isEmpty()) throw new IllegalArgumentException(found + ": this run has no finished fold with a saved model");
            StringBuilder names = new StringBuilder();
            for (Path m : models) names.append("\n  ").append(m);
            throw new IllegalArgumentException(found + " has " + models.size() + " folds, each with its own model; name one "
                    + "fold folder with --model:" + names);
        }
        throw new IllegalArgumentException(found + ": not a model folder (no " + SavedModel.PREPROCESS_JSON + " and "
                + ModelStore.MODEL_JSON + ") and not a run folder with folds/<fold>/model/");
    }

    public static boolean isModelFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(SavedModel.PREPROCESS_JSON)) && Files.isRegularFile(dir.resolve(ModelStore.MODEL_JSON));
    }

    private static ModelRef fromModelFolder(Path modelDir) throws IOException {
        Path dir = modelDir.toAbsolutePath().normalize();
        // A protocol run keeps the model at <run>/folds/<fold>/model, its manifest three levels up; a published model
        // (models/default) keeps a copy of its run's manifest beside it.
        Path folds = dir.getParent() == null ? null : dir.getParent().getParent();
        boolean inRun = dir.getFileName().toString().equals("model") && folds != null && folds.getFileName() != null
                && folds.getFileName().toString().equals("folds") && folds.getParent() != null;
        JsonNode manifest = inRun ? readIfPresent(folds.getParent().resolve("manifest.json")) : readIfPresent(dir.resolve("manifest.json"));
        boolean isDefault = dir.equals(defaultDir().toAbsolutePath().normalize());
        return new ModelRef(dir, idOf(dir, manifest, dir.toString()), isDefault, manifest);
    }

    /** {@code <run id>/<fold>} from the run manifest and the model's training.json, else {@code fallback}. */
    private static String idOf(Path dir, JsonNode manifest, String fallback) throws IOException {
        JsonNode training = readIfPresent(dir.resolve(SavedModel.TRAINING_JSON));
        String runId = manifest == null ? null : manifest.path("id").asText(null);
        String fold = training == null ? null : training.path("fold").asText(null);
        if (runId == null) return fallback;
        return fold == null ? runId : runId + "/" + fold;
    }

    private static JsonNode readIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) ? Json.read(file) : null;
    }

    /**
     * The protocol settings in a run manifest's config: under {@code "protocol"} as {@code sep-train}/{@code sep-classic}
     * write it, or the config itself when a run was made with a bare {@code ProtocolRunner.Config}; null otherwise.
     */
    public static JsonNode protocolOf(JsonNode config) {
        if (config.path("protocol").isObject()) return config.get("protocol");
        if (config.path("dataset").isTextual() && config.path("protocol").isTextual() && config.has("preprocess")) return config;
        return null;
    }

    /**
     * Loads the model to classify recordings one by one (prediction, scoring on labels or folds): a model that needs
     * each speaker's recordings normalised together is refused here, for every such use at once.
     */
    public SavedModel load() throws IOException {
        SavedModel saved = SavedModel.load(dir);
        try {
            saved.requireSingleClipInput(id);
            return saved;
        } catch (RuntimeException e) {
            saved.close();
            throw e;
        }
    }

    /** One line for the user: which model, what it is, how it was trained. */
    public String describe(SavedModel model) {
        StringBuilder sb = new StringBuilder();
        sb.append(isDefault ? "default model " : "model ").append(id).append(" (").append(model.model().kind()).append(", ")
                .append(model.labels().size()).append(" classes: ").append(String.join(" ", model.labels()));
        JsonNode protocol = run == null ? null : protocolOf(run.path("config"));
        if (protocol != null) {
            sb.append("; trained on ").append(protocol.path("dataset").asText()).append(", ")
                    .append(protocol.path("protocol").asText().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        JsonNode test = model.training().path("test_speakers");
        if (test.isArray() && !test.isEmpty()) sb.append(", ").append(test.size()).append(" speakers held out");
        return sb.append(") in ").append(dir).toString();
    }
}
