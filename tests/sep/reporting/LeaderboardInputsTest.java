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
}
