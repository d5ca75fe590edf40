package sep.features.acoustic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sep.features.ReferenceData;

class YinTest {

    private static final int SR = 16000;
    /** The settings AcousticFeatures uses at 16 kHz: YIN frame 2 x (ceil(16000 / 65) + 1) = 496 samples, 10 ms hop. */
    private static final int FRAME = AcousticFeatures.yinFrameLength(SR);
    private static final int HOP = 160;

    /** 1 s of f0 with harmonics 1..5 at amplitudes 1/h, random phases: a crude glottal-like tone. */
    static float[] harmonicTone(double f0, int sr, double seconds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] phase = new double[6];
        for (int h = 1; h <= 5; h++) phase[h] = rng.nextDouble() * 2 * Math.PI;
        float[] x = new float[(int) (seconds * sr)];
        for (int n = 0; n < x.length; n++) {
            double v = 0;
            for (int h = 1; h <= 5; h++) v += Math.sin(2 * Math.PI * f0 * h * n / sr + phase[h]) / h;
            x[n] = (float) (0.3 * v);
        }
        return x;
    }

    @Test
    void harmonicToneAt200HzIsFoundWithin2HzInEveryFrame() {
        float[] f0 = Yin.pitchTrack(harmonicTone(200, SR, 1.0, 1), SR, 65, 500, FRAME, HOP, 0.15);
        assertEquals(1 + (SR - FRAME) / HOP, f0.length);
        for (int i = 0; i < f0.length; i++) assertEquals(200.0, f0[i], 2.0, "frame " + i);
        // parabolic interpolation is what gets below the integer-lag grid (80 samples = 200 Hz exactly, so try 203 Hz)
        float[] g = Yin.pitchTrack(harmonicTone(203, SR, 1.0, 2), SR, 65, 500, FRAME, HOP, 0.15);
        for (float v : g) assertEquals(203.0, v, 0.5);
    }

    @Test
    void lowAndHighVoicesAtOtherRates() {
        for (int sr : new int[] {8000, 22050, 44100}) {
            int frame = AcousticFeatures.yinFrameLength(sr);
            int hop = sr / 100;
            for (double hz : new double[] {80, 330}) {
                float[] f0 = Yin.pitchTrack(harmonicTone(hz, sr, 0.5, 3), sr, 65, 500, frame, hop, 0.15);
                for (int i = 0; i < f0.length; i++) assertEquals(hz, f0[i], hz * 0.01, sr + " Hz, " + hz + " Hz tone, frame " + i);
            }
        }
    }

    @Test
    void silenceAndNoiseAreUnvoiced() {
        Yin.Track silent = Yin.track(new float[SR], SR, 65, 500, FRAME, HOP, 0.15);
        for (int i = 0; i < silent.f0Hz().length; i++) {
            assertEquals(0f, silent.f0Hz()[i]);
            assertEquals(1f, silent.aperiodicity()[i]);
        }
        SplittableRandom rng = new SplittableRandom(7);
        float[] noise = new float[SR];
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (0.1 * (rng.nextDouble() * 2 - 1));
        float[] f0 = Yin.pitchTrack(noise, SR, 65, 500, FRAME, HOP, 0.15);
        long voiced = 0;
        for (float v : f0) if (v > 0) voiced++;
        assertTrue(voiced <= f0.length / 20, voiced + " of " + f0.length + " white-noise frames called voiced");
    }

    private static double medianVoicedF0(String... clips) throws IOException {
        float[] all = new float[0];
        for (String c : clips) {
            float[] x = ReferenceData.wav16(ReferenceData.dataFile("emodb/wav/" + c + ".wav"));
            float[] f0 = Yin.pitchTrack(x, SR, 65, 500, FRAME, HOP, 0.15);
            float[] voiced = new float[f0.length];
            int n = 0;
            for (float v : f0) if (v > 0) voiced[n++] = v;
            assertTrue(n > f0.length / 5, c + ": only " + n + " of " + f0.length + " frames voiced");
            int old = all.length;
            all = Arrays.copyOf(all, old + n);
            System.arraycopy(voiced, 0, all, old, n);
        }
        Arrays.sort(all);
        return all[all.length / 2];
    }

    @Test
    void realMaleAndFemaleSpeakersFallInTheirRanges() throws IOException {
        double male = medianVoicedF0("03a01Nc", "03a04Nc", "03b01Nb");
        double female = medianVoicedF0("08a01Na", "08a04Nc", "08b01Na");
        System.out.printf("EmoDB neutral median F0: speaker 03 (male) %.1f Hz, speaker 08 (female) %.1f Hz%n", male, female);
        assertTrue(male >= 80 && male <= 180, "speaker 03 median F0 " + male);
        assertTrue(female >= 150 && female <= 300, "speaker 08 median F0 " + female);
        assertTrue(female > male * 1.3, "female " + female + " should be well above male " + male);
        // each single clip too, and for an angry one (higher, more variable pitch)
        assertTrue(medianVoicedF0("03a01Wa") > 80 && medianVoicedF0("03a01Wa") < 250);
        double angryFemale = medianVoicedF0("08a01Wa");
        assertTrue(angryFemale > 150 && angryFemale < 450, "08a01Wa median " + angryFemale);
    }

    @Test
    void shortInputGivesOneZeroPaddedFrame() {
        float[] x = Arrays.copyOf(harmonicTone(200, SR, 1.0, 4), FRAME - 10);
        float[] f0 = Yin.pitchTrack(x, SR, 65, 500, FRAME, HOP, 0.15);
        assertEquals(1, f0.length);
        assertEquals(200.0, f0[0], 2.0);
    }

    @Test
    void badArgumentsAreRejected() {
        float[] x = new float[SR];
        assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(null, SR, 65, 500, FRAME, HOP, 0.15));
        assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(new float[0], SR, 65, 500, FRAME, HOP, 0.15));
        assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(x, SR, 0, 500, FRAME, HOP, 0.15));
        assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(x, SR, 500, 400, FRAME, HOP, 0.15));
        assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(x, SR, 65, 9000, FRAME, HOP, 0.15));
        assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(x, SR, 65, 500, 200, HOP, 0.15)); // too short for 65 Hz
        assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(x, SR, 65, 500, FRAME, 0, 0.15));
        assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(x, SR, 65, 500, FRAME, HOP, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(x, 0, 65, 500, FRAME, HOP, 0.15));
        float[] nan = new float[SR];
        nan[100] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Yin.pitchTrack(nan, SR, 65, 500, FRAME, HOP, 0.15));
        assertTrue(e.getMessage().contains("sample 100"), e.getMessage());
    }
}
