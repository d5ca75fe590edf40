package sep.models.classic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import sep.util.ColumnStatistics;

/**
 * A Tribuo classifier on utterance-level feature vectors ({@code sep.features.acoustic}), with
 * everything needed to apply it again: the standardisation statistics, the label order and the
 * feature names.
 *
 * <ul>
 *   <li><b>Standardisation.</b> Each feature is z-scored with the mean and (population) standard
 *       deviation of the <em>training</em> rows only, kept with the model; a feature that is
 *       constant in training (std below 1e-12) is divided by 1, i.e. only centred, instead of blowing
 *       up to infinity on new data.</li>
 *   <li><b>Class balance.</b> Emotion corpora are imbalanced (EmoDB: 127 anger, 46 disgust), so
 *       every class gets the weight {@code n / (classes * n_c)} (scikit-learn's "balanced"): as
 *       example weights for logistic regression and XGBoost, as LibSVM per-class C weights for SVM.
 *       Classes absent from the training rows get no weight and probability 0.</li>
 *   <li><b>Logistic regression:</b> {@code LinearSGDTrainer(LogMulticlass, AdaGrad(0.1, 0.1),
 *       sgdEpochs, seed)}; softmax probabilities.</li>
 *   <li><b>SVM:</b> RBF C-SVC. Every (C, gamma) of the grid is trained on the training rows and
 *       scored on the validation rows by unweighted accuracy (mean per-class recall); the best
 *       (first in grid order on ties, i.e. the smaller C and gamma) is kept. It was trained on the
 *       training rows only, exactly what a refit on train would give (same data, same seed), so
 *       there is no second fit. The validation rows are never trained on. Probabilities are
 *       LibSVM's own estimates ({@code -b 1}: Platt scaling from an internal 5-fold
 *       cross-validation, then pairwise coupling), not a softmax of decision values; their argmax
 *       can differ from LibSVM's one-vs-one vote in rare near-ties, and it is the argmax that was
 *       scored on validation.</li>
 *   <li><b>XGBoost:</b> {@code XGBoostClassificationTrainer(xgbRounds, xgbEta, gamma 0, xgbDepth,
 *       min child weight 1, no row or column subsampling, lambda 1, alpha 0, 1 thread, silent, seed)},
 *       multi:softprob probabilities.</li>
 * </ul>
 * The validation set, when given, is also scored for logistic regression and XGBoost and its UA
 * reported in {@link #chosenHyperparameters()}, but nothing is chosen on it for them.
 *
 * <p>Measured on EmoDB with the 157 {@code AcousticFeatures} and default configs, speaker-disjoint
 * (train speakers 11-16, 347 clips; validation 09 and 10, 81 clips; test 03 and 08, 107 clips;
 * chance UA 14.3 %): logistic regression test WA 74.8 % / UA 64.7 %, SVM (C 3, gamma 0.005)
 * 79.4 % / 69.4 %, XGBoost 70.1 % / 60.0 %.
 *
 * <p>Bad input (mismatched lengths, non-finite features, label index out of range, duplicate or
 * missing names) is an {@link IllegalArgumentException} saying what is wrong.
 */
public final class ClassicModel {

    /** Written into classic.json: a reader refuses files of another layout instead of misreading them. */
    static final String FORMAT = "sep-classic-model/1";
    static final String MODEL_FILE = "model.tribuo";
    static final String META_FILE = "classic.json";
    static final String PROVENANCE_FILE = "provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ClassicKind kind;
    private final List<String> labels;
    private final List<String> featureNames;
    private final String[] tribuoNames;
    private final double[] mean;
    private final double[] std;
    private final Model<Label> model;
    private final Map<String, Object> chosen;
    private final String provenanceJson;

    private ClassicModel(ClassicKind kind, List<String> labels, List<String> featureNames, double[] mean, double[] std,
                         Model<Label> model, Map<String, Object> chosen, String provenanceJson) {
        this.kind = kind;
        this.labels = List.copyOf(labels);
        this.featureNames = List.copyOf(featureNames);
        this.tribuoNames = featureNames.toArray(new String[0]);
        this.mean = mean;
        this.std = std;
        this.model = model;
        // Through JSON once, so that the map holds exactly the types a saved and loaded model has
        // (Integer for small whole numbers, Double, String, List, Map) and the two compare equal.
        this.chosen = Collections.unmodifiableMap(throughJsonText(chosen));
        this.provenanceJson = provenanceJson;
    }

    /**
     * Trains a model of {@code config.kind()}. {@code trainY[i]} and {@code valY[i]} index
     * {@code labels}. The validation set is needed for SVM when its grid has more than one
     * (C, gamma) pair; otherwise it may be {@code null} (both {@code valX} and {@code valY}).
     */
    public static ClassicModel train(ClassicConfig config, float[][] trainX, int[] trainY, float[][] valX, int[] valY,
                                     List<String> labels, List<String> featureNames) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        checkNames(labels, featureNames);
        int d = featureNames.size();
        int k = labels.size();
        checkRows(trainX, trainY, d, k, "training");
        if (trainX.length == 0) throw new IllegalArgumentException("no training rows");
        boolean hasVal = valX != null || valY != null;
        if (hasVal) {
            if (valX == null || valY == null) throw new IllegalArgumentException("give both valX and valY, or neither");
            checkRows(valX, valY, d, k, "validation");
            if (valX.length == 0) throw new IllegalArgumentException("the validation set is empty (pass null for none)");
        }
        if (config.kind() == ClassicKind.SVM && config.svmGridSize() > 1 && !hasVal) {
            throw new IllegalArgumentException("an SVM grid of " + config.svmGridSize()
                    + " (C, gamma) pairs needs a validation set to choose on; give one or a single pair");
        }

        ColumnStatistics standardisation = ColumnStatistics.of(java.util.Arrays.asList(trainX));
        double[] mean = standardisation.mean();
        double[] std = standardisation.std();

        LabelFactory factory = new LabelFactory();
        String[] names = featureNames.toArray(new String[0]);
        MutableDataset<Label> train = new MutableDataset<>(
                new SimpleDataSourceProvenance("sep classic training features (" + trainX.length + " rows, " + d + " features)", factory),
                factory);
        for (int i = 0; i < trainX.length; i++) {
            train.add(new ArrayExample<>(new Label(labels.get(trainY[i])), names, standardise(trainX[i], mean, std)));
        }
        int[] counts = new int[k];
        for (int y : trainY) counts[y]++;
        int present = 0;
        for (int c : counts) if (c > 0) present++;
        Map<Label, Float> weights = new LinkedHashMap<>();
        Map<String, Object> weightReport = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) continue;
            float w = (float) ((double) trainX.length / (present * counts[c]));
            weights.put(new Label(labels.get(c)), w);
            weightReport.put(labels.get(c), (double) w);
        }

        Map<String, Object> chosen = new LinkedHashMap<>();
        chosen.put("kind", config.kind().id());
        chosen.put("seed", config.seed());
        chosen.put("classWeights", weightReport);
        chosen.put("trainRows", trainX.length);
        Model<Label> model;
        switch (config.kind()) {
            case LOGISTIC -> {
                train.setWeights(weights);
                // loggingInterval -1: Tribuo would otherwise log the loss every 1000 examples
                LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), config.sgdEpochs(), -1, config.seed());
                model = trainer.train(train);
                chosen.put("sgdEpochs", config.sgdEpochs());
                chosen.put("optimiser", "AdaGrad(initialLearningRate=0.1, epsilon=0.1)");
            }
            case XGBOOST -> {
                train.setWeights(weights);
                // One thread: on a busy 2-core machine XGBoost's OpenMP threads spin-wait on each other
                // (measured: 200 rounds on EmoDB took 16-40 s with 2 threads, 4-5 s with 1). AUTO picks
                // the exact greedy algorithm for data this small; results do not depend on threads.
                XGBoostTrainer.TreeMethod method = XGBoostTrainer.TreeMethod.AUTO;
                int threads = 1;
                XGBoostClassificationTrainer trainer = new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
                        method, config.xgbRounds(), config.xgbEta(), 0.0, config.xgbDepth(), 1.0, 1.0, 1.0, 1.0, 0.0,
                        threads, XGBoostTrainer.LoggingVerbosity.SILENT, config.seed());
                model = trainer.train(train);
                chosen.put("xgbRounds", config.xgbRounds());
                chosen.put("xgbDepth", config.xgbDepth());
                chosen.put("xgbEta", config.xgbEta());
            }
            case SVM -> {
                Model<Label> best = null;
                double bestUa = Double.NEGATIVE_INFINITY, bestC = 0, bestGamma = 0;
                List<Object> grid = new ArrayList<>();
                for (double c : config.cGrid()) {
                    for (double gamma : config.gammaGrid()) {
                        Model<Label> m = trainSvm(train, weights, c, gamma, config.seed());
                        Map<String, Object> point = new LinkedHashMap<>();
                        point.put("C", c);
                        point.put("gamma", gamma);
                        if (hasVal) {
                            double ua = Accuracy.unweighted(valY, Accuracy.argmax(probabilities(m, valX, mean, std, labels, names)), k);
                            point.put("validationUA", ua);
                            if (ua > bestUa) {
                                bestUa = ua;
                                best = m;
                                bestC = c;
                                bestGamma = gamma;
                            }
                        } else {
                            best = m; // a single pair: nothing to choose
                            bestC = c;
                            bestGamma = gamma;
                        }
                        grid.add(point);
                    }
                }
                model = best;
                chosen.put("C", bestC);
                chosen.put("gamma", bestGamma);
                chosen.put("svmGrid", grid);
                chosen.put("probabilities", "LibSVM -b 1 (Platt scaling + pairwise coupling)");
            }
            default -> throw new IllegalStateException("unhandled kind " + config.kind());
        }
        if (!model.generatesProbabilities()) {
            throw new IllegalStateException(config.kind() + " model does not produce probabilities");
        }
        if (hasVal) {
            chosen.put("validationUA", Accuracy.unweighted(valY, Accuracy.argmax(probabilities(model, valX, mean, std, labels, names)), k));
            chosen.put("validationRows", valX.length);
        }
        return new ClassicModel(config.kind(), labels, featureNames, mean, std, model, chosen, provenanceToJson(model));
    }

    static {
        // LibSVM prints its optimiser's progress to stdout through one global hook; a grid search
        // would print thousands of lines. Nothing else in SEP uses LibSVM's console output.
        libsvm.svm.svm_set_print_string_function(s -> { });
    }

    private static Model<Label> trainSvm(MutableDataset<Label> train, Map<Label, Float> weights, double c, double gamma, long seed) {
        SVMParameters<Label> params = new SVMParameters<>(new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC), KernelType.RBF);
        params.setCost(c);
        params.setGamma(gamma);
        params.setProbability();
        LibSVMClassificationTrainer trainer = new LibSVMClassificationTrainer(params, seed);
        trainer.setLabelWeights(weights);
        return trainer.train(train);
    }

    /** The same model with one more entry in {@link #chosenHyperparameters()} (e.g. how a refitted model's settings were chosen). */
    public ClassicModel withReport(String key, Object value) {
        if (key == null || chosen.containsKey(key)) throw new IllegalArgumentException("report key " + key + " is null or taken");
        Map<String, Object> more = new LinkedHashMap<>(chosen);
        more.put(key, value);
        return new ClassicModel(kind, labels, featureNames, mean, std, model, more, provenanceJson);
    }

    /** Class probabilities per row, columns in {@link #labels()} order; every row sums to 1. */
    public double[][] predictProba(float[][] x) {
        if (x == null) throw new IllegalArgumentException("x must not be null");
        for (int i = 0; i < x.length; i++) checkRow(x[i], featureNames.size(), "row " + i);
        return probabilities(model, x, mean, std, labels, tribuoNames);
    }

    /** Most probable label index per row. */
    public int[] predict(float[][] x) {
        return Accuracy.argmax(predictProba(x));
    }

    /** Tribuo's own predictions on standardised rows: lets tests check the label mapping of {@link #predictProba}. */
    List<Prediction<Label>> tribuoPredictions(float[][] x) {
        for (int i = 0; i < x.length; i++) checkRow(x[i], featureNames.size(), "row " + i);
        return predictions(model, x, mean, std, tribuoNames);
    }

    private static List<Prediction<Label>> predictions(Model<Label> model, float[][] x, double[] mean, double[] std, String[] names) {
        List<Example<Label>> examples = new ArrayList<>(x.length);
        for (float[] row : x) examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, standardise(row, mean, std)));
        return model.predict(examples);
    }

    private static double[][] probabilities(Model<Label> model, float[][] x, double[] mean, double[] std, List<String> labels, String[] names) {
        List<Prediction<Label>> predictions = predictions(model, x, mean, std, names);
        double[][] out = new double[x.length][labels.size()];
        for (int i = 0; i < x.length; i++) {
            // Tribuo keys the scores by label name in its own id order: map them to ours explicitly
            Map<String, Label> scores = predictions.get(i).getOutputScores();
            double sum = 0;
            for (int c = 0; c < labels.size(); c++) {
                Label l = scores.get(labels.get(c));
                double p = l == null ? 0.0 : l.getScore(); // a label never seen in training
                if (!(p >= 0) || Double.isInfinite(p)) throw new IllegalStateException("model gave probability " + p + " for " + labels.get(c));
                out[i][c] = p;
                sum += p;
            }
            if (!(sum > 0)) throw new IllegalStateException("model gave no probability mass for row " + i);
            // renormalise: XGBoost's float softmax and LibSVM's coupling sum to 1 only within rounding
            for (int c = 0; c < labels.size(); c++) out[i][c] /= sum;
        }
        return out;
    }

    private static double[] standardise(float[] row, double[] mean, double[] std) {
        return new ColumnStatistics(mean, std).standardise(row);
    }

    public ClassicKind kind() {
        return kind;
    }

    public List<String> labels() {
        return labels;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** What was chosen or used: kind, seed, class weights, C/gamma and the grid's validation UAs (SVM), epochs, rounds, ... */
    public Map<String, Object> chosenHyperparameters() {
        return chosen;
    }

    /** The Tribuo model's provenance (trainer, its settings, dataset, host, versions) as JSON. */
    public String provenanceJson() {
        return provenanceJson;
    }

    /** Training means, per feature. */
    public double[] featureMeans() {
        return mean.clone();
    }

    /** Training standard deviations per feature (1 for a constant feature). */
    public double[] featureStds() {
        return std.clone();
    }

    /** The map as it reads back from its JSON text (numbers typed by the parser, as after {@link #load}). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> throughJsonText(Map<String, Object> map) {
        try {
            return JSON.readValue(JSON.writeValueAsString(map), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hyperparameters are not JSON-serialisable", e);
        }
    }

    private static String provenanceToJson(Model<Label> model) {
        try {
            return JSON.writeValueAsString(ProvenanceUtil.convertToMap(model.getProvenance()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the model provenance as JSON", e);
        }
    }

    /**
     * Writes {@value #MODEL_FILE} (Tribuo's protobuf serialisation), {@value #META_FILE}
     * (format, kind, labels, feature names, standardisation, chosen hyperparameters) and
     * {@value #PROVENANCE_FILE} into {@code dir}, creating it if needed.
     */
    public void save(Path dir) throws IOException {
        if (dir == null) throw new IllegalArgumentException("dir must not be null");
        Files.createDirectories(dir);
        model.serializeToFile(dir.resolve(MODEL_FILE));
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", kind.id());
        ArrayNode l = root.putArray("labels");
        labels.forEach(l::add);
        ArrayNode f = root.putArray("featureNames");
        featureNames.forEach(f::add);
        // doubles are written in their shortest round-trip form, so they read back bit for bit
        ArrayNode m = root.putArray("mean");
        for (double v : mean) m.add(v);
        ArrayNode s = root.putArray("std");
        for (double v : std) s.add(v);
        root.set("chosenHyperparameters", JSON.valueToTree(chosen));
        JSON.writeValue(dir.resolve(META_FILE).toFile(), root);
        Files.writeString(dir.resolve(PROVENANCE_FILE), provenanceJson);
    }

    /** Reads what {@link #save} wrote; predicts exactly as the saved model did. */
    public static ClassicModel load(Path dir) throws IOException {
        if (dir == null) throw new IllegalArgumentException("dir must not be null");
        Path metaFile = dir.resolve(META_FILE);
        JsonNode root = JSON.readTree(metaFile.toFile());
        if (root == null || !root.isObject()) throw new IOException(metaFile + ": not a JSON object");
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IOException(metaFile + ": format is \"" + root.path("format").asText() + "\", expected \"" + FORMAT + "\"");
        }
        ClassicKind kind;
        try {
            kind = ClassicKind.fromId(root.path("kind").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException(metaFile + ": " + e.getMessage(), e);
        }
        List<String> labels = strings(root, "labels", metaFile);
        List<String> featureNames = strings(root, "featureNames", metaFile);
        double[] mean = numbers(root, "mean", metaFile);
        double[] std = numbers(root, "std", metaFile);
        if (mean.length != featureNames.size() || std.length != featureNames.size()) {
            throw new IOException(metaFile + ": " + featureNames.size() + " feature names but " + mean.length + " means and " + std.length + " stds");
        }
        for (int j = 0; j < std.length; j++) if (!(std[j] > 0)) throw new IOException(metaFile + ": std[" + j + "] = " + std[j] + " is not positive");
        JsonNode chosenNode = root.get("chosenHyperparameters");
        if (chosenNode == null || !chosenNode.isObject()) throw new IOException(metaFile + ": \"chosenHyperparameters\" must be an object");
        @SuppressWarnings("unchecked")
        Map<String, Object> chosen = JSON.treeToValue(chosenNode, LinkedHashMap.class);
        Model<?> raw = Model.deserializeFromFile(dir.resolve(MODEL_FILE));
        if (!raw.validate(Label.class)) throw new IOException(dir.resolve(MODEL_FILE) + ": not a classification model");
        Model<Label> model = raw.castModel(Label.class);
        for (Label known : model.getOutputIDInfo().getDomain()) {
            if (!labels.contains(known.getLabel())) {
                throw new IOException(dir + ": the Tribuo model knows label \"" + known.getLabel() + "\", which " + META_FILE + " does not list");
            }
        }
        String provenance = Files.readString(dir.resolve(PROVENANCE_FILE));
        return new ClassicModel(kind, labels, featureNames, mean, std, model, chosen, provenance);
    }

    private static List<String> strings(JsonNode root, String field, Path file) throws IOException {
        JsonNode a = root.get(field);
        if (a == null || !a.isArray() || a.isEmpty()) throw new IOException(file + ": \"" + field + "\" must be a non-empty array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode v : a) {
            if (!v.isTextual()) throw new IOException(file + ": \"" + field + "\" holds a non-string " + v);
            out.add(v.asText());
        }
        return out;
    }

    private static double[] numbers(JsonNode root, String field, Path file) throws IOException {
        JsonNode a = root.get(field);
        if (a == null || !a.isArray()) throw new IOException(file + ": \"" + field + "\" must be an array of numbers");
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw new IOException(file + ": " + field + "[" + i + "] is not a finite number");
            out[i] = v.asDouble();
        }
        return out;
    }

    private static void checkNames(List<String> labels, List<String> featureNames) {
        if (labels == null || labels.size() < 2) throw new IllegalArgumentException("need at least two labels, got " + labels);
        Set<String> seen = new HashSet<>();
        for (String l : labels) {
            if (l == null || l.isBlank()) throw new IllegalArgumentException("labels must be non-blank strings, got " + labels);
            if (!seen.add(l)) throw new IllegalArgumentException("label \"" + l + "\" appears twice");
        }
        if (featureNames == null || featureNames.isEmpty()) throw new IllegalArgumentException("featureNames must not be empty");
        seen.clear();
        for (String f : featureNames) {
            if (f == null || f.isBlank()) throw new IllegalArgumentException("feature names must be non-blank strings");
            if (f.equals(Model.BIAS_FEATURE)) throw new IllegalArgumentException("feature name " + f + " is reserved by Tribuo");
            if (!seen.add(f)) throw new IllegalArgumentException("feature name \"" + f + "\" appears twice");
        }
    }

    private static void checkRows(float[][] x, int[] y, int d, int k, String what) {
        if (x == null || y == null) throw new IllegalArgumentException(what + " features and labels must not be null");
        if (x.length != y.length) throw new IllegalArgumentException(what + " set has " + x.length + " feature rows but " + y.length + " labels");
        for (int i = 0; i < x.length; i++) {
            checkRow(x[i], d, what + " row " + i);
            if (y[i] < 0 || y[i] >= k) {
                throw new IllegalArgumentException(what + " label " + i + " is " + y[i] + ", outside 0.." + (k - 1) + " (" + k + " labels)");
            }
        }
    }

    private static void checkRow(float[] row, int d, String what) {
        if (row == null) throw new IllegalArgumentException(what + " is null");
        if (row.length != d) throw new IllegalArgumentException(what + " has " + row.length + " features, expected " + d);
        for (int j = 0; j < d; j++) {
            if (!Float.isFinite(row[j])) throw new IllegalArgumentException(what + " feature " + j + " is " + row[j]);
        }
    }
}
