package sep.models.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
