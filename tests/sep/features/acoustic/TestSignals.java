package sep.features.acoustic;

import java.util.List;
import sep.audio.Audio;
import java.util.SplittableRandom;

/** Synthetic signals and feature look-up shared by the acoustic feature tests. */
final class TestSignals {
    private TestSignals() {}

    /** The value of the feature called {@code name} in a vector laid out as {@code names}. */
    static float feature(List<String> names, float[] v, String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new AssertionError("no feature named " + name);
        return v[i];
    }

    static float[] sine(double hz, double amp, int sr, double seconds) {
        float[] x = new float[(int) (sr * seconds)];
        for (int n = 0; n < x.length; n++) x[n] = (float) (amp * Math.sin(2 * Math.PI * hz * n / sr));
        return x;
    }

    /** Uniform white noise in [-amp, amp). */
    static float[] noise(double amp, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (amp * (rng.nextDouble() * 2 - 1));
        return x;
    }

    /** One second of a three-harmonic tone whose F0 rises exponentially from 120 to 240 Hz (+12 semitones per second). */
    static float[] octaveGlide(int sr) {
        float[] x = new float[sr];
        double phase = 0;
        for (int n = 0; n < x.length; n++) {
            double f = 120 * Math.pow(2, (double) n / sr);
            phase += 2 * Math.PI * f / sr;
            x[n] = (float) (0.3 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase)));
        }
        return x;
    }

    /** Best time (ns) of one extraction of a feature set from 3 s of real speech (an EmoDB clip looped), after warm-up. */
    static long bestExtractionNanosOfThreeSeconds(AcousticFeatures.Version version) {
        float[] x = new float[48000];
        float[] a = EmoDbClips.load(EmoDbClips.all().get(0)).samples();
        for (int i = 0; i < x.length; i++) x[i] = a[i % a.length];
        Audio audio = new Audio(x, 16000);
        for (int i = 0; i < 100; i++) AcousticFeatures.extract(audio, version); // JIT warm-up
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) AcousticFeatures.extract(audio, version);
            best = Math.min(best, (System.nanoTime() - t0) / 20);
        }
        return best;
    }
}
