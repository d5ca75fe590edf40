package sep.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.visnow.jlargearrays.ConcurrencyUtils;
import sep.audio.Audio;

class LogMelExtractorTest {

    private static final LogMelConfig CFG = LogMelConfig.defaults();

    /**
     * Straightforward double-precision log-mel (direct DFT, dense filterbank) used as an independent
     * check where the references have no case: signals shorter than a frame, odd lengths.
     */
    private static double[][] naiveLogMel(float[] x, LogMelConfig c) {
        int n = c.nFft(), hop = c.hopLength(), bins = n / 2 + 1, frames = c.frames(x.length);
        double[][] fb = MelFilterbank.slaney(c.sampleRate(), n, c.nMels(), c.fMin(), c.fMaxHz());
        double[][] mel = new double[c.nMels()][frames];
        double max = 0;
        for (int t = 0; t < frames; t++) {
            double[] frame = new double[n];
            for (int i = 0; i < n; i++) {
                int j = t * hop - n / 2 + i;
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
                frame[i] = j >= 0 && j < x.length ? x[j] * w : 0;
            }
            double[] p = new double[bins];
            for (int k = 0; k < bins; k++) {
                double re = 0, im = 0;
                for (int i = 0; i < n; i++) {
                    re += frame[i] * Math.cos(2 * Math.PI * k * i / n);
                    im -= frame[i] * Math.sin(2 * Math.PI * k * i / n);
                }
                p[k] = re * re + im * im;
            }
            for (int m = 0; m < c.nMels(); m++) {
                double s = 0;
                for (int k = 0; k < bins; k++) s += fb[m][k] * p[k];
                mel[m][t] = s;
                max = Math.max(max, s);
            }
        }
        double refDb = 10 * Math.log10(Math.max(1e-10, max));
        for (double[] row : mel) {
            for (int t = 0; t < row.length; t++) row[t] = Math.max(10 * Math.log10(Math.max(1e-10, row[t])) - refDb, -c.topDb());
        }
        return mel;
    }

    private static float[] noiseTone(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.4 * Math.sin(i * 0.07) + 0.05 * (r.nextDouble() - 0.5));
        return x;
    }

    @Test
    void framesAreCentred() {
        assertEquals(1, CFG.frames(0));
        assertEquals(1, CFG.frames(255));
        assertEquals(2, CFG.frames(256));
        assertEquals(119, CFG.frames(30372)); // 03a01Fa's reference shape
        LogMelExtractor ex = new LogMelExtractor(CFG);
        for (int n : new int[] {1, 100, 255, 256, 1023, 1024, 1025, 5000}) {
            assertEquals(1 + n / 256, ex.compute(noiseTone(n, n)).frames(), "frames for " + n + " samples");
        }
    }

    @Test
    void signalsShorterThanAFrameAndOddLengthsMatchADirectComputation() {
        LogMelExtractor ex = new LogMelExtractor(CFG);
        for (int n : new int[] {1, 300, 1000, 2999}) {
            float[] x = noiseTone(n, 11 + n);
            LogMel got = ex.compute(x);
            double[][] want = naiveLogMel(x, CFG);
            double worst = 0;
            for (int m = 0; m < want.length; m++) {
                for (int t = 0; t < want[m].length; t++) worst = Math.max(worst, Math.abs(got.db()[m][t] - want[m][t]));
            }
            assertTrue(worst < 0.01, n + " samples: max |dB diff| " + worst);
        }
    }

    @Test
    void allZeroSignalFollowsLibrosa() {
        // librosa: S = 0 everywhere, ref = max(S) = 0; both floored at amin, so every cell is
        // 10 log10(amin) - 10 log10(amin) = 0 dB. No NaN, and power() gives back zeros.
        LogMel mel = new LogMelExtractor(CFG).compute(new float[5000]);
        assertEquals(0.0, mel.refPower());
        for (float[] row : mel.db()) for (float v : row) assertEquals(0f, v);
        for (float[] row : mel.power()) for (float v : row) assertEquals(0f, v);
    }

    @Test
    void badInputIsRejectedClearly() {
        LogMelExtractor ex = new LogMelExtractor(CFG);
        float[] x = noiseTone(4000, 3);
        x[1234] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ex.compute(x));
        assertTrue(e.getMessage().contains("1234") && e.getMessage().contains("NaN"), e.getMessage());
        x[1234] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> ex.melPower(x));
        assertThrows(IllegalArgumentException.class, () -> ex.compute(new float[0]));
        assertThrows(IllegalArgumentException.class, () -> ex.compute((float[]) null));
        e = assertThrows(IllegalArgumentException.class, () -> ex.compute(new Audio(new float[100], 22050)));
        assertTrue(e.getMessage().contains("22050"), e.getMessage());
        float[] huge = noiseTone(4000, 4);
        for (int i = 0; i < huge.length; i++) huge[i] *= 1e20f;
        assertThrows(IllegalArgumentException.class, () -> ex.compute(huge)); // power overflows float
    }

    @Test
    void powerToDbHasLibrosaSemantics() {
        float[][] p = {{1f, 0.1f, 1e-12f}, {0f, 4f, 1e-9f}};
        // ref = 1: 10 log10(S) with S floored at 1e-10, then raised to (max - 80) = 6.02 - 80.
        float[][] db = LogMelExtractor.powerToDb(p, 1.0, 80);
        double max = 10 * Math.log10(4);
        assertEquals(0.0, db[0][0], 1e-5);
        assertEquals(-10.0, db[0][1], 1e-5);
        assertEquals(max - 80, db[0][2], 1e-5); // -100 clamped
        assertEquals(max - 80, db[1][0], 1e-5);
        assertEquals(max, db[1][1], 1e-5);
        assertEquals(max - 80, db[1][2], 1e-5); // -90 clamped as well
        // A wide range keeps the amin floor: 1e-12 and 0 both read -100 dB.
        float[][] wide = LogMelExtractor.powerToDb(p, 1.0, 200);
        assertEquals(-100.0, wide[0][2], 1e-4);
        assertEquals(-100.0, wide[1][0], 1e-4);
        assertEquals(-10.0 * Math.log10(2), LogMelExtractor.powerToDb(p, 2.0, 80)[0][0], 1e-5);
        assertEquals(1e-12f, p[0][2]); // input untouched
        assertThrows(IllegalArgumentException.class, () -> LogMelExtractor.powerToDb(p, -1, 80));
        assertThrows(IllegalArgumentException.class, () -> LogMelExtractor.powerToDb(new float[][] {{Float.NaN}}, 1, 80));
    }

    @Test
    void powerInvertsTheDbStepAboveTheFloor() throws IOException {
        LogMelExtractor ex = new LogMelExtractor(CFG);
        float[] x = ReferenceData.clip("03a01Fa");
        float[][] direct = ex.melPower(x);
        LogMel mel = ex.compute(x);
        float[][] back = mel.power();
        double floorPower = mel.refPower() * 1e-8;
        int checked = 0;
        for (int m = 0; m < direct.length; m++) {
            for (int t = 0; t < direct[m].length; t++) {
                if (direct[m][t] > floorPower) {
                    assertEquals(direct[m][t], back[m][t], direct[m][t] * 1e-5, "cell " + m + "," + t);
                    checked++;
                } else {
                    assertEquals(floorPower, back[m][t], floorPower * 1e-5, "clamped cell " + m + "," + t);
                }
            }
        }
        assertTrue(checked > direct.length * direct[0].length / 2, "most cells are above the floor");
    }

    @Test
    void concurrentCallsGiveTheSameBitsAsSequentialOnes() throws Exception {
        LogMelExtractor ex = new LogMelExtractor(CFG);
        List<float[]> clips = new ArrayList<>();
        for (int i = 0; i < 6; i++) clips.add(noiseTone(8000 + 777 * i, i));
        List<float[][]> expected = new ArrayList<>();
        for (float[] c : clips) expected.add(ex.compute(c).db());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 24; task++) {
                final int k = task % clips.size();
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 10; rep++) {
                        float[][] got = ex.compute(clips.get(k)).db();
                        for (int m = 0; m < got.length; m++) assertArrayEquals(expected.get(k)[m], got[m]);
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) assertTrue(f.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, ConcurrencyUtils.getNumberOfThreads(), "JTransforms must not start its own threads");
    }

    @Test
    void otherConfigurationsWork() throws IOException {
        LogMelConfig paper = LogMelConfig.paper();
        LogMel mel = new LogMelExtractor(paper).compute(noiseTone(22050, 5));
        assertEquals(80, mel.mels());
        assertEquals(1 + 22050 / 256, mel.frames());
        // a non-power-of-two FFT and a band limit still match the direct computation
        LogMelConfig odd = new LogMelConfig(16000, 400, 160, 40, 50, 7600, 60);
        float[] x = noiseTone(2000, 9);
        LogMel got = new LogMelExtractor(odd).compute(x);
        double[][] want = naiveLogMel(x, odd);
        for (int m = 0; m < want.length; m++) {
            for (int t = 0; t < want[m].length; t++) assertEquals(want[m][t], got.db()[m][t], 0.01, "cell " + m + "," + t);
            for (float v : got.db()[m]) assertTrue(v >= -60f && v <= 0f);
        }
    }
}
