package sep.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import sep.models.deep.DeepModel;

/**
 * Loads any saved {@link EmotionModel} from its folder: reads {@code model.json}, looks at
 * {@code "kind"} and hands the folder to that family's loader.
 *
 * <p>A new family adds one line to {@link #LOADERS}; the loader reads the rest of the folder itself.
 */
public final class ModelStore {
    private ModelStore() {}

    /** The manifest every model folder has. */
    public static final String MODEL_JSON = "model.json";

    /** Reads one model family from a folder whose manifest has already been parsed. */
    @FunctionalInterface
    public interface Loader {
        EmotionModel load(Path dir, JsonNode manifest) throws IOException;
    }

    private static final Map<String, Loader> LOADERS;

    static {
        Map<String, Loader> m = new LinkedHashMap<>();
        for (String kind : DeepModel.KINDS) m.put(kind, DeepModel::load);
        for (String kind : sep.models.classic.ClassicEmotionModel.KINDS) m.put(kind, sep.models.classic.ClassicEmotionModel::load);
        m.put(FusionModel.KIND, FusionModel::load);
        LOADERS = Collections.unmodifiableMap(m);
    }

    /** Kinds this build can load. */
    public static Set<String> kinds() {
        return LOADERS.keySet();
    }

    /**
     * The model saved in {@code dir}.
     *
     * @throws IOException naming the folder when it or its {@code model.json} is missing or unreadable, when the
     *                     kind is unknown, or when the family's own files are missing or broken
     */
    public static EmotionModel load(Path dir) throws IOException {
        JsonNode manifest = readManifest(dir);
        JsonNode kindNode = manifest.get("kind");
        if (kindNode == null || !kindNode.isTextual()) {
            throw new IOException(dir + ": " + MODEL_JSON + " has no \"kind\" string");
        }
        String kind = kindNode.asText();
        Loader loader = LOADERS.get(kind);
        if (loader == null) {
            throw new IOException(dir + ": unknown model kind \"" + kind + "\" in " + MODEL_JSON + " (this build knows " + kinds() + ")");
        }
        return loader.load(dir, manifest);
    }

    /** The parsed {@code model.json} of a model folder; an {@link IOException} naming the folder when it cannot be read. */
    public static JsonNode readManifest(Path dir) throws IOException {
        if (dir == null) throw new IOException("model folder must not be null");
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a model folder (does not exist or is not a directory)");
        Path file = dir.resolve(MODEL_JSON);
        if (!Files.isRegularFile(file)) throw new IOException(dir + ": no " + MODEL_JSON + " in the model folder");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(dir + ": " + MODEL_JSON + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IOException(dir + ": " + MODEL_JSON + " is not a JSON object");
        return root;
    }
}
