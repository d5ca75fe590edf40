package sep.evaluation;

import sep.models.ClipInput;

import com.fasterxml.jackson.databind.JsonNode;
import sep.data.Clip;
import sep.data.ClipDigest;
import sep.data.Corpus;
import sep.data.Fold;
import sep.data.LabelSpace;
import sep.data.Protocol;
import sep.data.Splits;
import sep.features.PreprocessConfig;
import sep.models.EmotionModel;
import sep.models.SavedModel;
import sep.prediction.ModelRef;
import sep.runs.PeakMemory;
import sep.runs.RunFolder;
import sep.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Recipe} over every fold of a protocol and writes the project's one report format: per fold a
 * folder with the model, test and validation reports; for the run the fold mean ± sd, the pooled confusion matrix
 * and a leaderboard entry. A run interrupted between folds resumes at the first unfinished fold.
 */
public final class ProtocolRunner {
    private ProtocolRunner() {}

    /** Appended to the model name of runs with per-speaker feature normalisation. */
    public static final String SPEAKER_NORMALISED_SUFFIX = "+spknorm";

    /** Under the manifest's {@code data}: how many clips the run's folds use and their {@link ClipDigest}. */
    public static final String USED_CLIPS = "clips_used";

    /**
     * @param dataset    {@code emodb}, {@code ravdess}, {@code emodb+ravdess}, or {@code a->b} for cross-corpus
     * @param labelSpace {@code native} or {@code shared6}
     * @param seeds      the protocol's seeds: random-80-20 has one fold per seed; every other protocol runs each seed over
     *                   every fold (validation speakers, initialisation) and reports the mean over seeds
     * @param speakerNormalised every speaker's inputs normalised with that speaker's own statistics
     *                   ({@link DatasetInputs#speakerNormalised(boolean)}): transductive, entered under the model's name
     *                   with {@code +spknorm}
     */
    public record Config(String dataset, String labelSpace, Protocol protocol, List<Long> seeds, PreprocessConfig preprocess,
                         int maxFolds, boolean speakerNormalised) {
        public Config(String dataset, String labelSpace, Protocol protocol, List<Long> seeds, PreprocessConfig preprocess, int maxFolds) {
            this(dataset, labelSpace, protocol, seeds, preprocess, maxFolds, false);
        }

        public Config {
            if (seeds == null || seeds.isEmpty()) throw new IllegalArgumentException("give at least one seed");
            seeds = List.copyOf(seeds);
            if (protocol == Protocol.CROSS_CORPUS && !dataset.contains("->")) {
                throw new IllegalArgumentException("cross-corpus needs a dataset like emodb->ravdess, got " + dataset);
            }
            if (protocol != Protocol.CROSS_CORPUS && dataset.contains("->")) {
                throw new IllegalArgumentException("dataset " + dataset + " is cross-corpus: use --protocol cross-corpus");
            }
            if (protocol == Protocol.CROSS_CORPUS && !"shared6".equals(labelSpace)) {
                throw new IllegalArgumentException("cross-corpus evaluation uses the shared six emotions: --labels shared6");
            }
        }

        /** The label space of the run (for cross-corpus: the shared six). */
        public LabelSpace labels() {
            String base = dataset.contains("->") ? dataset.substring(0, dataset.indexOf("->")) : dataset;
            return LabelSpace.of(base, labelSpace);
        }
    }

    /** What one fold gave; the same record is read back when a run resumes. */
    public record FoldResult(String fold, int trainClips, int validationClips, int testClips, List<String> testSpeakers,
                             double wa, double ua, double macroF1, double validationUa, double trainSeconds) {}

    public record Result(String runId, String model, List<FoldResult> folds, Metrics pooled, Map<String, Object> leaderboardEntry) {}

    /**
     * One fold a run trains: a fold of the protocol split with {@code seed}. With several seeds (other than random-80-20,
     * whose seeds are its folds) each seed runs every fold, and the fold is named {@code <protocolFold>-seed-<seed>}.
     */
    public record RunFold(Fold fold, String protocolFold, long seed) {}

    public static Result run(Config config, Recipe recipe, RunFolder run, DatasetInputs inputs, boolean resume,
                             java.util.function.Consumer<String> log) throws IOException {
        LabelSpace labels = config.labels();
        String modelName = config.speakerNormalised() ? recipe.name() + SPEAKER_NORMALISED_SUFFIX : recipe.name();
        if (config.speakerNormalised() != inputs.speakerNormalised()) {
            throw new IllegalArgumentException("the protocol says speaker normalisation " + config.speakerNormalised()
                    + " but the inputs do " + inputs.speakerNormalised());
        }
        List<RunFold> runFolds = runFolds(config, inputs);
        List<Fold> folds = runFolds.stream().map(RunFold::fold).toList();
        // Complete unless --max-folds left out some of the protocol's folds (for random-80-20: of its seeds).
        int protocolFoldCount = config.protocol() == Protocol.RANDOM_80_20 ? config.seeds().size()
                : protocolFolds(config, inputs, config.seeds().get(0)).size();
        boolean allFolds = config.maxFolds() <= 0 || config.maxFolds() >= protocolFoldCount;
        run.put("folds", folds.stream().map(Fold::name).toList());
        run.put("labels", labels.labels());
        // The data digest the manifest promises: exactly the audio this run's folds train, validate and test on.
        List<Clip> used = folds.stream().flatMap(f -> java.util.stream.Stream.of(f.train(), f.validation(), f.test()))
                .flatMap(List::stream).toList();
        run.data(USED_CLIPS, Map.of("clips", used.stream().map(Clip::key).distinct().count(), "sha256", ClipDigest.of(used)));
        List<FoldResult> results = new ArrayList<>();
        List<Metrics> foldMetrics = new ArrayList<>();
        for (int i = 0; i < folds.size(); i++) {
            Fold fold = folds.get(i);
            Path foldDir = run.dir().resolve("folds").resolve(fold.name());
            Path resultFile = foldDir.resolve("fold.json");
            if (resume && Files.isRegularFile(resultFile)) {
                results.add(Json.MAPPER.treeToValue(Json.read(resultFile), FoldResult.class));
                foldMetrics.add(readMetrics(foldDir.resolve("test_metrics.json"), labels));
                log.accept(String.format("fold %d/%d %s: done earlier (UA %.1f%%)", i + 1, folds.size(), fold.name(),
                        100 * results.get(results.size() - 1).ua()));
                continue;
            }
            Files.createDirectories(foldDir);
            log.accept(String.format("fold %d/%d %s: %d train, %d validation, %d test clips", i + 1, folds.size(), fold.name(),
                    fold.train().size(), fold.validation().size(), fold.test().size()));
            long seed = runFolds.get(i).seed();
            var data = new Recipe.TrainingData(fold, labels, fold.train(), fold.validation(), inputs::input, seed);
            Instant t0 = Instant.now();
            Recipe.Trained trained = recipe.train(data, foldDir, resume);
            try (EmotionModel model = trained.model()) {
                double trainSeconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0 + trained.upstreamTrainSeconds();
                SavedModel.save(model, config.preprocess(), fold, config.speakerNormalised(), foldDir.resolve("model"));
                // A model refitted on the validation speakers has seen them: no report pretends they are held out.
                if (!fold.validation().isEmpty() && !trained.refittedOnValidation()) {
                    EvaluationReport.write(foldDir, "validation_", "validation " + fold.name(), labels.labels(),
                            predict(model, fold.validation(), labels, inputs));
                }
                Metrics test = EvaluationReport.write(foldDir, "test_", modelName + " " + fold.name(), labels.labels(),
                        predict(model, fold.test(), labels, inputs));
                FoldResult result = new FoldResult(fold.name(), fold.train().size(), fold.validation().size(), fold.test().size(),
                        List.copyOf(fold.testSpeakers()), test.wa(), test.ua(), test.macroF1(),
                        trained.selectionValidationUa(), trainSeconds);
                Json.write(resultFile, result);
                results.add(result);
                foldMetrics.add(test);
                log.accept(String.format("fold %d/%d %s: test WA %.1f%% UA %.1f%% (validation UA %.1f%%), %.0f s", i + 1,
                        folds.size(), fold.name(), 100 * test.wa(), 100 * test.ua(), 100 * result.validationUa(), trainSeconds));
            }
        }
        Metrics pooled = Metrics.pooled(foldMetrics);
        EvaluationReport.writeMetrics(run.dir(), "pooled_", modelName + " " + config.dataset() + " " + config.protocol()
                + (seedsOverFolds(config) ? " (all folds, all seeds)" : " (all folds)"), pooled);
        Map<String, Object> entry = seedsOverFolds(config)
                ? meanOverSeeds(config, modelName, recipe.inputs(), run.id(), runFolds, results, foldMetrics)
                : leaderboardEntry(config, modelName, recipe.inputs(), run.id(), results, pooled);
        // Partial protocols and machinery tests are reported in their run folder but never ranked.
        entry.put("complete", allFolds && !recipe.smokeTest());
        Json.write(run.file("leaderboard_entry.json"), entry);
        run.put("summary", entry);
        return new Result(run.id(), modelName, results, pooled, entry);
    }

    /**
     * The protocol a finished or interrupted run folder was made with ({@code sep-train}, {@code sep-classic},
     * {@code sep-fuse}), or null when the folder is not a protocol run.
     */
    public static Config ofRun(Path runDir, JsonNode manifest) throws IOException {
        JsonNode protocolNode = manifest == null ? null : ModelRef.protocolOf(manifest.path("config"));
        if (protocolNode == null || !Files.isDirectory(runDir.resolve("folds"))) return null;
        return Json.MAPPER.treeToValue(protocolNode, Config.class);
    }

    /** The folds a run of the protocol trains, in order (see {@link #runFolds}). */
    public static List<Fold> folds(Config config, DatasetInputs inputs) {
        return runFolds(config, inputs).stream().map(RunFold::fold).toList();
    }

    /**
     * Every fold a run trains, each with its seed: random-80-20 makes one fold per seed; any other protocol, with one
     * seed, its folds as they are; with several, every seed over every fold (the first {@code maxFolds} of them), seed by
     * seed, so that a seed's validation speakers and initialisation never stand for the whole protocol.
     */
    public static List<RunFold> runFolds(Config config, DatasetInputs inputs) {
        if (config.protocol() == Protocol.RANDOM_80_20) {
            List<Clip> clips = config.labels().select(inputs.clips(config.dataset()));
            List<RunFold> out = new ArrayList<>();
            for (long s : config.seeds()) {
                Fold fold = Splits.randomStratified(clips, 0.2, s);
                out.add(new RunFold(fold, fold.name(), s));
            }
            return config.maxFolds() > 0 && out.size() > config.maxFolds() ? out.subList(0, config.maxFolds()) : out;
        }
        List<RunFold> out = new ArrayList<>();
        for (long s : config.seeds()) {
            List<Fold> folds = protocolFolds(config, inputs, s);
            if (config.maxFolds() > 0 && folds.size() > config.maxFolds()) folds = folds.subList(0, config.maxFolds());
            for (Fold f : folds) {
                Fold named = config.seeds().size() == 1 ? f
                        : new Fold(f.name() + "-seed-" + s, f.train(), f.validation(), f.test(), f.speakersMixed());
                out.add(new RunFold(named, f.name(), s));
            }
        }
        return out;
    }

    /** True when each seed runs every fold, and the report is the mean over seeds. */
    static boolean seedsOverFolds(Config config) {
        return config.protocol() != Protocol.RANDOM_80_20 && config.seeds().size() > 1;
    }

    /** The folds of a protocol split with one seed (it chooses validation speakers, and for split the test speakers). */
    private static List<Fold> protocolFolds(Config config, DatasetInputs inputs, long seed) {
        LabelSpace labels = config.labels();
        if (config.protocol() == Protocol.CROSS_CORPUS) {
            String[] parts = config.dataset().split("->");
            return List.of(Splits.crossCorpus(labels.select(inputs.clips(parts[0])), labels.select(inputs.clips(parts[1])), seed));
        }
        List<Clip> clips = labels.select(inputs.clips(config.dataset()));
        return switch (config.protocol()) {
            case SPLIT -> List.of(Splits.speakerSplit(clips, seed));
            case LOSO -> Splits.leaveOneSpeakerOut(clips, seed);
            case GROUPED_FOLDS -> {
                if (!Corpus.RAVDESS.equals(config.dataset())) {
                    throw new IllegalArgumentException("grouped-folds is defined for ravdess (six groups of four actors); use loso for "
                            + config.dataset());
                }
                yield Splits.groupedFolds(clips, Splits.RAVDESS_GROUPS, seed);
            }
            case RANDOM_80_20 -> List.of(Splits.randomStratified(clips, 0.2, seed));
            case CROSS_CORPUS -> throw new IllegalStateException("handled above");
        };
    }

    static List<EvaluationReport.Prediction> predict(EmotionModel model, List<Clip> clips, LabelSpace labels, DatasetInputs inputs) {
        List<ClipInput> batch = clips.stream().map(inputs::input).toList();
        double[][] probabilities = model.predict(batch);
        List<EvaluationReport.Prediction> out = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            out.add(new EvaluationReport.Prediction(clips.get(i).key(), labels.indexOf(clips.get(i).emotion()), probabilities[i]));
        }
        return out;
    }

    static Metrics readMetrics(Path file, LabelSpace labels) throws IOException {
        JsonNode json = Json.read(file);
        int k = labels.size();
        long[][] confusion = new long[k][k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) confusion[i][j] = json.get("confusion").get(i).get(j).asLong();
        return Metrics.fromConfusion(labels.labels(), confusion);
    }

    /**
     * The entry of a run where every seed ran every fold: each fold's figures are the mean over seeds, the fold mean ± sd
     * is over those, and the pooled figures are the mean over seeds of each seed's pooled UA and WA (the leaderboard
     * entry is the mean over its seeds, not the best). Each seed's own summary is kept under {@code per_seed}.
     */
    static Map<String, Object> meanOverSeeds(Config config, String model, String inputs, String runId, List<RunFold> runFolds,
                                             List<FoldResult> results, List<Metrics> foldMetrics) {
        Map<String, List<FoldResult>> byFold = new LinkedHashMap<>();
        Map<Long, List<Metrics>> metricsBySeed = new LinkedHashMap<>();
        Map<Long, List<FoldResult>> resultsBySeed = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            byFold.computeIfAbsent(runFolds.get(i).protocolFold(), k -> new ArrayList<>()).add(results.get(i));
            metricsBySeed.computeIfAbsent(runFolds.get(i).seed(), k -> new ArrayList<>()).add(foldMetrics.get(i));
            resultsBySeed.computeIfAbsent(runFolds.get(i).seed(), k -> new ArrayList<>()).add(results.get(i));
        }
        List<FoldResult> meanFolds = new ArrayList<>();
        for (Map.Entry<String, List<FoldResult>> f : byFold.entrySet()) {
            List<FoldResult> r = f.getValue();
            meanFolds.add(new FoldResult(f.getKey(), r.get(0).trainClips(), r.get(0).validationClips(), r.get(0).testClips(),
                    r.get(0).testSpeakers(), mean(r, FoldResult::wa), mean(r, FoldResult::ua), mean(r, FoldResult::macroF1),
                    mean(r, FoldResult::validationUa), r.stream().mapToDouble(FoldResult::trainSeconds).sum()));
        }
        List<Map<String, Object>> perSeed = new ArrayList<>();
        for (Map.Entry<Long, List<Metrics>> s : metricsBySeed.entrySet()) {
            Metrics seedPooled = Metrics.pooled(s.getValue());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("seed", s.getKey());
            List<FoldResult> r = resultsBySeed.get(s.getKey());
            Metrics.putFoldSummary(one, r.stream().map(FoldResult::ua).toList(), r.stream().map(FoldResult::wa).toList(),
                    r.stream().map(FoldResult::macroF1).toList(), seedPooled);
            perSeed.add(one);
        }
        Map<String, Object> e = leaderboardEntry(config, model, inputs, runId, meanFolds, Metrics.pooled(foldMetrics));
        e.put("ua_pooled", perSeed.stream().mapToDouble(s -> (double) s.get("ua_pooled")).average().orElseThrow());
        e.put("wa_pooled", perSeed.stream().mapToDouble(s -> (double) s.get("wa_pooled")).average().orElseThrow());
        e.put("per_seed", perSeed);
        return e;
    }

    private static double mean(List<FoldResult> results, java.util.function.ToDoubleFunction<FoldResult> figure) {
        return results.stream().mapToDouble(figure).average().orElseThrow();
    }

    static Map<String, Object> leaderboardEntry(Config config, String model, String inputs, String runId, List<FoldResult> folds,
                                                Metrics pooled) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("model", model);
        e.put("inputs", inputs);
        e.put("dataset", config.dataset());
        e.put("protocol", config.protocol().id());
        e.put("label_space", config.labelSpace());
        e.put("folds", folds.size());
        Metrics.putFoldSummary(e, folds.stream().map(FoldResult::ua).toList(), folds.stream().map(FoldResult::wa).toList(),
                folds.stream().map(FoldResult::macroF1).toList(), pooled);
        e.put("train_seconds", folds.stream().mapToDouble(FoldResult::trainSeconds).sum());
        e.put("peak_rss_mb", PeakMemory.peakResidentMb());
        e.put("seeds", config.seeds());
        // Speaker normalisation uses the test speaker's own (unlabelled) recordings: a different claim than a model
        // that classifies one recording alone.
        e.put("transductive", config.speakerNormalised());
        e.put("run", runId);
        return e;
    }
}
