package sep.evaluation;

import sep.cli.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import sep.data.Clip;
import sep.data.Fold;
import sep.data.LabelSpace;
import sep.data.Protocol;
import sep.features.FeatureCache;
import sep.models.SavedModel;
import sep.prediction.ModelRef;
import sep.runs.RunFolder;
import sep.util.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sep-eval --model M [--protocol P]}: scores saved models on the test folds of a protocol of the built-in corpora,
 * with the same inputs and report format as the protocol run itself ({@code folds/<fold>/test_*}, {@code pooled_*}).
 *
 * <ul>
 *   <li>{@code M} is a protocol run ({@code sep-train}/{@code sep-classic}): each fold's model is scored on that fold's
 *       test clips, the folds rebuilt from the run's own settings. The numbers are those of the run, recomputed.</li>
 *   <li>{@code M} is one model and {@code --protocol} names a protocol: the model is scored on every fold of it whose
 *       test clips it has never seen (by content hash); a fold with any seen test clip is left out and said so, and
 *       when no fold is left the evaluation is refused: a score on training clips proves nothing.</li>
 * </ul>
 */
public final class ProtocolEvaluation {
    private ProtocolEvaluation() {}

    /**
     * @param model    run id or folder, fold folder or model folder; null for the default model
     * @param protocol protocol id, or null for the run's own
     * @param dataset  dataset id, or null for the one the model was trained on
     * @param seeds    the protocol's seeds, or null for the model's run's (else {@link sep.runs.Seeds#DEFAULT})
     */
    public record Config(String model, String protocol, String dataset, List<Long> seeds) {
        public Config {
            if (protocol != null) {
                try {
                    Protocol.fromId(protocol);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--protocol: " + e.getMessage());
                }
            }
        }
    }

    public record FoldScore(String fold, int testClips, double wa, double ua, double macroF1) {}

    public record Result(List<FoldScore> folds, List<String> leftOut, Metrics pooled, Path runDir) {}

    public static Result run(Config config, PrintStream out) throws IOException {
        if (config.model() == null) return scoreModel(config, out); // the default model
        Path dir = RunFolder.resolve(config.model());
        JsonNode manifest = Files.isRegularFile(dir.resolve("manifest.json")) ? Json.read(dir.resolve("manifest.json")) : null;
        ProtocolRunner.Config runConfig = ProtocolRunner.ofRun(dir, manifest);
        if (runConfig != null) {
            boolean sameProtocol = (config.protocol() == null || Protocol.fromId(config.protocol()) == runConfig.protocol())
                    && (config.dataset() == null || config.dataset().equals(runConfig.dataset()));
            if (sameProtocol) return rescoreRun(dir, manifest, runConfig, out);
            // Another protocol: only a run with a single model can mean "this model" (ModelRef refuses the others).
        }
        return scoreModel(config, out);
    }

    /** Each fold's model on its own test clips. */
    private static Result rescoreRun(Path dir, JsonNode manifest, ProtocolRunner.Config runConfig, PrintStream out) throws IOException {
        out.println("re-scoring " + dir.getFileName() + ": " + runConfig.dataset() + " " + runConfig.protocol() + " " + runConfig.labelSpace());
        DatasetInputs inputs = new DatasetInputs(List.of(runConfig.dataset()), runConfig.preprocess(), FeatureCache.standard(), true)
                .speakerNormalised(runConfig.speakerNormalised());
        List<Fold> folds = ProtocolRunner.folds(runConfig, inputs); // the run's own: maxFolds and every seed's folds
        Map<String, Object> evalConfig = new LinkedHashMap<>();
        evalConfig.put("model", dir.toString());
        evalConfig.put("mode", "protocol run re-scored");
        evalConfig.put("protocol", runConfig);
        RunFolder run = RunFolder.create("eval", runConfig.dataset().replace("->", "-to-") + "-" + runConfig.protocol(), evalConfig,
                runConfig.seeds().get(0));
        List<Scorable> work = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Fold fold : folds) {
            Path modelDir = dir.resolve("folds").resolve(fold.name()).resolve("model");
            if (!ModelRef.isModelFolder(modelDir)) leftOut.add(fold.name() + ": no saved model (the run did not finish this fold)");
            else work.add(new Scorable(fold, modelDir));
        }
        return score(work, leftOut, runConfig, inputs, run, manifest.path("id").asText(dir.getFileName().toString()), true, out);
    }

    /** One model on the folds of a protocol whose test clips it has never seen. */
    private static Result scoreModel(Config config, PrintStream out) throws IOException {
        ModelRef ref = ModelRef.resolve(config.model());
        JsonNode trainedOn = ref.run() == null ? null : ModelRef.protocolOf(ref.run().path("config"));
        if (config.protocol() == null) {
            throw new UsageException(ref.dir() + " is one model: name the protocol to score it on with --protocol "
                    + "(split, loso, grouped-folds, cross-corpus, random-80-20), or give --labels");
        }
        Protocol protocol = Protocol.fromId(config.protocol());
        String dataset = config.dataset() != null ? config.dataset()
                : trainedOn != null && trainedOn.has("dataset") ? trainedOn.get("dataset").asText() : null;
        if (dataset == null) throw new UsageException("name the dataset to score " + ref.id() + " on with --dataset");
        List<Long> seeds = config.seeds();
        if (seeds == null || seeds.isEmpty()) {
            seeds = new ArrayList<>();
            if (trainedOn != null && trainedOn.path("seeds").isArray()) for (JsonNode s : trainedOn.get("seeds")) seeds.add(s.asLong());
            if (seeds.isEmpty()) seeds.add(sep.runs.Seeds.DEFAULT);
        }
        // Outside random-80-20 the seeds choose validation speakers, which a finished model no longer uses: one seed
        // gives every test fold once (several would score the model on each test fold again).
        if (protocol != Protocol.RANDOM_80_20 && seeds.size() > 1) seeds = List.of(seeds.get(0));
        List<String> labels;
        sep.features.PreprocessConfig preprocess;
        try (SavedModel saved = ref.load()) {
            labels = saved.labels();
            preprocess = saved.preprocess();
            out.println("using " + ref.describe(saved));
        }
        String base = dataset.contains("->") ? dataset.substring(0, dataset.indexOf("->")) : dataset;
        String space = labels.equals(LabelSpace.SHARED6.labels()) ? LabelSpace.SHARED6.name() : "native";
        if (!LabelSpace.of(base, space).labels().equals(labels)) {
            throw new IllegalArgumentException(ref.id() + " predicts " + labels + ", which is not a label space of " + dataset
                    + " (" + LabelSpace.of(base, "native").labels() + " or " + LabelSpace.SHARED6.labels() + ")");
        }
        ProtocolRunner.Config protocolConfig = new ProtocolRunner.Config(dataset, space, protocol, seeds, preprocess, 0);
        DatasetInputs inputs = new DatasetInputs(List.of(dataset), preprocess, FeatureCache.standard(), true);
        List<Fold> folds = ProtocolRunner.folds(protocolConfig, inputs);
        Map<String, Object> evalConfig = new LinkedHashMap<>();
        evalConfig.put("model", ref.dir().toString());
        evalConfig.put("model_id", ref.id());
        evalConfig.put("mode", "one model on the unseen folds of a protocol");
        evalConfig.put("protocol", protocolConfig);
        RunFolder run = RunFolder.create("eval", dataset.replace("->", "-to-") + "-" + protocol, evalConfig, seeds.get(0));
        List<Scorable> work = new ArrayList<>();
        for (Fold fold : folds) work.add(new Scorable(fold, ref.dir()));
        return score(work, new ArrayList<>(), protocolConfig, inputs, run, ref.id(), false, out);
    }

    private record Scorable(Fold fold, Path modelDir) {}

    private static Result score(List<Scorable> work, List<String> leftOut, ProtocolRunner.Config config, DatasetInputs inputs,
                                RunFolder run, String modelName, boolean ownFolds, PrintStream out) throws IOException {
        try {
            LabelSpace labels = config.labels();
            List<FoldScore> scores = new ArrayList<>();
            List<Metrics> metrics = new ArrayList<>();
            String kind = "model";
            for (Scorable s : work) {
                Fold fold = s.fold();
                try (SavedModel saved = SavedModel.load(s.modelDir())) {
                    kind = saved.model().kind();
                    if (!saved.labels().equals(labels.labels())) {
                        throw new IllegalArgumentException(s.modelDir() + " predicts " + saved.labels() + ", the protocol's labels are "
                                + labels.labels());
                    }
                    if (!saved.preprocess().equals(config.preprocess())) {
                        throw new IllegalArgumentException(s.modelDir() + " was trained with other preprocessing than " + config.preprocess());
                    }
                    long seen = fold.test().stream().map(Clip::sha256).filter(saved.trainingHashes()::contains).count();
                    if (seen > 0) {
                        leftOut.add(String.format(Locale.ROOT, "%s: %d of %d test clips were used to train or validate the model%s",
                                fold.name(), seen, fold.test().size(), ownFolds ? " (the folds differ from the run's: changed data?)" : ""));
                        continue;
                    }
                    Path foldDir = Files.createDirectories(run.dir().resolve("folds").resolve(fold.name()));
                    Metrics m = EvaluationReport.write(foldDir, "test_", kind + " " + fold.name(), labels.labels(),
                            ProtocolRunner.predict(saved.model(), fold.test(), labels, inputs));
                    metrics.add(m);
                    scores.add(new FoldScore(fold.name(), fold.test().size(), m.wa(), m.ua(), m.macroF1()));
                    out.println(String.format(Locale.ROOT, "fold %s: WA %.1f%%  UA %.1f%%  macro-F1 %.1f%%  (%d test clips)", fold.name(),
                            100 * m.wa(), 100 * m.ua(), 100 * m.macroF1(), fold.test().size()));
                }
            }
            for (String l : leftOut) out.println("left out: " + l);
            if (scores.isEmpty()) {
                throw new IllegalArgumentException("no fold of " + config.dataset() + " " + config.protocol() + " can be scored with "
                        + modelName + ":\n  " + String.join("\n  ", leftOut) + "\na score on clips the model was trained on proves nothing");
            }
            Metrics pooled = Metrics.pooled(metrics);
            EvaluationReport.writeMetrics(run.dir(), "pooled_", kind + " " + config.dataset() + " " + config.protocol() + " ("
                    + scores.size() + " fold" + (scores.size() == 1 ? "" : "s") + ")", pooled);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("model", modelName);
            summary.put("dataset", config.dataset());
            summary.put("protocol", config.protocol().id());
            summary.put("label_space", config.labelSpace());
            summary.put("folds", scores);
            summary.put("folds_left_out", leftOut);
            Metrics.putFoldSummary(summary, scores.stream().map(FoldScore::ua).toList(), scores.stream().map(FoldScore::wa).toList(),
                    scores.stream().map(FoldScore::macroF1).toList(), pooled);
            run.put("summary", summary);
            out.println(String.format(Locale.ROOT, "%s %s %s: UA %.1f%% ± %.1f (pooled %.1f%%), WA %.1f%%, macro-F1 %.1f%% over %d fold(s)",
                    modelName, config.dataset(), config.protocol(), 100 * (double) summary.get("ua_mean"),
                    100 * (double) summary.get("ua_std"), 100 * pooled.ua(), 100 * (double) summary.get("wa_mean"),
                    100 * (double) summary.get("macro_f1_mean"), scores.size()));
            out.println("report: " + run.dir());
            run.finish("ok");
            return new Result(scores, List.copyOf(leftOut), pooled, run.dir());
        } catch (IOException | RuntimeException e) {
            run.finish("failed: " + e.getMessage());
            throw e;
        }
    }
}
