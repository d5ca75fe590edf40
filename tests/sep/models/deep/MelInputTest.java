package sep.models.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sep.features.BandNormalizer;

class MelInputTest {

    static float[][] ramp(int mels, int frames) {
        float[][] db = new float[mels][frames];
        for (int m = 0; m < mels; m++) for (int t = 0; t < frames; t++) db[m][t] = -70f + (m * 3 + t) % 50;
        return db;
    }

    @Test
    void predictionWindowsCoverTheClipAtHalfHops() {
        MelInput in = new MelInput(4, 100, "utterance", null);
        assertArrayEquals(new int[] {0}, in.windowStarts(100));
        assertArrayEquals(new int[] {0, 50, 100, 150}, in.windowStarts(250));
        assertArrayEquals(new int[] {0, 20}, in.windowStarts(120), "last window flush with the end");
        assertArrayEquals(new int[] {-20}, in.windowStarts(60), "short clip centred");
        for (int frames : new int[] {101, 149, 333, 1000}) {
            int[] s = in.windowStarts(frames);
            assertEquals(0, s[0]);
            assertEquals(frames - 100, s[s.length - 1]);
            for (int i = 1; i < s.length; i++) assertTrue(s[i] - s[i - 1] <= 50 && s[i] > s[i - 1]);
        }
    }

    @Test
    void shortClipIsPaddedWithTheNormalisedFloor() {
        float[][] db = ramp(3, 5);
        BandNormalizer band = BandNormalizer.fit(java.util.Collections.singletonList(ramp(3, 40)));
        MelInput in = new MelInput(3, 9, "band", band);
        MelInput.Prepared p = in.prepare(db);
        float[] w = new float[27];
        in.window(p, -2, w, 0);
        for (int m = 0; m < 3; m++) {
            float floor = (float) ((-80 - band.mean()[m]) / band.std()[m]);
            assertEquals(floor, w[m * 9], 1e-6);
            assertEquals(floor, w[m * 9 + 1], 1e-6);
            for (int t = 0; t < 5; t++) assertEquals(p.z()[m][t], w[m * 9 + 2 + t], 0f);
            assertEquals(floor, w[m * 9 + 7], 1e-6);
            assertEquals(floor, w[m * 9 + 8], 1e-6);
        }
    }

    @Test
    void utteranceNormalisationGivesZeroMeanUnitStdPerBand() {
        float[][] db = ramp(5, 200);
        MelInput.Prepared p = new MelInput(5, 64, "utterance", null).prepare(db);
        for (float[] row : p.z()) {
            double s = 0, ss = 0;
            for (float v : row) s += v;
            double mean = s / row.length;
            for (float v : row) ss += (v - mean) * (v - mean);
            assertEquals(0, mean, 1e-5);
            assertEquals(1, Math.sqrt(ss / row.length), 1e-4);
        }
        // a constant band: std floored at 1 dB, so it maps to 0 and the floor to (-80 - c) / 1
        float[][] flat = new float[1][50];
        java.util.Arrays.fill(flat[0], -30f);
        MelInput.Prepared q = new MelInput(1, 64, "utterance", null).prepare(flat);
        assertEquals(0f, q.z()[0][10], 0f);
        assertEquals(-50f, q.pad()[0], 1e-6);
    }

    @Test
    void randomWindowsStayInsideTheClipOrContainAllOfIt() {
        MelInput in = new MelInput(2, 50, "utterance", null);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            int s = in.randomStart(80, r);
            assertTrue(s >= 0 && s <= 30);
            int t = in.randomStart(20, r);
            assertTrue(t <= 0 && t >= -30, "a short clip lies wholly inside the window");
        }
    }

    @Test
    void masksZeroWholeBandsAndFrames() {
        MelInput in = new MelInput(20, 30, "utterance", null);
        float[] w = new float[600];
        java.util.Arrays.fill(w, 1f);
        in.mask(w, 0, 1, 5, 0, 0, new SplittableRandom(7));
        int zeroRows = 0;
        for (int m = 0; m < 20; m++) {
            boolean allZero = true, anyZero = false;
            for (int t = 0; t < 30; t++) {
                allZero &= w[m * 30 + t] == 0f;
                anyZero |= w[m * 30 + t] == 0f;
            }
            assertEquals(allZero, anyZero, "a frequency mask covers whole bands");
            if (allZero) zeroRows++;
        }
        assertTrue(zeroRows <= 5);
        assertThrows(IllegalArgumentException.class, () -> MelInput.check(new float[2][0], 2, "clip"));
        assertThrows(IllegalArgumentException.class, () -> MelInput.check(new float[3][4], 2, "clip"));
        float[][] nan = new float[2][3];
        nan[1][2] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> MelInput.check(nan, 2, "clip"));
    }
}
