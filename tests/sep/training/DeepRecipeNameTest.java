package sep.training;

import org.junit.jupiter.api.Test;
import sep.features.LogMelConfig;
import sep.models.deep.Architecture;
import sep.models.deep.DeepConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A deep run with other hyperparameters is its own leaderboard entry; seeds and smoke-test limits are not variants. */
class DeepRecipeNameTest {
    private static String name(DeepConfig c) {
        return new DeepRecipe(c, LogMelConfig.defaults(), s -> {}).name();
    }

    @Test
    void defaultsAreNamedByTheNetworkAloneAndVariantsByWhatDiffers() {
        assertEquals("resnet", name(DeepConfig.defaults(Architecture.RESNET)));
        assertEquals("resnet", name(DeepConfig.builder(Architecture.RESNET).seed(7).maxBatches(2).build()));
        assertEquals("resnet-mixup-0.4", name(DeepConfig.builder(Architecture.RESNET).mixup(0.4).build()));
        assertEquals("cnn-learning-rate-0.003-normalisation-utterance",
                name(DeepConfig.builder(Architecture.CNN).learningRate(3e-3).normalisation("utterance").build()));
        // another network's default is a variant of this one
        assertEquals("ann-width-24", name(DeepConfig.builder(Architecture.ANN).width(24).build()));
    }
}
