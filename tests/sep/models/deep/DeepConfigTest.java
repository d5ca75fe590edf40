package sep.models.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeepConfigTest {

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void defaultsAreValidAndRoundTripThroughJson(Architecture a) throws Exception {
        DeepConfig c = DeepConfig.defaults(a);
        assertEquals(a, c.architecture());
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(c);
        assertEquals(c, json.readValue(text, DeepConfig.class));
        assertEquals(true, text.contains("\"architecture\":\"" + a.id() + "\""), text);
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        DeepConfig d = DeepConfig.defaults(Architecture.CNN);
        DeepConfig c = d.toBuilder().epochs(3).maxBatches(2).normalisation("BAND").build();
        assertEquals(3, c.epochs());
        assertEquals(2, c.maxBatches());
        assertEquals("band", c.normalisation(), "choices are case-insensitive and stored in lower case");
        assertEquals(d.learningRate(), c.learningRate());
        assertEquals(d.seed(), c.seed());
    }

    @Test
    void mixupIsLeftOutOfTheJsonWhenOffSoEarlierSettingsStillMatch() throws Exception {
        ObjectMapper json = new ObjectMapper();
        DeepConfig off = DeepConfig.defaults(Architecture.RESNET);
        com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(off);
        assertEquals(false, tree.has("mixup"), "a run saved before mixup existed has no such field: " + tree);
        assertEquals(off, json.treeToValue(tree, DeepConfig.class));
        DeepConfig on = off.toBuilder().mixup(0.4).build();
        String text = json.writeValueAsString(on);
        assertEquals(true, text.contains("\"mixup\":0.4"), text);
        assertEquals(on, json.readValue(text, DeepConfig.class));
    }

    @Test
    void architectureIds() {
        assertEquals(Architecture.EFFICIENTNET, Architecture.fromId("efficientnet"));
        assertEquals("resnet", Architecture.RESNET.id());
        assertThrows(IllegalArgumentException.class, () -> Architecture.fromId("vgg"));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).optimizer("sgd").build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).schedule("step").build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).normalisation("global").build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).cropFrames(16).build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).batchSize(1).build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).learningRate(0).build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).dropout(1).build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).epochs(2).warmupEpochs(3).build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).maxBatches(-1).build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).timeMaskWidth(500).build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).mixup(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(Architecture.ANN).mixup(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> DeepConfig.defaults(null));
    }

    /** Convolution kernels work in blocks of 8 channels; a partly filled block reads unwritten memory (NativeKernels). */
    @Test
    void convolutionalWidthsAreMultiplesOfEight() {
        for (Architecture a : Architecture.values()) {
            assertEquals(0, DeepConfig.defaults(a).width() % 8, a + " default width");
            if (a == Architecture.ANN) {
                assertEquals(20, DeepConfig.builder(a).width(20).build().width(), "the ANN has no convolutions");
                continue;
            }
            for (int width : new int[] {12, 20, 30}) {
                var e = assertThrows(IllegalArgumentException.class, () -> DeepConfig.builder(a).width(width).build());
                assertTrue(e.getMessage().contains("multiple of 8"), e.getMessage());
            }
            assertEquals(32, DeepConfig.builder(a).width(32).build().width());
        }
    }
}
