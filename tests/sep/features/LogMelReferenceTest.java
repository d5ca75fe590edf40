package sep.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The extractor and filterbank against the float64 librosa-algorithm references in shared/reference. */
class LogMelReferenceTest {

    private static JsonNode spec() throws IOException {
        return new ObjectMapper().readTree(ReferenceData.referenceDir().resolve("logmel.json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"03a01Fa", "14a07Aa", "03-01-05-02-01-01-01", "chirp"})
    void logMelMatchesReferenceOnEveryCell(String name) throws IOException {
        JsonNode c = spec().path("cases").path(name);
        float[] x = ReferenceData.clip(name);
        assertEquals(c.path("samples").asInt(), x.length, "decoded sample count");
        JsonNode first = c.path("first_samples");
        for (int i = 0; i < first.size(); i++) assertEquals(first.get(i).asDouble(), x[i], 0.0, "sample " + i);

        LogMelConfig config = LogMelConfig.defaults().withSampleRate(c.path("sample_rate").asInt());
        LogMel mel = new LogMelExtractor(config).compute(x);
        double[][] ref = ReferenceData.csv("logmel_" + name + ".csv");
        assertEquals(c.path("shape").get(0).asInt(), ref.length);
        assertEquals(ref.length, mel.mels(), "bands");
        assertEquals(ref[0].length, mel.frames(), "frames");

        double powerMax = c.path("power_max").asDouble();
        assertEquals(powerMax, mel.refPower(), powerMax * 1e-5, "refPower (max mel power)");

        double maxDiff = 0;
        int worstM = -1, worstT = -1;
        for (int m = 0; m < ref.length; m++) {
            for (int t = 0; t < ref[m].length; t++) {
                double d = Math.abs(mel.db()[m][t] - ref[m][t]);
                if (d > maxDiff) { maxDiff = d; worstM = m; worstT = t; }
            }
        }
        float top = Float.NEGATIVE_INFINITY;
        for (float[] row : mel.db()) {
            for (float v : row) {
                assertTrue(v >= -80f && v <= 0f, "value " + v + " outside [-80, 0]");
                top = Math.max(top, v);
            }
        }
        assertEquals(0f, top, "the loudest cell is the 0 dB reference");
        System.out.printf("logmel %-22s max |dB diff| = %.5f (band %d, frame %d)%n", name, maxDiff, worstM, worstT);
        assertTrue(maxDiff <= 0.05, name + ": max |dB diff| " + maxDiff + " at band " + worstM + " frame " + worstT);
    }

    @ParameterizedTest
    @CsvSource({"16000, melfb_sr16000_nfft1024_nmels128.csv", "22050, melfb_sr22050_nfft1024_nmels128.csv"})
    void filterbankMatchesLibrosa(int sampleRate, String file) throws IOException {
        double[][] ref = ReferenceData.csv(file);
        float[][] fb = MelFilterbank.of(sampleRate, 1024, 128, 0, 0).dense();
        assertEquals(ref.length, fb.length);
        double maxAbs = 0, maxRel = 0;
        for (int m = 0; m < ref.length; m++) {
            assertEquals(ref[m].length, fb[m].length);
            for (int k = 0; k < ref[m].length; k++) {
                double d = Math.abs(fb[m][k] - ref[m][k]);
                maxAbs = Math.max(maxAbs, d);
                if (ref[m][k] != 0) maxRel = Math.max(maxRel, d / Math.abs(ref[m][k]));
                assertTrue(d <= 1e-8 || d <= 1e-6 * Math.abs(ref[m][k]),
                        file + " band " + m + " bin " + k + ": " + fb[m][k] + " vs " + ref[m][k]);
            }
        }
        System.out.printf("melfb sr=%d max abs diff %.3g, max rel diff %.3g%n", sampleRate, maxAbs, maxRel);
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 22050})
    void sparseFormMatchesDense(int sampleRate) {
        MelFilterbank fb = MelFilterbank.of(sampleRate, 1024, 128, 0, 0);
        float[][] dense = fb.dense();
        for (int m = 0; m < fb.nMels(); m++) {
            float[] w = fb.weights(m);
            float[] rebuilt = new float[fb.bins()];
            System.arraycopy(w, 0, rebuilt, fb.firstBin(m), w.length);
            assertArrayEquals(dense[m], rebuilt);
            assertTrue(w.length > 0 && w[0] > 0 && w[w.length - 1] > 0, "band " + m + " trimmed to its non-zero run");
        }
    }
}
