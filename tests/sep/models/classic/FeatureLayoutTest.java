package sep.models.classic;

import org.junit.jupiter.api.Test;
import sep.features.LogMel;
import sep.features.acoustic.AcousticFeatures;
import sep.models.ClipInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** A classical model asks every input for the feature layout it was trained on, whichever that is. */
class FeatureLayoutTest {
    @Test
    void aModelTrainedOnTheLargerSetIsGivenThatSet() {
        for (AcousticFeatures.Version version : AcousticFeatures.Version.values()) {
            int d = AcousticFeatures.size(version);
            Random random = new Random(1);
            float[][] x = new float[40][d];
            int[] y = new int[40];
            for (int i = 0; i < x.length; i++) {
                y[i] = i % 2;
                for (int j = 0; j < d; j++) x[i][j] = (float) (random.nextGaussian() + (j == 0 ? 3 * y[i] : 0));
            }
            ClassicModel trained = ClassicModel.train(ClassicConfig.defaults(ClassicKind.LOGISTIC), x, y, null, null,
                    List.of("anger", "neutral"), AcousticFeatures.names(version));
            ClassicEmotionModel model = new ClassicEmotionModel(trained);
            assertEquals(version, model.features());
            List<AcousticFeatures.Version> asked = new ArrayList<>();
            ClipInput input = new ClipInput() {
                public String id() { return "clip"; }
                public LogMel logMel() { throw new AssertionError("a classical model reads no log-mel"); }
                public float[] acoustic(AcousticFeatures.Version v) {
                    asked.add(v);
                    return x[1].length == AcousticFeatures.size(v) ? x[1] : new float[AcousticFeatures.size(v)];
                }
            };
            double[][] p = model.predict(List.of(input));
            assertEquals(List.of(version), asked);
            assertEquals(1.0, p[0][0] + p[0][1], 1e-9);
        }
    }
}
