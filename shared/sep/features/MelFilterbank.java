package sep.features;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Triangular mel filterbank on the Slaney mel scale with Slaney area normalisation, computed as
 * {@code librosa.filters.mel(htk=False, norm='slaney')} does (in double, then stored as float the
 * way librosa returns float32). Slaney rather than HTK because that is librosa's default and the
 * reference spectrograms use it; the area norm makes each band an average power density, so wide
 * high bands are not louder just for being wide.
 *
 * <p>Each band is stored sparsely as its first non-zero FFT bin plus the contiguous run of
 * weights: a triangle covers only a few bins (two to a few dozen of 513), so the hot path does
 * about two multiply-adds per bin instead of 128.
 *
 * <p>Instances are immutable and cached per (sample rate, nFft, nMels, fMin, fMax): building one
 * costs more than a frame of audio, and every extractor with the same settings can share it.
 */
public final class MelFilterbank {

    private record Key(int sampleRate, int nFft, int nMels, double fMin, double fMax) {}

    private static final ConcurrentHashMap<Key, MelFilterbank> CACHE = new ConcurrentHashMap<>();

    private final int sampleRate;
    private final int nFft;
    private final int nMels;
    private final double fMin;
    private final double fMax;
    private final int bins;
    /** First FFT bin of each band with a non-zero weight (0 for an empty band). */
    final int[] first;
    /** Non-zero weights of each band, from {@code first[m]} on; empty for an empty band. */
    final float[][] weights;

    private MelFilterbank(Key key) {
        this.sampleRate = key.sampleRate;
        this.nFft = key.nFft;
        this.nMels = key.nMels;
        this.fMin = key.fMin;
        this.fMax = key.fMax;
        this.bins = nFft / 2 + 1;
        double[][] dense = slaney(sampleRate, nFft, nMels, fMin, fMax);
        this.first = new int[nMels];
        this.weights = new float[nMels][];
        for (int m = 0; m < nMels; m++) {
            int lo = 0;
            while (lo < bins && dense[m][lo] == 0.0) lo++;
            if (lo == bins) { // empty band: librosa keeps it (with a warning), so do we
                first[m] = 0;
                weights[m] = new float[0];
                continue;
            }
            int hi = bins - 1;
            while (dense[m][hi] == 0.0) hi--;
            first[m] = lo;
            weights[m] = new float[hi - lo + 1];
            for (int k = lo; k <= hi; k++) weights[m][k - lo] = (float) dense[m][k];
        }
    }

    /**
     * The filterbank for these settings; {@code fMax <= 0} means {@code sampleRate / 2}.
     * Cached: the same instance is returned for the same arguments.
     */
    public static MelFilterbank of(int sampleRate, int nFft, int nMels, double fMin, double fMax) {
        // Validation is the config's: it rejects every bad combination with a clear message.
        LogMelConfig checked = new LogMelConfig(sampleRate, nFft, Math.max(1, nFft / 4), nMels, fMin, fMax, 80.0);
        Key key = new Key(sampleRate, nFft, nMels, fMin, checked.fMaxHz());
        return CACHE.computeIfAbsent(key, MelFilterbank::new);
    }

    public int sampleRate() { return sampleRate; }
    public int nFft() { return nFft; }
    public int nMels() { return nMels; }
    public double fMin() { return fMin; }
    public double fMax() { return fMax; }
    /** FFT bins per frame, {@code nFft / 2 + 1}. */
    public int bins() { return bins; }

    /** First FFT bin with a non-zero weight in band {@code m} (0 for an empty band). */
    public int firstBin(int m) { return first[m]; }

    /** The non-zero weights of band {@code m}, starting at {@link #firstBin(int)}; a copy. */
    public float[] weights(int m) { return weights[m].clone(); }

    /** The full matrix {@code [nMels][nFft/2+1]}, as librosa returns it; a fresh copy. */
    public float[][] dense() {
        float[][] out = new float[nMels][bins];
        for (int m = 0; m < nMels; m++) System.arraycopy(weights[m], 0, out[m], first[m], weights[m].length);
        return out;
    }

    /** Mel power of one frame: {@code mel[m] = sum_k W[m][k] * power[k]}. */
    public void apply(float[] power, float[] mel) {
        if (power.length < bins || mel.length < nMels) {
            throw new IllegalArgumentException("need " + bins + " power bins and room for " + nMels + " bands, got "
                    + power.length + " and " + mel.length);
        }
        applyUnchecked(power, mel);
    }

    void applyUnchecked(float[] power, float[] mel) {
        for (int m = 0; m < nMels; m++) {
            float[] w = weights[m];
            int k0 = first[m];
            float acc = 0f;
            for (int j = 0; j < w.length; j++) acc += w[j] * power[k0 + j];
            mel[m] = acc;
        }
    }

    /** {@code out[m] = sum_k W[m][k] * x[k]} in double (the mel inversion's residual). */
    void applyDouble(double[] x, double[] out) {
        for (int m = 0; m < nMels; m++) {
            float[] w = weights[m];
            int k0 = first[m];
            double acc = 0;
            for (int j = 0; j < w.length; j++) acc += w[j] * x[k0 + j];
            out[m] = acc;
        }
    }

    /** Transposed product: {@code out[k] = sum_m W[m][k] * mel[m]} (the gradient step of the mel inversion). */
    void applyTransposed(double[] mel, double[] out) {
        Arrays.fill(out, 0, bins, 0.0);
        for (int m = 0; m < nMels; m++) {
            float[] w = weights[m];
            int k0 = first[m];
            double v = mel[m];
            for (int j = 0; j < w.length; j++) out[k0 + j] += w[j] * v;
        }
    }

    /** {@code librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm='slaney')} in double. */
    static double[][] slaney(int sr, int nFft, int nMels, double fMin, double fMax) {
        int bins = nFft / 2 + 1;
        // np.fft.rfftfreq(n_fft, 1/sr): k * (1 / (n_fft * (1/sr))), spelled the same way for the same rounding.
        double binHz = 1.0 / (nFft * (1.0 / sr));
        double[] fftFreqs = new double[bins];
        for (int k = 0; k < bins; k++) fftFreqs[k] = k * binHz;

        // mel_frequencies(n_mels + 2, fmin, fmax): np.linspace in mel, back to Hz.
        int points = nMels + 2;
        double minMel = hzToMel(fMin);
        double maxMel = hzToMel(fMax);
        double step = (maxMel - minMel) / (points - 1);
        double[] melF = new double[points];
        for (int i = 0; i < points; i++) melF[i] = melToHz(i * step + minMel);
        melF[points - 1] = melToHz(maxMel); // linspace puts the endpoint exactly

        double[][] w = new double[nMels][bins];
        for (int i = 0; i < nMels; i++) {
            double fdLow = melF[i + 1] - melF[i];
            double fdHigh = melF[i + 2] - melF[i + 1];
            double enorm = 2.0 / (melF[i + 2] - melF[i]);
            for (int k = 0; k < bins; k++) {
                double lower = -(melF[i] - fftFreqs[k]) / fdLow;
                double upper = (melF[i + 2] - fftFreqs[k]) / fdHigh;
                w[i][k] = Math.max(0.0, Math.min(lower, upper)) * enorm;
            }
        }
        return w;
    }

    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOGSTEP = Math.log(6.4) / 27.0;

    /** Slaney mel scale: linear below 1 kHz, logarithmic above (librosa.hz_to_mel, htk=False). */
    static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
    }

    static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }
}
