package sep.training;

import com.fasterxml.jackson.databind.JsonNode;
import sep.data.Clip;
import sep.evaluation.Recipe;
import sep.features.LogMelConfig;
import sep.models.deep.DeepConfig;
import sep.models.deep.DeepTrainer;
import sep.models.deep.EpochStats;
import sep.models.deep.LabelledMel;
import sep.models.deep.TrainResult;
import sep.reporting.Charts;
import sep.util.Files2;
import sep.util.Json;
import sep.util.Progress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains one of the DJL networks on a fold (log-mel input) and writes its learning curves: {@code history.csv}
 * and {@code curves_loss.png} / {@code curves_accuracy.png} (train vs validation per epoch).
 */
public final class DeepRecipe implements Recipe {
    private final DeepConfig config;
    private final LogMelConfig features;
    private final Consumer<String> log;
    private final Pretrained pretrained;

    public DeepRecipe(DeepConfig config, LogMelConfig features, Consumer<String> log) {
        this(config, features, log, null);
    }

    /** @param pretrained a model whose feature layers start every fold (transfer from another corpus), or null */
    public DeepRecipe(DeepConfig config, LogMelConfig features, Consumer<String> log, Pretrained pretrained) {
        this.config = config;
        this.features = features;
        this.log = log;
        this.pretrained = pretrained;
        if (pretrained != null) pretrained.requireSameNetwork(config);
    }

    @Override
    public String inputs() {
        return "log-mel " + features.nMels();
    }

    @Override
    public String kind() {
        return config.architecture().id();
    }

    /**
     * The network, plus every setting that differs from its defaults ({@code resnet-mixup-0.4}): a run with other
     * hyperparameters is another entry of the leaderboard, not the newest run of the default recipe. The seed and
     * the smoke-test step limit do not name a variant.
     */
    @Override
    public String name() {
        return config.architecture().id() + variant(config) + (pretrained == null ? "" : "-init-" + pretrained.source());
    }

    static String variant(DeepConfig config) {
        JsonNode defaults = Json.tree(DeepConfig.defaults(config.architecture()));
        JsonNode actual = Json.tree(config);
        StringBuilder out = new StringBuilder();
        for (var field : actual.properties()) {
            String key = field.getKey();
            if (key.equals("seed") || key.equals("max_batches") || field.getValue().equals(defaults.get(key))) continue;
            out.append('-').append(key.replace('_', '-')).append('-').append(field.getValue().asText());
        }
        return out.toString();
    }

    /** The network's settings; with a pretrained start also the run (or folder) it came from. */
    @Override
    public Object settings() {
        if (pretrained == null) return config;
        com.fasterxml.jackson.databind.node.ObjectNode out = (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(config);
        out.put("init_from", pretrained.run());
        return out;
    }

    @Override
    public boolean smokeTest() {
        return config.maxBatches() > 0;
    }

    @Override
    public Trained train(TrainingData data, Path foldDir, boolean resume) throws IOException {
        List<LabelledMel> train = data.train().stream().map(c -> labelled(c, data)).toList();
        List<LabelledMel> validation = data.validation().stream().map(c -> labelled(c, data)).toList();
        DeepConfig seeded = config.toBuilder().seed(data.seed()).build();
        TrainResult result = DeepTrainer.train(seeded, features, train, validation, data.labels().labels(),
                foldDir.resolve("checkpoints"), resume, (s, total, eta) -> log.accept(String.format(Locale.ROOT,
                        "  epoch %d/%d  loss %.3f  train acc %.1f%%  val loss %.3f  val UA %.1f%%  lr %.2g  %.0f s/epoch  ETA %s",
                        s.epoch(), total, s.trainLoss(), 100 * s.trainAccuracy(), s.validationLoss(), 100 * s.validationUa(),
                        s.learningRate(), s.seconds(), Progress.formatDuration(eta))), pretrained == null ? null : pretrained.model());
        writeHistory(result, foldDir);
        return new Trained(result.model(), result.bestValidationUa(), false);
    }

    private static LabelledMel labelled(Clip clip, TrainingData data) {
        return new LabelledMel(clip.key(), data.features().apply(clip).logMel().db(), data.label(clip));
    }

    static void writeHistory(TrainResult result, Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,validation_ua,learning_rate,seconds\n");
        List<EpochStats> h = result.history();
        double[] epochs = new double[h.size()];
        double[][] loss = new double[2][h.size()];
        double[][] accuracy = new double[3][h.size()];
        for (int i = 0; i < h.size(); i++) {
            EpochStats s = h.get(i);
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6g,%.2f%n", s.epoch(), s.trainLoss(), s.trainAccuracy(),
                    s.validationLoss(), s.validationAccuracy(), s.validationUa(), s.learningRate(), s.seconds()));
            epochs[i] = s.epoch();
            loss[0][i] = s.trainLoss();
            loss[1][i] = s.validationLoss();
            accuracy[0][i] = s.trainAccuracy();
            accuracy[1][i] = s.validationAccuracy();
            accuracy[2][i] = s.validationUa();
        }
        Files2.writeAtomically(dir.resolve("history.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        if (h.isEmpty()) return;
        Map<String, double[][]> lossSeries = new LinkedHashMap<>();
        lossSeries.put("train (crops, augmented)", new double[][]{epochs, loss[0]});
        lossSeries.put("validation (whole clips)", new double[][]{epochs, loss[1]});
        Charts.save(Charts.lines("Loss per epoch (best epoch " + result.bestEpoch() + ")", "epoch", "cross-entropy", lossSeries),
                dir.resolve("curves_loss.png"));
        Map<String, double[][]> accSeries = new LinkedHashMap<>();
        accSeries.put("train accuracy", new double[][]{epochs, accuracy[0]});
        accSeries.put("validation accuracy (WA)", new double[][]{epochs, accuracy[1]});
        accSeries.put("validation UA", new double[][]{epochs, accuracy[2]});
        Charts.save(Charts.lines("Accuracy per epoch (best epoch " + result.bestEpoch() + ")", "epoch", "accuracy", accSeries),
                dir.resolve("curves_accuracy.png"));
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("best_epoch", result.bestEpoch());
        best.put("best_validation_ua", result.bestValidationUa());
        best.put("epochs_run", h.size());
        best.put("train_seconds", result.trainSeconds());
        Json.write(dir.resolve("training_summary.json"), best);
    }
}
