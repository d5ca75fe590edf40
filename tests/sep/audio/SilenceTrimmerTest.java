package sep.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SilenceTrimmerTest {

    private static float[] burst() {
        float[] x = new float[30000];
        for (int i = 10000; i < 20000; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * (i - 10000) / 16000.0));
        return x;
    }

    @Test
    void toneBetweenZerosKeepsWholeFramesAroundIt() {
        // Frame t covers samples [512t - 1024, 512t + 1024): the first frame touching the tone is t = 18,
        // the last is t = 41, so librosa keeps [18 * 512, 42 * 512).
        assertArrayEquals(new int[] {9216, 21504}, SilenceTrimmer.nonSilentRange(burst(), 60));
        assertArrayEquals(new int[] {9216, 21504}, SilenceTrimmer.nonSilentRange(burst(), 20));
        Audio trimmed = SilenceTrimmer.trim(new Audio(burst(), 16000), 60);
        assertEquals(21504 - 9216, trimmed.samples().length);
        assertEquals(16000, trimmed.sampleRate());
        assertArrayEquals(Arrays.copyOfRange(burst(), 9216, 21504), trimmed.samples());
    }

    /** Expected ranges from a numpy transcription of librosa 0.10's trim (rms centred with zero padding, amin 1e-5). */
    @Test
    void realFilesMatchLibrosa() throws Exception {
        Object[][] cases = {
            {"03a01Fa", new int[][] {{0, 30372}, {1024, 30208}, {1024, 29184}, {1536, 28160}}},
            {"08b02Tc", new int[][] {{0, 122871}, {0, 122871}, {0, 122871}, {1536, 118272}}},
            {"16b10Wb", new int[][] {{0, 40360}, {512, 39936}, {512, 38400}, {1024, 36864}}},
            {"14a07Aa", new int[][] {{0, 32955}, {0, 26624}, {0, 25088}, {0, 24064}}},
        };
        double[] topDbs = {60, 40, 30, 20};
        for (Object[] c : cases) {
            float[] x = AudioDecoder.readMono(TestFiles.data().resolve("emodb/wav/" + c[0] + ".wav")).samples();
            int[][] expected = (int[][]) c[1];
            for (int i = 0; i < topDbs.length; i++) {
                assertArrayEquals(expected[i], SilenceTrimmer.nonSilentRange(x, topDbs[i]), c[0] + " top_db " + topDbs[i]);
            }
        }
    }

    @Test
    void silenceGivesEmptyRange() {
        assertArrayEquals(new int[] {0, 0}, SilenceTrimmer.nonSilentRange(new float[50000], 60));
        assertArrayEquals(new int[] {0, 0}, SilenceTrimmer.nonSilentRange(new float[0], 60));
        float[] whisper = new float[50000];
        Arrays.fill(whisper, 1e-6f); // -120 dBFS: below librosa's amplitude floor
        assertArrayEquals(new int[] {0, 0}, SilenceTrimmer.nonSilentRange(whisper, 60));
        assertEquals(0, SilenceTrimmer.trim(new Audio(new float[5000], 16000), 60).samples().length);
    }

    @Test
    void quietButAudibleSignalIsKept() {
        float[] x = new float[20000];
        for (int i = 5000; i < 6000; i++) x[i] = 1e-3f; // loudest frame about -63 dBFS
        assertArrayEquals(new int[] {4096, 7168}, SilenceTrimmer.nonSilentRange(x, 30)); // frames 8..13 touch samples 5000..5999
        // As in librosa, levels are floored at -100 dBFS: with the peak less than top_db above that floor,
        // even the zeros count as non-silent and nothing is trimmed.
        assertArrayEquals(new int[] {0, 20000}, SilenceTrimmer.nonSilentRange(x, 60));
    }

    @Test
    void nothingToTrimReturnsTheSameAudio() {
        float[] x = new float[4096];
        Arrays.fill(x, 0.1f);
        Audio a = new Audio(x, 16000);
        assertSame(a, SilenceTrimmer.trim(a, 60));
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> SilenceTrimmer.nonSilentRange(new float[10], 0));
        assertThrows(IllegalArgumentException.class, () -> SilenceTrimmer.nonSilentRange(new float[10], Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SilenceTrimmer.nonSilentRange(null, 60));
    }
}
