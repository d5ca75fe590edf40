package sep.reporting;

import org.junit.jupiter.api.Test;
import sep.util.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs made before leaderboard entries named their input are described from their manifests. */
class LeaderboardInputsTest {
    @Test
    void inputsComeFromTheRecipeOrThePreprocessing() throws Exception {
        assertEquals("acoustic v2 (913)", Leaderboard.inputsOf(Json.MAPPER.readTree(
                "{\"config\":{\"recipe\":{\"features\":\"v2\",\"feature_count\":913,\"classifier\":{\"kind\":\"SVM\"}}}}")));
        // Before feature sets had names the recipe was the classifier's config, and the only set was v1.
        assertEquals("acoustic v1 (157)", Leaderboard.inputsOf(Json.MAPPER.readTree(
                "{\"config\":{\"recipe\":{\"kind\":\"SVM\",\"c_grid\":[1.0]}}}")));
        assertEquals("log-mel 80", Leaderboard.inputsOf(Json.MAPPER.readTree(
                "{\"config\":{\"recipe\":{\"architecture\":\"resnet\"},\"protocol\":{\"preprocess\":{\"log_mel\":{\"n_mels\":80}}}}}")));
    }

    @Test
    void aFusionReadsTheInputsOfItsSources(@org.junit.jupiter.api.io.TempDir java.nio.file.Path runs) throws Exception {
        java.nio.file.Files.createDirectories(runs.resolve("a"));
        Json.write(runs.resolve("a/leaderboard_entry.json"), Json.MAPPER.readTree("{\"inputs\":\"log-mel 128\"}"));
        java.nio.file.Files.createDirectories(runs.resolve("b"));
        Json.write(runs.resolve("b/manifest.json"), Json.MAPPER.readTree(
                "{\"config\":{\"recipe\":{\"features\":\"v2\",\"feature_count\":913,\"classifier\":{}}}}"));
        assertEquals("log-mel 128 + acoustic v2 (913) + ?", Leaderboard.inputsOf(Json.MAPPER.readTree(
                "{\"config\":{\"recipe\":{\"sources\":[\"a\",\"b\",\"missing\"]}}}"), runs));
    }
}