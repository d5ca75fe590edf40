package sep.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sep.cli.ProtocolOptions;
import sep.evaluation.ProtocolRunner;
import sep.features.PreprocessConfig;
import sep.features.acoustic.AcousticFeatures;
import sep.models.FusionModel;
import sep.models.SavedModel;
import sep.models.classic.ClassicConfig;
import sep.models.classic.ClassicKind;
import sep.util.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** sep-fuse on real EmoDB: two classical runs of the quick split fused fold by fold, weights chosen on validation. */
class FusionTest {
    static Path runs;
    static ProtocolRunner.Result svm;
    static ProtocolRunner.Result logistic;

    @BeforeAll
    static void sources() throws IOException {
        runs = Files.createTempDirectory("sep-fusion-runs");
        System.setProperty("SEP_RUNS_DIR", runs.toString());
        ClassicConfig svmConfig = ClassicConfig.defaults(ClassicKind.SVM).withSvm(3, 0.785 / AcousticFeatures.size(AcousticFeatures.Version.V1));
        svm = ProtocolCommand.run("classic", split(), PreprocessConfig.defaults(),
                new ClassicRecipe(svmConfig, false, AcousticFeatures.Version.V1), quiet());
        logistic = ProtocolCommand.run("classic", split(), PreprocessConfig.defaults(),
                new ClassicRecipe(ClassicConfig.defaults(ClassicKind.LOGISTIC), false, AcousticFeatures.Version.V1), quiet());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        System.clearProperty("SEP_RUNS_DIR");
        try (Stream<Path> all = Files.walk(runs)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Test
    void fusionChoosesWeightsOnValidationAndIsAProtocolRunOfItsOwn() throws IOException {
        ProtocolRunner.Result fused = FusionCommand.run(List.of(svm.runId(), logistic.runId()), 0.05, null, quiet());
        assertEquals("svm+logistic", fused.leaderboardEntry().get("model"));
        assertEquals(Boolean.TRUE, fused.leaderboardEntry().get("complete"));
        assertEquals("acoustic v1 (157) + acoustic v1 (157)", fused.leaderboardEntry().get("inputs"));
        Path fold = runs.resolve(fused.runId()).resolve("folds/split");
        // The grid includes each model alone, so the chosen mix is at least as good as either on validation.
        double validation = fused.folds().get(0).validationUa();
        assertTrue(validation >= svm.folds().get(0).validationUa() - 1e-12 && validation >= logistic.folds().get(0).validationUa() - 1e-12,
                validation + " vs " + svm.folds().get(0).validationUa() + ", " + logistic.folds().get(0).validationUa());
        assertTrue(fused.folds().get(0).ua() > 0.5, "far above chance: " + fused.folds().get(0).ua());
        assertTrue(fused.folds().get(0).trainSeconds() >= svm.folds().get(0).trainSeconds() + logistic.folds().get(0).trainSeconds(),
                "a fusion's train time includes its sources'");
        for (String f : List.of("test_metrics.json", "validation_metrics.json", "model/model.json", "model/part-0/model.json",
                "model/part-1/model.json", "model/preprocess.json")) {
            assertTrue(Files.isRegularFile(fold.resolve(f)), f);
        }
        try (SavedModel saved = SavedModel.load(fold.resolve("model"))) {
            FusionModel model = (FusionModel) saved.model();
            double[] w = model.weights();
            assertEquals(1.0, w[0] + w[1], 1e-9);
            assertEquals(List.of("svm", "logistic"), model.parts().stream().map(p -> p.kind()).toList());
        }
    }

    @Test
    void sourcesCanBeNamedByModelAsTheLeaderboardCountsThem() throws IOException {
        // only the svm has no copies made by the other tests, so its newest run is the one made above
        List<String> found = FusionCommand.newestRuns(runs, List.of("svm-norefit", "logistic-norefit"), "emodb", "split", "native", false);
        assertEquals(svm.runId(), found.get(0));
        assertEquals("logistic-norefit", Json.read(runs.resolve(found.get(1)).resolve("leaderboard_entry.json")).path("model").asText());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FusionCommand.newestRuns(runs,
                List.of("svm-norefit", "resnet"), "emodb", "loso", "native", true));
        assertTrue(e.getMessage().contains("svm-norefit+spknorm, resnet+spknorm") && e.getMessage().contains("emodb loso"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FusionCommand.newestRuns(runs, List.of("svm-norefit"), "emodb", "split", "native", false),
                "one model");

        // a source is named in the fusion without -norefit and +spknorm, but with any other variant
        JsonNode manifest = Json.MAPPER.readTree("{\"config\":{\"model\":\"resnet\"}}");
        assertEquals("svm", FusionCommand.sourceName(Json.MAPPER.readTree("{\"model\":\"svm-norefit+spknorm\"}"), manifest));
        assertEquals("resnet-mixup-0.4", FusionCommand.sourceName(Json.MAPPER.readTree("{\"model\":\"resnet-mixup-0.4\"}"), manifest));
        assertEquals("resnet", FusionCommand.sourceName(Json.object(), manifest), "entries of older runs had no name: the manifest's model");
    }

    @Test
    void refusesRefittedUnfinishedAndMismatchedSources() throws IOException {
        Path refitted = copy(logistic.runId(), "refitted");
        Files.delete(refitted.resolve("folds/split/validation_metrics.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FusionCommand.run(List.of(svm.runId(), refitted.toString()), 0.05, null, quiet()));
        assertTrue(e.getMessage().contains("--no-refit"), e.getMessage());

        Path otherSeeds = copy(logistic.runId(), "other-seeds");
        ObjectNode manifest = (ObjectNode) Json.read(otherSeeds.resolve("manifest.json"));
        ((ObjectNode) manifest.get("config").get("protocol")).putArray("seeds").add(7);
        Json.write(otherSeeds.resolve("manifest.json"), manifest);
        e = assertThrows(IllegalArgumentException.class, () -> FusionCommand.run(List.of(svm.runId(), otherSeeds.toString()), 0.05, null, quiet()));
        assertTrue(e.getMessage().contains("different protocols"), e.getMessage());

        Path unfinished = copy(logistic.runId(), "unfinished");
        ObjectNode entry = (ObjectNode) Json.read(unfinished.resolve("leaderboard_entry.json"));
        Json.write(unfinished.resolve("leaderboard_entry.json"), entry.put("complete", false));
        e = assertThrows(IllegalArgumentException.class, () -> FusionCommand.run(List.of(svm.runId(), unfinished.toString()), 0.05, null, quiet()));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> FusionCommand.run(List.of(svm.runId()), 0.05, null, quiet()), "one run");
        assertThrows(IllegalArgumentException.class, () -> FusionCommand.run(List.of(svm.runId(), logistic.runId()), 0.3, null, quiet()),
                "0.3 does not divide 1");
    }

    @Test
    void theWeightGridCoversTheSimplex() {
        List<double[]> grid = FusionRecipe.simplexGrid(3, 10);
        assertEquals(66, grid.size(), "C(12, 2) points");
        for (double[] w : grid) assertEquals(1.0, w[0] + w[1] + w[2], 1e-9);
        assertEquals(21, FusionRecipe.simplexGrid(2, 20).size());
    }

    private static ProtocolOptions split() {
        ProtocolOptions o = new ProtocolOptions();
        o.dataset = "emodb";
        o.labels = "native";
        o.protocol = "split";
        o.seeds = List.of(12345L);
        return o;
    }

    private static Path copy(String runId, String suffix) throws IOException {
        Path from = runs.resolve(runId);
        Path to = runs.resolve(runId + "-" + suffix);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
