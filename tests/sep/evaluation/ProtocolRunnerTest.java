package sep.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.features.acoustic.AcousticFeatures;
import sep.data.Clip;
import sep.data.Corpus;
import sep.data.Protocol;
import sep.features.FeatureCache;
import sep.features.PreprocessConfig;
import sep.models.SavedModel;
import sep.models.classic.ClassicConfig;
import sep.models.classic.ClassicKind;
import sep.models.deep.Architecture;
import sep.models.deep.DeepConfig;
import sep.reporting.Leaderboard;
import sep.runs.RunFolder;
import sep.training.ClassicRecipe;
import sep.training.DeepRecipe;
import sep.training.Pretrained;
import sep.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Protocol runs end to end on the real EmoDB, in quick mode: training, saving, loading, evaluating, reporting. */
class ProtocolRunnerTest {
    static DatasetInputs emodb;

    @BeforeAll
    static void load() throws IOException {
        emodb = new DatasetInputs(List.of(Corpus.EMODB), PreprocessConfig.defaults(), FeatureCache.standard(), false);
    }

    @Test
    void classicalSvmOnTheQuickSplitWritesTheWholeReportAndResumes(@TempDir Path runs) throws IOException {
        var config = new ProtocolRunner.Config(Corpus.EMODB, "native", Protocol.SPLIT, List.of(12345L), PreprocessConfig.defaults(), 0);
        var recipe = new ClassicRecipe(ClassicConfig.defaults(ClassicKind.SVM).withSvm(3, 0.785 / AcousticFeatures.size()), false);
        RunFolder run = RunFolder.create(runs, "classic", "test", config, 12345);
        ProtocolRunner.Result result = ProtocolRunner.run(config, recipe, run, emodb, false, s -> {});
        ProtocolRunner.FoldResult fold = result.folds().get(0);
        assertTrue(fold.ua() > 0.5, "an SVM on acoustic features is far above chance (14%) on unseen speakers: " + fold.ua());
        Path foldDir = run.dir().resolve("folds/split");
        for (String f : List.of("fold.json", "test_metrics.json", "test_confusion.csv", "test_confusion.png", "test_predictions.csv",
                "validation_metrics.json", "model/model.json", "model/preprocess.json", "model/training.json")) {
            assertTrue(Files.isRegularFile(foldDir.resolve(f)), f);
        }
        assertTrue(Files.isRegularFile(run.file("leaderboard_entry.json")));
        assertTrue(Files.isRegularFile(run.file("pooled_confusion.png")));

        // The manifest's data digest: the content hashes of every clip the folds used (here all of EmoDB).
        JsonNode used = Json.read(run.file("manifest.json")).path("data").path(ProtocolRunner.USED_CLIPS);
        var split = ProtocolRunner.folds(config, emodb).get(0);
        List<Clip> all = new ArrayList<>(split.train());
        all.addAll(split.validation());
        all.addAll(split.test());
        assertEquals(535, used.path("clips").asInt(), used.toString());
        assertEquals(sep.data.ClipDigest.of(emodb.clips(Corpus.EMODB)), used.path("sha256").asText());
        assertEquals(sep.data.ClipDigest.of(all), used.path("sha256").asText());

        // The saved model predicts exactly what the report says, and was not trained on the test speakers.
        JsonNode metrics = Json.read(foldDir.resolve("test_metrics.json"));
        try (SavedModel saved = SavedModel.load(foldDir.resolve("model"))) {
            List<Clip> test = ProtocolRunner.folds(config, emodb).get(0).test();
            var predictions = ProtocolRunner.predict(saved.model(), test, config.labels(), emodb);
            assertEquals(metrics.get("ua").asDouble(), EvaluationReport.metricsOf(config.labels().labels(), predictions).ua(), 1e-12);
            for (Clip c : test) assertFalse(saved.trainingHashes().contains(c.sha256()), c.key() + " was seen in training");
            List<String> trainSpeakers = new ArrayList<>();
            saved.training().get("train_speakers").forEach(n -> trainSpeakers.add(n.asText()));
            assertTrue(fold.testSpeakers().stream().noneMatch(trainSpeakers::contains));
        }

        // Resuming a finished run re-uses the fold instead of training again.
        RunFolder again = RunFolder.reopen(run.dir(), config);
        List<String> log = new ArrayList<>();
        ProtocolRunner.Result resumed = ProtocolRunner.run(config, recipe, again, emodb, true, log::add);
        assertEquals(fold.ua(), resumed.folds().get(0).ua());
        assertTrue(log.get(0).contains("done earlier"), log.toString());
        assertThrows(IllegalArgumentException.class, () -> RunFolder.reopen(run.dir(), "another config"));
    }

    @Test
    void everySeedRunsEveryFoldAndTheEntryIsTheMeanOverSeeds(@TempDir Path runs) throws IOException {
        var config = new ProtocolRunner.Config(Corpus.EMODB, "native", Protocol.LOSO, List.of(1L, 2L), PreprocessConfig.defaults(), 2);
        var svm = new ClassicRecipe(ClassicConfig.defaults(ClassicKind.SVM).withSvm(3, 0.785 / AcousticFeatures.size()), false);
        List<String> trained = new ArrayList<>();
        Recipe recording = new Recipe() {
            public String kind() { return svm.kind(); }
            public String name() { return svm.name(); }
            public String inputs() { return svm.inputs(); }
            public Object settings() { return svm.settings(); }
            public Trained train(TrainingData data, Path foldDir, boolean resume) throws IOException {
                trained.add(data.fold().name() + " seed " + data.seed() + " validation " + data.fold().validationSpeakers());
                return svm.train(data, foldDir, resume);
            }
        };
        RunFolder run = RunFolder.create(runs, "classic", "seeds", config, 1);
        ProtocolRunner.Result result = ProtocolRunner.run(config, recording, run, emodb, false, s -> {});
        assertEquals(4, trained.size(), trained.toString());
        assertTrue(trained.get(0).startsWith("speaker-03-seed-1 seed 1 ") && trained.get(1).startsWith("speaker-08-seed-1 seed 1 ")
                && trained.get(2).startsWith("speaker-03-seed-2 seed 2 ") && trained.get(3).startsWith("speaker-08-seed-2 seed 2 "),
                "each seed over each fold: " + trained);
        assertNotEquals(trained.get(0).replaceAll(".* validation ", ""), trained.get(2).replaceAll(".* validation ", ""),
                "the seed chooses the validation speakers");

        // Per fold the mean over seeds; the entry's fold mean is over the protocol's two folds, its pooled UA the seeds' mean.
        double[][] ua = new double[2][2];
        for (int f = 0; f < 2; f++) for (int s = 0; s < 2; s++) {
            String fold = (f == 0 ? "speaker-03" : "speaker-08") + "-seed-" + (s + 1);
            ua[f][s] = Json.read(run.dir().resolve("folds").resolve(fold).resolve("fold.json")).get("ua").asDouble();
        }
        Map<String, Object> entry = result.leaderboardEntry();
        assertEquals(2, entry.get("folds"));
        assertEquals(List.of(1L, 2L), entry.get("seeds"));
        assertEquals(((ua[0][0] + ua[0][1]) / 2 + (ua[1][0] + ua[1][1]) / 2) / 2, (double) entry.get("ua_mean"), 1e-12);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> perSeed = (List<Map<String, Object>>) entry.get("per_seed");
        assertEquals(2, perSeed.size());
        assertEquals((ua[0][0] + ua[1][0]) / 2, (double) perSeed.get(0).get("ua_mean"), 1e-12);
        assertEquals(((double) perSeed.get(0).get("ua_pooled") + (double) perSeed.get(1).get("ua_pooled")) / 2,
                (double) entry.get("ua_pooled"), 1e-12);
        assertEquals(false, entry.get("complete"), "two of ten folds");
        // Every consumer of the run's folds (sep-eval re-scoring, fusion) sees the same four.
        assertEquals(List.of("speaker-03-seed-1", "speaker-08-seed-1", "speaker-03-seed-2", "speaker-08-seed-2"),
                ProtocolRunner.folds(config, emodb).stream().map(sep.data.Fold::name).toList());
    }

    @Test
    void speakerNormalisationIsPerSpeakerRankedApartAndRefusedForSingleRecordings(@TempDir Path runs) throws IOException {
        DatasetInputs normalised = new DatasetInputs(List.of(Corpus.EMODB), PreprocessConfig.defaults(), FeatureCache.standard(), false)
                .speakerNormalised(true);
        // Over one speaker's clips every feature has mean 0 and (unless constant) standard deviation 1.
        List<Clip> speaker03 = normalised.clips(Corpus.EMODB).stream().filter(c -> c.speaker().equals("03")).toList();
        List<float[]> rows = speaker03.stream().map(c -> normalised.input(c).acoustic()).toList();
        var stats = sep.util.ColumnStatistics.of(rows);
        for (int j = 0; j < stats.mean().length; j++) {
            assertEquals(0, stats.mean()[j], 1e-4, "mean of feature " + j);
            assertTrue(Math.abs(stats.std()[j] - 1) < 1e-3 || stats.std()[j] == 1.0, "sd of feature " + j + ": " + stats.std()[j]);
        }
        // The raw inputs of the same clip differ: the normalisation is the speaker's, not the training set's.
        assertFalse(java.util.Arrays.equals(rows.get(0), emodb.input(speaker03.get(0)).acoustic()));
        // Log-mel bands: after normalisation two speakers have (up to the clamp to [-80, 0]) the same band means.
        double[] mean03 = bandMeans(normalised, normalised.clips(Corpus.EMODB).stream().filter(c -> c.speaker().equals("03")).toList());
        double[] mean08 = bandMeans(normalised, normalised.clips(Corpus.EMODB).stream().filter(c -> c.speaker().equals("08")).toList());
        double[] raw03 = bandMeans(emodb, emodb.clips(Corpus.EMODB).stream().filter(c -> c.speaker().equals("03")).toList());
        double[] raw08 = bandMeans(emodb, emodb.clips(Corpus.EMODB).stream().filter(c -> c.speaker().equals("08")).toList());
        double rawGap = 0, gap = 0;
        for (int b = 0; b < mean03.length; b++) {
            rawGap = Math.max(rawGap, Math.abs(raw03[b] - raw08[b]));
            gap = Math.max(gap, Math.abs(mean03[b] - mean08[b]));
        }
        assertTrue(gap < 1.0 && rawGap > 3 * gap, "largest band mean gap between speakers 03 and 08: raw " + rawGap + " dB, normalised " + gap);

        var config = new ProtocolRunner.Config(Corpus.EMODB, "native", Protocol.LOSO, List.of(7L), PreprocessConfig.defaults(), 1, true);
        var recipe = new ClassicRecipe(ClassicConfig.defaults(ClassicKind.SVM).withSvm(3, 0.785 / AcousticFeatures.size()), false);
        assertThrows(IllegalArgumentException.class, () -> ProtocolRunner.run(config, recipe,
                RunFolder.create(runs, "classic", "mismatch", config, 7), emodb, false, s -> {}), "inputs must match the protocol");
        RunFolder run = RunFolder.create(runs, "classic", "spknorm", config, 7);
        ProtocolRunner.Result result = ProtocolRunner.run(config, recipe, run, normalised, false, s -> {});
        assertEquals("svm-norefit+spknorm", result.leaderboardEntry().get("model"), "a model not refitted on validation is named so");
        assertEquals(true, result.leaderboardEntry().get("transductive"));
        assertEquals("acoustic " + AcousticFeatures.DEFAULT_VERSION.id() + " (" + AcousticFeatures.size() + ")", result.leaderboardEntry().get("inputs"));
        assertTrue(result.folds().get(0).ua() > 0.4, "far above chance: " + result.folds().get(0).ua());
        try (SavedModel saved = SavedModel.load(run.dir().resolve("folds/speaker-03/model"))) {
            assertTrue(saved.speakerNormalised());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> saved.requireSingleClipInput("m"));
            assertTrue(e.getMessage().contains("--speaker-norm"), e.getMessage());
        }
        // Every single-recording use (sep-predict, sep-eval --labels or --protocol) loads through ModelRef, which refuses it.
        var ref = sep.prediction.ModelRef.resolve(run.dir().resolve("folds/speaker-03/model").toString());
        assertThrows(IllegalArgumentException.class, ref::load);
    }

    @Test
    void everyDeepArchitectureRunsAFoldInQuickMode(@TempDir Path runs) throws IOException {
        var config = new ProtocolRunner.Config(Corpus.EMODB, "native", Protocol.LOSO, List.of(7L), PreprocessConfig.defaults(), 1);
        for (Architecture a : Architecture.values()) {
            DeepConfig quick = DeepConfig.builder(a).epochs(2).warmupEpochs(1).maxBatches(2).build();
            var recipe = new DeepRecipe(quick, PreprocessConfig.defaults().logMel(), s -> {});
            RunFolder run = RunFolder.create(runs, "train", a.id(), config, 7);
            ProtocolRunner.Result result = ProtocolRunner.run(config, recipe, run, emodb, false, s -> {});
            assertEquals(1, result.folds().size());
            assertEquals(Set.of("emodb:03"), Set.copyOf(result.folds().get(0).testSpeakers()));
            Path foldDir = run.dir().resolve("folds/speaker-03");
            for (String f : List.of("history.csv", "curves_loss.png", "curves_accuracy.png", "test_confusion.png", "model/model.json")) {
                assertTrue(Files.isRegularFile(foldDir.resolve(f)), a + ": " + f);
            }
            assertEquals(3, Files.readAllLines(foldDir.resolve("history.csv")).size(), "a header and two epochs");
            try (SavedModel saved = SavedModel.load(foldDir.resolve("model"))) {
                assertEquals(a.id(), saved.model().kind());
                assertEquals(PreprocessConfig.defaults(), saved.preprocess());
            }
        }
    }

    @Test
    void pretrainedLayersComeOnlyFromAModelThatNeverSawTheCorpus(@TempDir Path runs) throws IOException {
        var config = new ProtocolRunner.Config(Corpus.EMODB, "native", Protocol.LOSO, List.of(7L), PreprocessConfig.defaults(), 1);
        DeepConfig quick = DeepConfig.builder(Architecture.CNN).epochs(1).warmupEpochs(0).maxBatches(1).build();
        RunFolder run = RunFolder.create(runs, "train", "cnn", config, 7);
        ProtocolRunner.run(config, new DeepRecipe(quick, PreprocessConfig.defaults().logMel(), s -> {}), run, emodb, false, s -> {});
        String model = run.dir().resolve("folds/speaker-03/model").toString();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pretrained.resolve(model, List.of(Corpus.EMODB), PreprocessConfig.defaults(), false));
        assertTrue(e.getMessage().contains("emodb=") && e.getMessage().contains("another corpus"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pretrained.resolve(model, List.of(Corpus.RAVDESS), PreprocessConfig.defaults(), true));
        assertTrue(e.getMessage().contains("speaker-normalised"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pretrained.resolve(model, List.of(Corpus.RAVDESS),
                new PreprocessConfig(60, 0, sep.audio.PadOrCrop.Mode.START, PreprocessConfig.defaults().logMel().withMels(64)), false));
        assertTrue(e.getMessage().contains("other preprocessing"), e.getMessage());

        Pretrained start = Pretrained.resolve(model, List.of(Corpus.RAVDESS), PreprocessConfig.defaults(), false);
        assertEquals(Architecture.CNN, start.network().architecture());
        DeepRecipe warm = new DeepRecipe(quick, PreprocessConfig.defaults().logMel(), s -> {}, start);
        assertEquals("cnn-epochs-1-warmup-epochs-0-init-" + start.source(), warm.name());
        assertEquals(start.run(), Json.tree(warm.settings()).path("init_from").asText(), "the manifest names where the layers came from");
        e = assertThrows(IllegalArgumentException.class, () -> new DeepRecipe(DeepConfig.defaults(Architecture.RESNET),
                PreprocessConfig.defaults().logMel(), s -> {}, start));
        assertTrue(e.getMessage().contains("cannot start from it"), e.getMessage());
        // a published copy (tools/publish-model.sh) carries its run's manifest beside the model
        Path published = runs.resolve("published");
        Files.createDirectories(published);
        try (var files = Files.list(Path.of(model))) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, published.resolve(f.getFileName()));
        }
        Json.write(published.resolve("manifest.json"), Json.MAPPER.readTree("{\"id\":\"20260101-000000-train-cnn-emodb-split\","
                + "\"config\":{\"protocol\":{\"dataset\":\"emodb\"}}}"));
        Pretrained copy = Pretrained.resolve(published.toString(), List.of(Corpus.RAVDESS), PreprocessConfig.defaults(), false);
        assertEquals("emodb", copy.source());
        assertEquals("20260101-000000-train-cnn-emodb-split", copy.run());
        // a folder that is neither a model, a fold nor a run is refused with --model's own message
        e = assertThrows(IllegalArgumentException.class, () -> Pretrained.resolve(runs.toString(), List.of(Corpus.RAVDESS),
                PreprocessConfig.defaults(), false));
        assertTrue(e.getMessage().contains("not a run folder with folds/<fold>/model/"), e.getMessage());
    }

    @Test
    void crossCorpusAndThePapersProtocolBuildHonestFolds() throws IOException {
        DatasetInputs both = new DatasetInputs(List.of("emodb->ravdess"), PreprocessConfig.defaults(), FeatureCache.standard(), false);
        var cross = new ProtocolRunner.Config("emodb->ravdess", "shared6", Protocol.CROSS_CORPUS, List.of(1L), PreprocessConfig.defaults(), 0);
        var folds = ProtocolRunner.folds(cross, both);
        assertEquals(1, folds.size());
        assertEquals(1056, folds.get(0).test().size());
        assertTrue(folds.get(0).train().stream().allMatch(c -> c.dataset().equals(Corpus.EMODB)));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolRunner.Config("emodb->ravdess", "native",
                Protocol.CROSS_CORPUS, List.of(1L), PreprocessConfig.defaults(), 0));

        var paper = new ProtocolRunner.Config(Corpus.EMODB, "shared6", Protocol.RANDOM_80_20, List.of(1L, 2L, 3L), PreprocessConfig.defaults(), 0);
        var random = ProtocolRunner.folds(paper, emodb);
        assertEquals(3, random.size(), "one fold per seed");
        assertEquals(454, random.get(0).train().size() + random.get(0).validation().size() + random.get(0).test().size());
        assertThrows(IllegalArgumentException.class, () -> ProtocolRunner.folds(new ProtocolRunner.Config(Corpus.EMODB, "native",
                Protocol.GROUPED_FOLDS, List.of(1L), PreprocessConfig.defaults(), 0), emodb));
    }

    @Test
    void leaderboardKeepsTheNewestFinishedRunPerEntry(@TempDir Path tmp) throws IOException {
        Path runs = tmp.resolve("runs");
        write(runs, "20260101-000000-classic-a", "ok", 0.60);
        write(runs, "20260102-000000-classic-b", "ok", 0.55);
        write(runs, "20260103-000000-classic-c", "running", 0.99);
        write(runs, "20260104-000000-classic-d", "ok", 0.98);
        Json.write(runs.resolve("20260104-000000-classic-d/leaderboard_entry.json"),
                ((com.fasterxml.jackson.databind.node.ObjectNode) Json.read(runs.resolve("20260104-000000-classic-d/leaderboard_entry.json")))
                        .put("complete", false));
        Leaderboard.write(runs, tmp.resolve("results"));
        JsonNode board = Json.read(tmp.resolve("results/leaderboard.json"));
        assertEquals(1, board.size());
        assertEquals("20260102-000000-classic-b", board.get(0).get("run").asText(), "newest finished complete run, not best");
        assertTrue(Files.readString(tmp.resolve("results/leaderboard.md")).contains("| 10 | 55.0 ± 0.0 |"));
        assertTrue(Files.isRegularFile(tmp.resolve("results/runs/20260102-000000-classic-b/manifest.json")));
    }

    private static void write(Path runs, String id, String status, double ua) throws IOException {
        Path dir = Files.createDirectories(runs.resolve(id));
        Json.write(dir.resolve("manifest.json"), Json.object().put("id", id).put("status", status));
        var e = Json.object().put("model", "svm").put("dataset", "emodb").put("protocol", "loso").put("label_space", "native")
                .put("folds", 10).put("ua_mean", ua).put("ua_std", 0.0).put("wa_mean", ua).put("wa_std", 0.0)
                .put("macro_f1_mean", ua).put("ua_pooled", ua).put("train_seconds", 10.0).put("run", id).put("transductive", false)
                .put("complete", true);
        Json.write(dir.resolve("leaderboard_entry.json"), e);
    }

    private static double[] bandMeans(DatasetInputs inputs, List<Clip> clips) {
        double[] sum = null;
        long frames = 0;
        for (Clip c : clips) {
            float[][] db = inputs.input(c).logMel().db();
            if (sum == null) sum = new double[db.length];
            for (int b = 0; b < db.length; b++) for (float v : db[b]) sum[b] += v;
            frames += db[0].length;
        }
        for (int b = 0; b < sum.length; b++) sum[b] /= frames;
        return sum;
    }
}
