package sep.models.deep;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import sep.features.BandNormalizer;
import sep.features.LogMelConfig;
import sep.training.CheckpointableAdam;
import sep.training.ClassWeights;
import sep.training.ClassificationMetrics;
import sep.training.LearningRateSchedule;
import sep.training.SoftTargetCrossEntropy;

/**
 * Trains one {@link Architecture} on labelled log-mels and returns the epoch with the best
 * validation UA.
 *
 * <p>The step is DJL's: a {@link DefaultTrainingConfig} (loss, optimiser, initialiser) and a
 * {@link Trainer} in try-with-resources, {@code trainer.forward} / {@code backward} / {@code step}.
 * The epoch loop is ours rather than {@code EasyTrain.fit}'s because what it must do is not in
 * EasyTrain: a fresh random crop of every clip each epoch, clip-level validation over sliding
 * windows (model selection on UA), early stopping, restoring the best epoch, and checkpoints from
 * which a run resumes exactly.
 *
 * <p>Memory: each step and each validation batch creates its arrays in its own sub-manager that is
 * closed at once (DJL attaches results to the first operand's manager; inputs made in the trainer's
 * manager would keep every step's activations alive).
 *
 * <p>Determinism: initialisation, shuffling, crops, masks and dropout all derive from
 * {@code config.seed()}, re-seeded at the start of every epoch, and the optimiser's moments are
 * checkpointed; so a run with the same seed repeats itself and a resumed run continues exactly as an
 * uninterrupted one would (see the tests). The engine's random seed is global: run one training at a
 * time per JVM.
 *
 * <p>Checkpoints in {@code checkpointDir}: {@code best/} (a model folder, loadable with
 * {@link sep.models.ModelStore}) and {@code last/} (model folder plus optimiser moments and
 * {@code trainer-state.json}), each replaced by writing a sibling and renaming, so that a run killed
 * while writing keeps its previous checkpoint.
 */
public final class DeepTrainer {
    private DeepTrainer() {}

    static final String BEST = "best";
    static final String LAST = "last";
    static final String STATE = "trainer-state.json";
    static final String OPTIMISER = "optimiser.state";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Trains without recording the log-mel settings in the model (see the overload). */
    public static TrainResult train(DeepConfig config, List<LabelledMel> train, List<LabelledMel> validation, List<String> labels,
                                    Path checkpointDir, boolean resume, TrainingObserver observer) throws IOException {
        return train(config, null, train, validation, labels, checkpointDir, resume, observer);
    }

    /**
     * Trains on {@code train}, selects the epoch with the best validation UA (validation loss breaks
     * ties) and returns that epoch's model. Never looks at any test data: {@code validation} must be
     * carved from the training side.
     *
     * @param features      log-mel settings of the clips, recorded in the model so that callers compute
     *                      matching features (may be null)
     * @param checkpointDir where {@code best/} and {@code last/} go; created when missing
     * @param resume        continue from {@code last/} when it exists (same config, labels and data
     *                      required); false starts afresh and replaces old checkpoints
     * @throws IllegalArgumentException for empty lists, labels out of range, clips with no frames or
     *                                  differing band counts, fewer than two labels
     */
    public static TrainResult train(DeepConfig config, LogMelConfig features, List<LabelledMel> train, List<LabelledMel> validation,
                                    List<String> labels, Path checkpointDir, boolean resume, TrainingObserver observer) throws IOException {
        return train(config, features, train, validation, labels, checkpointDir, resume, observer, null);
    }

    /**
     * As {@link #train(DeepConfig, LogMelConfig, List, List, List, Path, boolean, TrainingObserver)}, starting from the
     * feature layers of a trained model (transfer learning, e.g. from the other corpus): every layer up to the
     * embedding takes that model's weights (batch-norm statistics included), the classifier starts afresh, as the
     * labels may differ. The model must be the same network (architecture, width) on the same number of mel bands.
     *
     * @param initFrom a saved deep model folder, or null to start from random weights
     */
    public static TrainResult train(DeepConfig config, LogMelConfig features, List<LabelledMel> train, List<LabelledMel> validation,
                                    List<String> labels, Path checkpointDir, boolean resume, TrainingObserver observer,
                                    Path initFrom) throws IOException {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        if (checkpointDir == null) throw new IllegalArgumentException("checkpointDir must not be null");
        checkLabels(labels);
        int mels = checkClips(train, "training", labels.size(), -1);
        if (train.size() < 2) throw new IllegalArgumentException("need at least two training clips (batch norm needs a batch), got " + train.size());
        checkClips(validation, "validation", labels.size(), mels);
        if (config.architecture() != Architecture.ANN && mels < 32) {
            throw new IllegalArgumentException(config.architecture().id() + " halves the mel axis five times and needs at least 32 bands, got " + mels);
        }
        if (features != null && features.nMels() != mels) {
            throw new IllegalArgumentException("features say " + features.nMels() + " mels, the clips have " + mels);
        }
        NativeKernels.noticeOnce();
        TrainingObserver obs = observer == null ? TrainingObserver.NONE : observer;
        Files.createDirectories(checkpointDir);
        String fingerprint = fingerprint(train, validation);

        BandNormalizer band = config.normalisation().equals("band") ? BandNormalizer.fit(() -> train.stream().map(LabelledMel::db).iterator()) : null;
        MelInput input = new MelInput(mels, config.cropFrames(), config.normalisation(), band);
        List<MelInput.Prepared> trainClips = train.stream().map(c -> input.prepare(c.db())).toList();
        List<MelInput.Prepared> valClips = validation.stream().map(c -> input.prepare(c.db())).toList();
        int[] trainLabels = train.stream().mapToInt(LabelledMel::label).toArray();
        int[] valLabels = validation.stream().mapToInt(LabelledMel::label).toArray();
        double[] classWeights = config.classWeights() ? ClassWeights.inverseFrequency(trainLabels, labels.size()) : ClassWeights.uniform(labels.size());

        int batch = Math.min(config.batchSize(), train.size());
        // The last partial batch is dropped (the clips are reshuffled every epoch, so none is left out
        // for long): a batch of one or two would give batch norm meaningless statistics.
        int stepsPerEpoch = Math.max(1, train.size() / batch);
        if (config.maxBatches() > 0) stepsPerEpoch = Math.min(stepsPerEpoch, config.maxBatches());
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(), (long) config.warmupEpochs() * stepsPerEpoch,
                (long) config.epochs() * stepsPerEpoch, config.schedule().equals("cosine"), 0.01);

        State state = resume ? State.read(checkpointDir) : null;
        if (state != null) state.checkCompatible(checkpointDir, config, labels, mels, fingerprint);
        if (state == null) {
            deleteCheckpoints(checkpointDir);
            state = new State();
        }
        byte[] initialFeatures = initFrom == null || state.completedEpochs > 0 ? null : featureWeights(initFrom, config, mels);
        if (!state.finished) {
            runEpochs(config, features, labels, mels, input, trainClips, trainLabels, valClips, valLabels, classWeights, batch,
                    stepsPerEpoch, schedule, state, checkpointDir, fingerprint, obs, train.size(), validation.size(), initialFeatures);
        }
        if (state.bestEpoch < 1) throw new IOException(checkpointDir + ": no epoch was completed");
        Path best = checkpointDir.resolve(BEST);
        DeepModel model = DeepModel.load(best);
        double seconds = state.history.stream().mapToDouble(EpochStats::seconds).sum();
        return new TrainResult(model, state.history, state.bestEpoch, state.bestUa, seconds);
    }

    private static void runEpochs(DeepConfig config, LogMelConfig features, List<String> labels, int mels, MelInput input,
                                  List<MelInput.Prepared> trainClips, int[] trainLabels, List<MelInput.Prepared> valClips, int[] valLabels,
                                  double[] classWeights, int batch, int stepsPerEpoch, LearningRateSchedule schedule, State state,
                                  Path checkpointDir, String fingerprint, TrainingObserver obs, int trainCount, int valCount,
                                  byte[] initialFeatures) throws IOException {
        int classes = labels.size();
        int crop = config.cropFrames();
        int windowSize = mels * crop;
        Shape inputShape = new Shape(batch, 1, mels, crop);
        Networks.Net net = Networks.build(config.architecture(), config.width(), config.dropout(), classes, mels);
        try (Model model = Model.newInstance("sep-" + config.architecture().id())) {
            model.setBlock(net.full());
            CheckpointableAdam optimiser = new CheckpointableAdam(config.optimizer().equals("adamw"), config.weightDecay(), net.full().getParameters());
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(new SoftTargetCrossEntropy())
                    .optOptimizer(optimiser)
                    .optDevices(new Device[] {Device.cpu()})
                    // He initialisation for ReLU/SiLU networks (DJL's default for weights, stated here on purpose)
                    .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                Engine.getInstance().setRandomSeed(seed32(config.seed(), -1));
                net.full().initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
                if (initialFeatures != null) {
                    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(initialFeatures))) {
                        net.features().loadParameters(model.getNDManager(), in);
                    } catch (MalformedModelException e) {
                        throw new IOException("the pretrained feature layers do not fit this network: " + e.getMessage(), e);
                    }
                }
                if (state.completedEpochs > 0) {
                    Path last = checkpointDir.resolve(LAST);
                    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(last.resolve(DeepModel.WEIGHTS))))) {
                        net.full().loadParameters(model.getNDManager(), in);
                    } catch (MalformedModelException e) {
                        throw new IOException(last + ": unreadable weights: " + e.getMessage(), e);
                    }
                    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(last.resolve(OPTIMISER))))) {
                        optimiser.load(in, model.getNDManager());
                    }
                }
                trainer.initialize(inputShape); // parameters are initialised (or loaded) already: this attaches gradients

                DirectBuffer xStaging = new DirectBuffer(), targetStaging = new DirectBuffer(), valStaging = new DirectBuffer();
                double sessionSeconds = 0;
                int sessionEpochs = 0;
                for (int epoch = state.completedEpochs; epoch < config.epochs(); epoch++) {
                    long t0 = System.nanoTime();
                    Engine.getInstance().setRandomSeed(seed32(config.seed(), epoch)); // dropout
                    SplittableRandom rng = new SplittableRandom(mix(config.seed(), 1_000_003L + epoch));
                    int[] order = permutation(trainClips.size(), rng);
                    // Seeded per epoch like the crops, so a resumed run draws the same blends.
                    Mixup mixup = config.mixup() > 0 ? new Mixup(config.mixup(), mix(config.seed(), 2_000_003L + epoch)) : null;
                    double lossSum = 0;
                    long correct = 0, seen = 0;
                    double lr = 0;
                    for (int step = 0; step < stepsPerEpoch; step++) {
                        int n = batch;
                        float[] x = new float[n * windowSize];
                        float[] target = new float[n * classes];
                        int[] y = new int[n];
                        for (int j = 0; j < n; j++) {
                            int clip = order[step * batch + j];
                            MelInput.Prepared p = trainClips.get(clip);
                            input.window(p, input.randomStart(p.frames(), rng), x, j * windowSize);
                            input.mask(x, j * windowSize, config.freqMasks(), config.freqMaskWidth(), config.timeMasks(), config.timeMaskWidth(), rng);
                            y[j] = trainLabels[clip];
                            target[j * classes + y[j]] = (float) classWeights[y[j]];
                        }
                        if (mixup != null) y = mixup.apply(x, windowSize, target, classes, y, rng);
                        try (NDManager sub = trainer.getManager().newSubManager()) {
                            NDArray xs = sub.create(xStaging.of(x, x.length), new Shape(n, 1, mels, crop), DataType.FLOAT32);
                            NDArray ts = sub.create(targetStaging.of(target, target.length), new Shape(n, classes), DataType.FLOAT32);
                            NDArray logits;
                            float loss;
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                logits = trainer.forward(new NDList(xs)).singletonOrThrow();
                                NDArray l = trainer.getLoss().evaluate(new NDList(ts), new NDList(logits));
                                gc.backward(l);
                                loss = l.getFloat();
                            }
                            if (!Float.isFinite(loss)) {
                                throw new IllegalStateException(nonFiniteLoss(epoch + 1, step + 1, state.globalStep, x, logits, loss));
                            }
                            long[] predicted = logits.argMax(1).toLongArray();
                            for (int j = 0; j < n; j++) if (predicted[j] == y[j]) correct++;
                            seen += n;
                            lossSum += loss;
                            lr = schedule.at(state.globalStep);
                            optimiser.beginStep(lr);
                            trainer.step();
                            state.globalStep++;
                        }
                    }

                    double[][] probs;
                    try {
                        probs = DeepModel.clipOutputs(net.full(), trainer.getManager(), input, valClips, classes, true, valStaging);
                    } catch (NonFiniteOutputException e) {
                        // Training outputs of this epoch were finite: the weights or batch-norm statistics grew out of
                        // range (lower the learning rate), unless a native kernel is at fault (see the message).
                        throw new NonFiniteOutputException("validation after epoch " + (epoch + 1) + " (" + state.globalStep
                                + " weight updates; training outputs were finite, so most likely the weights diverged: lower "
                                + "the learning rate): " + e.getMessage());
                    }
                    int[] predicted = ClassificationMetrics.argmax(probs);
                    double valLoss = 0;
                    for (int i = 0; i < probs.length; i++) valLoss -= Math.log(Math.max(1e-12, probs[i][valLabels[i]]));
                    valLoss /= probs.length;
                    double valAcc = ClassificationMetrics.accuracy(valLabels, predicted);
                    double valUa = ClassificationMetrics.unweightedAccuracy(valLabels, predicted, classes);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    EpochStats stats = new EpochStats(epoch + 1, lossSum / stepsPerEpoch, correct / (double) seen, valLoss, valAcc, valUa, lr, seconds);
                    state.history.add(stats);
                    state.completedEpochs = epoch + 1;
                    boolean improved = state.bestEpoch < 1 || valUa > state.bestUa + 1e-12
                            || (Math.abs(valUa - state.bestUa) <= 1e-12 && valLoss < state.bestValidationLoss);
                    if (improved) {
                        state.bestEpoch = epoch + 1;
                        state.bestUa = valUa;
                        state.bestValidationLoss = valLoss;
                    }
                    boolean stop = epoch + 1 == config.epochs()
                            || (config.patience() > 0 && state.completedEpochs - state.bestEpoch >= config.patience());
                    state.finished = stop;
                    ObjectNode provenance = provenance(state, trainCount, valCount, fingerprint);
                    if (improved) {
                        replaceAtomically(checkpointDir.resolve(BEST),
                                dir -> DeepModel.write(dir, net.full(), input, config, labels, features, provenance));
                    }
                    State snapshot = state;
                    replaceAtomically(checkpointDir.resolve(LAST), dir -> {
                        DeepModel.write(dir, net.full(), input, config, labels, features, provenance);
                        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(OPTIMISER))))) {
                            optimiser.save(out);
                        }
                        snapshot.write(dir.resolve(STATE), config, labels, mels, fingerprint);
                    });
                    sessionSeconds += seconds;
                    sessionEpochs++;
                    double eta = sessionSeconds / sessionEpochs * (config.epochs() - state.completedEpochs);
                    obs.onEpoch(stats, config.epochs(), stop ? 0 : eta);
                    if (stop) break;
                }
            }
        }
    }

    /**
     * What a non-finite training loss came from, so that the advice fits: NaN in the batch itself, a network output that
     * is already NaN before any weight update (a native kernel fault, never the learning rate), or weights that grew
     * out of range after updates.
     */
    static String nonFiniteLoss(int epoch, int step, long updatesSoFar, float[] input, NDArray logits, float loss) {
        String where = "training stopped at epoch " + epoch + " step " + step + " (loss " + loss + ", after " + updatesSoFar
                + " weight updates): ";
        if (!allFinite(input)) return where + "the input batch holds NaN or infinite values (check the log-mels and their normalisation)";
        boolean outputFinite = !logits.isNaN().logicalOr(logits.isInfinite()).any().getBoolean();
        if (outputFinite) return where + "the network's output was finite, the loss was not (check the class weights and targets)";
        if (updatesSoFar == 0) {
            return where + "the network's output was NaN or infinite for a finite input before any weight update: a native kernel "
                    + "fault, not the learning rate (" + NativeKernels.describe() + "; see sep.models.deep.NativeKernels)";
        }
        return where + "the network's output became NaN or infinite for a finite input: the weights diverged (lower the learning "
                + "rate) or a native kernel fault (" + NativeKernels.describe() + ")";
    }

    static boolean allFinite(float[] values) {
        for (float v : values) if (!Float.isFinite(v)) return false;
        return true;
    }

    /** The feature layers' parameters of a saved model, after checking that it is the same network on as many bands. */
    private static byte[] featureWeights(Path modelDir, DeepConfig config, int mels) throws IOException {
        try (DeepModel pretrained = DeepModel.load(modelDir)) {
            DeepConfig c = pretrained.config();
            if (c.architecture() != config.architecture() || c.width() != config.width() || pretrained.mels() != mels) {
                throw new IllegalArgumentException(modelDir + " is a " + c.architecture().id() + " of width " + c.width() + " on "
                        + pretrained.mels() + " mel bands; this run trains a " + config.architecture().id() + " of width "
                        + config.width() + " on " + mels + ": its layers cannot start from it");
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                pretrained.network().features().saveParameters(out);
            }
            return bytes.toByteArray();
        }
    }

    private static ObjectNode provenance(State s, int trainCount, int valCount, String fingerprint) {
        ObjectNode t = JSON.createObjectNode();
        t.put("bestEpoch", s.bestEpoch);
        t.put("bestValidationUa", s.bestUa);
        t.put("bestValidationLoss", s.bestValidationLoss);
        t.put("epochsRun", s.completedEpochs);
        t.put("trainClips", trainCount);
        t.put("validationClips", valCount);
        t.put("dataFingerprint", fingerprint);
        t.put("trainSeconds", s.history.stream().mapToDouble(EpochStats::seconds).sum());
        return t;
    }

    // ---- input checks --------------------------------------------------------------------------------

    private static void checkLabels(List<String> labels) {
        if (labels == null || labels.size() < 2) throw new IllegalArgumentException("need at least two labels, got " + labels);
        if (new HashSet<>(labels).size() != labels.size()) throw new IllegalArgumentException("labels must be distinct: " + labels);
        for (String l : labels) if (l == null || l.isBlank()) throw new IllegalArgumentException("labels must not be blank: " + labels);
    }

    /** Validates clips and returns their common band count. */
    private static int checkClips(List<LabelledMel> clips, String what, int classes, int mels) {
        if (clips == null || clips.isEmpty()) throw new IllegalArgumentException("the " + what + " list is empty");
        int bands = mels;
        for (int i = 0; i < clips.size(); i++) {
            LabelledMel c = clips.get(i);
            if (c == null) throw new IllegalArgumentException(what + " clip " + i + " is null");
            String name = what + " clip " + i + " (" + c.id() + ")";
            if (c.label() < 0 || c.label() >= classes) {
                throw new IllegalArgumentException(name + " has label " + c.label() + ", outside 0.." + (classes - 1));
            }
            if (bands < 0) bands = c.db().length;
            if (bands == 0) throw new IllegalArgumentException(name + " has no mel bands");
            MelInput.check(c.db(), bands, name);
        }
        return bands;
    }

    /** Hash of the clips' ids, labels, shapes and value sums: a resume on other data is refused. */
    private static String fingerprint(List<LabelledMel> train, List<LabelledMel> validation) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (List<LabelledMel> list : List.of(train, validation)) {
                md.update((byte) '|');
                for (LabelledMel c : list) {
                    double sum = 0;
                    for (float[] row : c.db()) for (float v : row) sum += v;
                    md.update((c.id() + ":" + c.label() + ":" + c.db().length + "x" + c.db()[0].length + ":"
                            + Double.doubleToLongBits(sum) + ";").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- randomness ----------------------------------------------------------------------------------

    /** SplitMix64's finaliser over seed and salt: independent-looking streams per epoch and purpose. */
    static long mix(long seed, long salt) {
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int seed32(long seed, long salt) {
        return (int) (mix(seed, salt) & 0x7fffffff);
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    // ---- checkpoints ---------------------------------------------------------------------------------

    @FunctionalInterface
    private interface DirWriter {
        void write(Path dir) throws IOException;
    }

    /** Writes {@code target} as {@code target.tmp}, then swaps it in; the previous version survives until then as {@code target.old}. */
    private static void replaceAtomically(Path target, DirWriter writer) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Path old = target.resolveSibling(target.getFileName() + ".old");
        deleteTree(tmp);
        writer.write(tmp);
        deleteTree(old);
        if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /** The checkpoint folder, or its previous version when a crash came between the two renames. */
    private static Path existing(Path target) {
        if (Files.isDirectory(target)) return target;
        Path old = target.resolveSibling(target.getFileName() + ".old");
        return Files.isDirectory(old) ? old : null;
    }

    private static void deleteCheckpoints(Path dir) throws IOException {
        for (String name : List.of(BEST, LAST)) {
            for (String suffix : List.of("", ".tmp", ".old")) deleteTree(dir.resolve(name + suffix));
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }

    /** Progress of a run, saved with the last checkpoint. */
    private static final class State {
        int completedEpochs;
        long globalStep;
        int bestEpoch;
        double bestUa = Double.NEGATIVE_INFINITY;
        double bestValidationLoss = Double.POSITIVE_INFINITY;
        boolean finished;
        final List<EpochStats> history = new ArrayList<>();
        JsonNode savedConfig;
        List<String> savedLabels;
        int savedMels;
        String savedFingerprint;

        void write(Path file, DeepConfig config, List<String> labels, int mels, String fingerprint) throws IOException {
            ObjectNode root = JSON.createObjectNode();
            root.set("config", JSON.valueToTree(config));
            ArrayNode l = root.putArray("labels");
            labels.forEach(l::add);
            root.put("mels", mels);
            root.put("dataFingerprint", fingerprint);
            root.put("completedEpochs", completedEpochs);
            root.put("globalStep", globalStep);
            root.put("bestEpoch", bestEpoch);
            root.put("bestValidationUa", bestUa);
            root.put("bestValidationLoss", bestValidationLoss);
            root.put("finished", finished);
            root.set("history", JSON.valueToTree(history));
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        }

        static State read(Path checkpointDir) throws IOException {
            Path last = existing(checkpointDir.resolve(LAST));
            if (last == null || !Files.isRegularFile(last.resolve(STATE))) return null;
            JsonNode root = JSON.readTree(last.resolve(STATE).toFile());
            State s = new State();
            s.completedEpochs = root.path("completedEpochs").asInt();
            s.globalStep = root.path("globalStep").asLong();
            s.bestEpoch = root.path("bestEpoch").asInt();
            s.bestUa = root.path("bestValidationUa").asDouble();
            s.bestValidationLoss = root.path("bestValidationLoss").asDouble();
            s.finished = root.path("finished").asBoolean();
            for (JsonNode h : root.path("history")) s.history.add(JSON.treeToValue(h, EpochStats.class));
            s.savedConfig = root.get("config");
            s.savedLabels = new ArrayList<>();
            for (JsonNode n : root.path("labels")) s.savedLabels.add(n.asText());
            s.savedMels = root.path("mels").asInt();
            s.savedFingerprint = root.path("dataFingerprint").asText();
            if (!last.equals(checkpointDir.resolve(LAST))) Files.move(last, checkpointDir.resolve(LAST), StandardCopyOption.ATOMIC_MOVE);
            if (s.bestEpoch > 0 && existing(checkpointDir.resolve(BEST)) == null) {
                throw new IOException(checkpointDir + ": the last checkpoint names best epoch " + s.bestEpoch + " but best/ is missing");
            }
            Path best = existing(checkpointDir.resolve(BEST));
            if (best != null && !best.equals(checkpointDir.resolve(BEST))) Files.move(best, checkpointDir.resolve(BEST), StandardCopyOption.ATOMIC_MOVE);
            return s;
        }

        void checkCompatible(Path dir, DeepConfig config, List<String> labels, int mels, String fingerprint) throws IOException {
            DeepConfig saved;
            try {
                saved = JSON.treeToValue(savedConfig, DeepConfig.class);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException(dir + ": the checkpoint's settings are unreadable: " + e.getMessage(), e);
            }
            if (!config.equals(saved)) {
                throw new IOException(dir + ": the checkpoint was made with other settings (" + savedConfig + "); resume with those or start afresh");
            }
            if (!labels.equals(savedLabels) || mels != savedMels) {
                throw new IOException(dir + ": the checkpoint was made with labels " + savedLabels + " and " + savedMels + " mels");
            }
            if (!fingerprint.equals(savedFingerprint)) {
                throw new IOException(dir + ": the checkpoint was made on other training/validation clips");
            }
        }
    }
}
