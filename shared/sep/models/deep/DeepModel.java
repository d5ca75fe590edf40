package sep.models.deep;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import sep.features.BandNormalizer;
import sep.features.LogMelConfig;
import sep.models.EmotionModel;
import sep.models.ModelStore;

/**
 * A trained deep recogniser: network, input normalisation and label order, saved together in one
 * folder.
 *
 * <p>Folder layout: {@code model.json} (kind, labels, the full {@link DeepConfig}, input spec,
 * provenance), {@code weights.params} (DJL's parameter format, written by
 * {@code Block.saveParameters} under this fixed name: {@code Model.save} would number files per
 * epoch and {@code Model.load} pick the newest, which is not what a model folder wants) and
 * {@code normaliser.json} (the training-set band statistics, or the utterance rule).
 *
 * <p>Predictions are clip-level: windows of {@code cropFrames} at half-window hops cover the clip and
 * their softmax outputs are averaged. Methods are synchronized: one DJL block must not run two
 * forwards at once on shared parameter arrays from different threads' managers.
 */
public final class DeepModel implements EmotionModel {

    /** Kinds this class loads (one per {@link Architecture}). */
    public static final List<String> KINDS = Arrays.stream(Architecture.values()).map(Architecture::id).toList();
    static final String WEIGHTS = "weights.params";
    static final String NORMALISER = "normaliser.json";
    static final int FORMAT = 1;
    /** Windows per forward pass at prediction time: large enough to amortise the call, small in memory. */
    static final int INFERENCE_BATCH = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Model model;
    private final Networks.Net net;
    private final MelInput input;
    private final DeepConfig config;
    private final List<String> labels;
    private final LogMelConfig features;
    private final ObjectNode training;
    private final DirectBuffer staging = new DirectBuffer();
    private boolean closed;

    private DeepModel(Model model, Networks.Net net, MelInput input, DeepConfig config, List<String> labels,
                      LogMelConfig features, ObjectNode training) {
        this.model = model;
        this.net = net;
        this.input = input;
        this.config = config;
        this.labels = List.copyOf(labels);
        this.features = features;
        this.training = training == null ? JSON.createObjectNode() : training.deepCopy();
    }

    @Override
    public String kind() {
        return config.architecture().id();
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    public DeepConfig config() {
        return config;
    }

    /** The network itself, for the trainer to start another run from its layers. */
    Networks.Net network() {
        ensureOpen();
        return net;
    }

    /** Mel bands the model expects. */
    public int mels() {
        return input.mels;
    }

    /** The log-mel settings the training features were computed with, when the trainer was told. */
    public Optional<LogMelConfig> featureConfig() {
        return Optional.ofNullable(features);
    }

    /** Provenance written by the trainer (best epoch, validation UA, clip counts, ...); a copy. */
    public JsonNode training() {
        return training.deepCopy();
    }

    public long parameterCount() {
        return parameterCount(net.full());
    }

    /** Length of {@link #embedding}. */
    public int embeddingSize() {
        return net.embeddingSize();
    }

    @Override
    public synchronized double[][] predictLogMel(List<float[][]> logMelDb) {
        ensureOpen();
        List<MelInput.Prepared> clips = prepareAll(logMelDb);
        return clipOutputs(net.full(), model.getNDManager(), input, clips, labels.size(), true, staging);
    }

    /**
     * The penultimate layer (pooled features before dropout and the classifier), averaged over the
     * clip's windows: for PCA/t-SNE plots and as conditioning for generative models.
     */
    public synchronized float[] embedding(float[][] logMelDb) {
        ensureOpen();
        List<MelInput.Prepared> clips = prepareAll(java.util.Collections.singletonList(check(logMelDb, 0)));
        double[] e = clipOutputs(net.features(), model.getNDManager(), input, clips, net.embeddingSize(), false, staging)[0];
        float[] out = new float[e.length];
        for (int i = 0; i < e.length; i++) out[i] = (float) e[i];
        return out;
    }

    private float[][] check(float[][] db, int index) {
        MelInput.check(db, input.mels, "clip " + index);
        return db;
    }

    private List<MelInput.Prepared> prepareAll(List<float[][]> logMelDb) {
        if (logMelDb == null) throw new IllegalArgumentException("logMelDb must not be null");
        List<MelInput.Prepared> out = new ArrayList<>(logMelDb.size());
        for (int i = 0; i < logMelDb.size(); i++) out.add(input.prepare(check(logMelDb.get(i), i)));
        return out;
    }

    /**
     * Runs {@code block} in inference mode over every window of every clip and averages per clip:
     * softmax probabilities when {@code softmax}, raw outputs otherwise. Each batch lives in its own
     * sub-manager of {@code parent}, so nothing accumulates however many clips pass.
     */
    static double[][] clipOutputs(Block block, NDManager parent, MelInput input, List<MelInput.Prepared> clips, int dims, boolean softmax,
                                  DirectBuffer staging) {
        int total = 0;
        int[][] starts = new int[clips.size()][];
        for (int i = 0; i < clips.size(); i++) {
            starts[i] = input.windowStarts(clips.get(i).frames());
            total += starts[i].length;
        }
        int[] clipOf = new int[total];
        int[] startOf = new int[total];
        for (int i = 0, k = 0; i < clips.size(); i++) {
            for (int s : starts[i]) {
                clipOf[k] = i;
                startOf[k++] = s;
            }
        }
        double[][] sums = new double[clips.size()][dims];
        int windowSize = input.mels * input.crop;
        for (int from = 0; from < total; from += INFERENCE_BATCH) {
            int n = Math.min(INFERENCE_BATCH, total - from);
            float[] buf = new float[n * windowSize];
            for (int j = 0; j < n; j++) input.window(clips.get(clipOf[from + j]), startOf[from + j], buf, j * windowSize);
            float[] out;
            try (NDManager sub = parent.newSubManager()) {
                NDArray x = sub.create(staging.of(buf, buf.length), new Shape(n, 1, input.mels, input.crop), DataType.FLOAT32);
                NDArray y = block.forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow();
                if (y.getShape().dimension() != 2 || y.getShape().get(1) != dims) {
                    throw new IllegalStateException("network output " + y.getShape() + ", expected (" + n + ", " + dims + ")");
                }
                out = (softmax ? y.softmax(1) : y).toFloatArray();
            }
            if (!DeepTrainer.allFinite(out)) {
                throw new NonFiniteOutputException("the network's output is NaN or infinite for " + (DeepTrainer.allFinite(buf)
                        ? "a finite input: weights out of range, or a native kernel fault (" + NativeKernels.describe()
                          + "; see sep.models.deep.NativeKernels)"
                        : "an input holding NaN or infinite values"));
            }
            for (int j = 0; j < n; j++) {
                double[] acc = sums[clipOf[from + j]];
                for (int d = 0; d < dims; d++) acc[d] += out[j * dims + d];
            }
        }
        for (int i = 0; i < clips.size(); i++) {
            for (int d = 0; d < dims; d++) sums[i][d] /= starts[i].length;
        }
        return sums;
    }

    static long parameterCount(Block block) {
        long n = 0;
        for (var p : block.getParameters().values()) {
            if (p.isInitialized() && p.requiresGradient()) n += p.getArray().getShape().size();
        }
        return n;
    }

    @Override
    public synchronized void save(Path dir) throws IOException {
        ensureOpen();
        write(dir, net.full(), input, config, labels, features, training);
    }

    /** Writes a model folder from a network's current parameters (the trainer's checkpoints use this too). */
    static void write(Path dir, Block block, MelInput input, DeepConfig config, List<String> labels,
                      LogMelConfig features, ObjectNode training) throws IOException {
        Files.createDirectories(dir);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
            block.saveParameters(out);
        }
        ObjectNode norm = JSON.createObjectNode();
        if (input.band != null) {
            input.band.save(dir.resolve(NORMALISER));
        } else {
            norm.put("type", "utterance");
            norm.put("stdFloorDb", MelInput.UTTERANCE_STD_FLOOR_DB);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(NORMALISER).toFile(), norm);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", config.architecture().id());
        ArrayNode l = root.putArray("labels");
        labels.forEach(l::add);
        root.set("config", JSON.valueToTree(config));
        ObjectNode in = root.putObject("input");
        in.put("mels", input.mels);
        in.put("cropFrames", input.crop);
        in.put("hopFrames", Math.max(1, input.crop / 2));
        in.put("padDb", MelInput.FLOOR_DB);
        in.put("normalisation", input.normalisation);
        in.put("values", "log-mel dB relative to the clip maximum, in [-80, 0], [mel][frame]");
        if (features != null) in.set("logMel", JSON.valueToTree(features));
        ObjectNode files = root.putObject("files");
        files.put("weights", WEIGHTS);
        files.put("normaliser", NORMALISER);
        root.put("parameters", parameterCount(block));
        root.put("djlVersion", ai.djl.engine.Engine.getDjlVersion());
        if (training != null) root.set("training", training);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(ModelStore.MODEL_JSON).toFile(), root);
    }

    /** Reads a folder written by {@link #save}; what {@link ModelStore#load} calls for the deep kinds. */
    public static DeepModel load(Path dir, JsonNode manifest) throws IOException {
        try {
            return read(dir, manifest);
        } catch (IllegalArgumentException | MalformedModelException | ai.djl.engine.EngineException e) {
            throw new IOException(dir + ": broken deep model folder: " + e.getMessage(), e);
        }
    }

    /** Reads a deep model folder on its own. */
    public static DeepModel load(Path dir) throws IOException {
        return load(dir, ModelStore.readManifest(dir));
    }

    private static DeepModel read(Path dir, JsonNode manifest) throws IOException, MalformedModelException {
        int format = manifest.path("format").asInt(-1);
        if (format != FORMAT) throw new IOException(dir + ": model.json format " + format + ", this build reads " + FORMAT);
        JsonNode configNode = manifest.get("config");
        if (configNode == null || !configNode.isObject()) throw new IOException(dir + ": model.json has no \"config\" object");
        DeepConfig config = JSON.treeToValue(configNode, DeepConfig.class);
        String kind = manifest.path("kind").asText();
        if (!config.architecture().id().equals(kind)) {
            throw new IOException(dir + ": kind \"" + kind + "\" does not match the config's architecture " + config.architecture().id());
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode n : manifest.path("labels")) labels.add(n.asText());
        if (labels.size() < 2) throw new IOException(dir + ": model.json needs at least two labels");
        JsonNode in = manifest.path("input");
        int mels = in.path("mels").asInt(-1);
        if (mels < 1) throw new IOException(dir + ": model.json input.mels missing");
        LogMelConfig features = in.has("logMel") ? JSON.treeToValue(in.get("logMel"), LogMelConfig.class) : null;
        Path weights = dir.resolve(WEIGHTS);
        Path normaliser = dir.resolve(NORMALISER);
        if (!Files.isRegularFile(weights)) throw new IOException(dir + ": missing " + WEIGHTS);
        if (!Files.isRegularFile(normaliser)) throw new IOException(dir + ": missing " + NORMALISER);
        BandNormalizer band = config.normalisation().equals("band") ? BandNormalizer.load(normaliser) : null;
        if (band != null && band.bands() != mels) throw new IOException(dir + ": normaliser has " + band.bands() + " bands, model " + mels);
        MelInput input = new MelInput(mels, config.cropFrames(), config.normalisation(), band);

        NativeKernels.noticeOnce();
        Networks.Net net = Networks.build(config.architecture(), config.width(), config.dropout(), labels.size(), mels);
        Model model = Model.newInstance("sep-" + kind);
        try {
            model.setBlock(net.full());
            try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
                net.full().loadParameters(model.getNDManager(), data);
            }
            ObjectNode training = manifest.get("training") instanceof ObjectNode t ? t : null;
            return new DeepModel(model, net, input, config, labels, features, training);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Wraps a trained network (the trainer hands over the model that owns it). */
    static DeepModel of(Model model, Networks.Net net, MelInput input, DeepConfig config, List<String> labels,
                        LogMelConfig features, ObjectNode training) {
        return new DeepModel(model, net, input, config, labels, features, training);
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("model is closed");
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }
}
