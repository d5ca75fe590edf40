package sep.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GriffinLimTest {

    private static final LogMelConfig CFG = LogMelConfig.defaults();
    private static float[] clip;
    private static LogMel mel;

    @BeforeAll
    static void load() throws IOException {
        clip = ReferenceData.clip("03a01Fa");
        mel = new LogMelExtractor(CFG).compute(clip);
    }

    /** Mean |dB| between the mel power of {@code audio} and the clip's, over cells the clip has above -60 dB. */
    private static double meanAbsDbAboveMinus60(float[] audio) {
        float[][] target = mel.power();
        float[][] got = new LogMelExtractor(CFG).melPower(audio);
        assertEquals(mel.frames(), got[0].length, "the reconstruction has as many frames as the input");
        double sum = 0;
        int n = 0;
        for (int m = 0; m < target.length; m++) {
            for (int t = 0; t < target[m].length; t++) {
                if (mel.db()[m][t] > -60) {
                    sum += Math.abs(10 * Math.log10(Math.max(1e-10, got[m][t]) / target[m][t]));
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) s += (double) v * v;
        return Math.sqrt(s / x.length);
    }

    @Test
    void reconstructionHasTheInputsLogMel() {
        float[] y = new GriffinLim(CFG, 32, 0.99, 1).invert(mel);
        assertEquals((mel.frames() - 1) * CFG.hopLength(), y.length);
        double peak = 0;
        for (float v : y) {
            assertTrue(Float.isFinite(v));
            peak = Math.max(peak, Math.abs(v));
        }
        double meanDb = meanAbsDbAboveMinus60(y);
        double levelDb = 20 * Math.log10(rms(y) / rms(clip));
        System.out.printf("Griffin-Lim 32 it: mean |dB| (cells > -60 dB) %.3f, peak %.3f, level %+.2f dB vs original%n",
                meanDb, peak, levelDb);
        // measured 0.87 dB with seed 1 (plain minimum-norm start without NNLS refinement: 1.21 dB)
        assertTrue(meanDb < 2.0, "mean |dB| " + meanDb);
        assertTrue(peak < 2.0, "peak " + peak); // original peaks at 1.0
        assertTrue(Math.abs(levelDb) < 3, "level off by " + levelDb + " dB");
    }

    @Test
    void moreIterationsConvergeFurther() {
        GriffinLim four = new GriffinLim(CFG, 4, 0.99, 3);
        GriffinLim many = new GriffinLim(CFG, 32, 0.99, 3);
        float[][] mag = many.linearMagnitude(mel);
        double sc4 = four.spectralConvergence(four.reconstruct(mag), mag);
        double sc32 = many.spectralConvergence(many.reconstruct(mag), mag);
        GriffinLim plain = new GriffinLim(CFG, 32, 0.0, 3);
        double scPlain = plain.spectralConvergence(plain.reconstruct(mag), mag);
        System.out.printf("spectral convergence: 4 it %.4f, 32 it %.4f, 32 it without momentum %.4f%n", sc4, sc32, scPlain);
        assertTrue(sc32 < 0.8 * sc4, "4 it " + sc4 + ", 32 it " + sc32);
        assertTrue(sc32 < scPlain, "momentum (fast Griffin-Lim) should beat plain Griffin-Lim: " + sc32 + " vs " + scPlain);
        assertTrue(sc32 < 0.2, "32 it " + sc32);
    }

    @Test
    void melToLinearStepRespectsTheMelPowerAndIsNonNegative() {
        GriffinLim gl = new GriffinLim(CFG, 1, 0.99, 0);
        float[][] mag = gl.linearMagnitude(mel);
        assertEquals(CFG.bins(), mag.length);
        float[][] target = mel.power();
        MelFilterbank fb = CFG.filterbank();
        float[] col = new float[CFG.bins()];
        float[] out = new float[CFG.nMels()];
        double sum = 0;
        int n = 0;
        for (int t = 0; t < mel.frames(); t++) {
            for (int k = 0; k < col.length; k++) {
                assertTrue(mag[k][t] >= 0);
                col[k] = mag[k][t] * mag[k][t];
            }
            fb.apply(col, out);
            for (int m = 0; m < out.length; m++) {
                if (mel.db()[m][t] > -60) {
                    sum += Math.abs(10 * Math.log10(out[m] / target[m][t]));
                    n++;
                }
            }
        }
        double meanDb = sum / n;
        System.out.printf("mel -> linear (NNLS) mean |dB| misfit %.4f%n", meanDb);
        assertTrue(meanDb < 0.05, "mean misfit " + meanDb + " dB"); // measured 0.004
    }

    @Test
    void seedMakesItReproducible() {
        float[] a = new GriffinLim(CFG, 4, 0.99, 42).invert(mel);
        float[] b = new GriffinLim(CFG, 4, 0.99, 42).invert(mel);
        float[] c = new GriffinLim(CFG, 4, 0.99, 43).invert(mel);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GriffinLim(CFG, 0, 0.99, 1));
        assertThrows(IllegalArgumentException.class, () -> new GriffinLim(CFG, 32, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new GriffinLim(CFG, 32, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new GriffinLim(null, 32, 0.99, 1));
        GriffinLim paper = new GriffinLim(LogMelConfig.paper(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> paper.invert(mel));
        assertTrue(e.getMessage().contains("22050"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> paper.reconstruct(new float[3][4]));
    }
}
