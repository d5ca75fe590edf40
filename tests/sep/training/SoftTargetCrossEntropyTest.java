package sep.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SoftTargetCrossEntropyTest {

    @Test
    void weightedMeanOfPerExampleCrossEntropy() {
        float[] logits = {2f, 0f, -1f, 0.5f, 0.5f, 3f};
        int[] y = {0, 2};
        double[] w = {3.0, 0.5};
        float[] target = new float[6];
        target[y[0]] = (float) w[0];
        target[3 + y[1]] = (float) w[1];
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double max = Math.max(logits[3 * i], Math.max(logits[3 * i + 1], logits[3 * i + 2]));
            double z = 0;
            for (int c = 0; c < 3; c++) z += Math.exp(logits[3 * i + c] - max);
            double logp = logits[3 * i + y[i]] - max - Math.log(z);
            expected += -w[i] * logp;
        }
        expected /= w[0] + w[1];
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = new SoftTargetCrossEntropy().evaluate(new NDList(m.create(target, new Shape(2, 3))),
                    new NDList(m.create(logits, new Shape(2, 3)))).getFloat();
            assertEquals(expected, loss, 1e-5);
        }
    }
}
