package sep.features.acoustic;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * YIN fundamental-frequency estimator (de Cheveigné &amp; Kawahara, "YIN, a fundamental frequency
 * estimator for speech and music", JASA 111(4), 2002), steps 1-5 of the paper:
 * <ol>
 *   <li>difference function {@code d(tau) = sum_{j<W} (x_j - x_{j+tau})^2} over an integration
 *       window of {@code W = frameLength / 2} samples, computed as {@code e(0) + e(tau) - 2 r(tau)}
 *       with the cross term {@code r} from one FFT correlation and the energies from prefix sums
 *       (O(N log N) per frame instead of O(W * tauMax));</li>
 *   <li>cumulative mean normalised difference {@code d'(tau) = d(tau) * tau / sum_{k=1..tau} d(k)},
 *       {@code d'(0) = 1}, which removes the dip at lag 0 and the bias towards short lags;</li>
 *   <li>absolute threshold: the first lag in {@code [sr/fMax, sr/fMin]} whose {@code d'} is below
 *       {@code threshold}, then followed downhill to the bottom of that dip (taking the first dip,
 *       not the global minimum, is what avoids octave-too-low errors);</li>
 *   <li>parabolic interpolation of {@code d'} around that lag for sub-sample precision.</li>
 * </ol>
 * A frame with no lag below the threshold is unvoiced (0 Hz) rather than given the global
 * minimum as in the paper's fallback: callers want a voicing decision, and a pitch guessed on
 * noise is worse than none. A frame with (numerically) no energy is unvoiced too, since
 * {@code d'} is 0/0 there.
 *
 * <p>Frame {@code i} covers {@code x[i*hop, i*hop + frameLength)}; a signal shorter than one
 * frame gives one zero-padded frame. All methods are stateless and thread-safe.
 */
public final class Yin {
    private Yin() {}

    /** Sum of squares below which a frame counts as silent: far below 16-bit quantisation noise. */
    private static final double SILENT_ENERGY_PER_SAMPLE = 1e-12;

    /**
     * Per-frame output: F0 in Hz (0 = unvoiced) and the aperiodicity, the depth of the chosen dip
     * {@code d'} (for unvoiced frames the smallest {@code d'} in the search range), in [0, 1]:
     * 0 is perfectly periodic, 1 is noise or silence. {@code 1 - aperiodicity} is a voicing probability.
     */
    public record Track(float[] f0Hz, float[] aperiodicity) {}

    /** Hz per frame, 0 for unvoiced frames. */
    public static float[] pitchTrack(float[] x, int sampleRate, double fMin, double fMax, int frameLength, int hop,
                                     double threshold) {
        return track(x, sampleRate, fMin, fMax, frameLength, hop, threshold).f0Hz();
    }

    /** F0 and aperiodicity per frame. */
    public static Track track(float[] x, int sampleRate, double fMin, double fMax, int frameLength, int hop,
                              double threshold) {
        if (x == null) throw new IllegalArgumentException("samples must not be null");
        if (x.length == 0) throw new IllegalArgumentException("samples are empty: there is no pitch to track");
        if (hop <= 0) throw new IllegalArgumentException("hop must be positive, got " + hop);
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) throw new IllegalArgumentException("sample " + i + " is " + x[i] + ": audio must be finite");
        }
        Analyzer a = new Analyzer(sampleRate, fMin, fMax, frameLength, threshold);
        int frames = x.length <= frameLength ? 1 : 1 + (x.length - frameLength) / hop;
        float[] f0 = new float[frames];
        float[] ap = new float[frames];
        for (int i = 0; i < frames; i++) {
            a.analyse(x, i * hop);
            f0[i] = (float) a.f0;
            ap[i] = (float) a.aperiodicity;
        }
        return new Track(f0, ap);
    }

    /**
     * One YIN analysis set-up with its work buffers; not thread-safe, make one per thread.
     * {@link #analyse} may be given a frame start outside the signal: the missing samples are zeros,
     * which lets callers centre YIN frames on other frames.
     */
    static final class Analyzer {
        final int sampleRate;
        final int frameLength;
        final int window;
        final int tauMin;
        final int tauMax;
        final double threshold;
        private final int nFft;
        private final DoubleFFT_1D fft;
        private final double[] a;
        private final double[] b;
        private final double[] prefix;
        private final double[] dn;
        double f0;
        double aperiodicity;

        Analyzer(int sampleRate, double fMin, double fMax, int frameLength, double threshold) {
            if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
            if (!(fMin > 0) || !Double.isFinite(fMin)) throw new IllegalArgumentException("fMin must be a positive number of Hz, got " + fMin);
            if (!(fMax > fMin) || !Double.isFinite(fMax)) {
                throw new IllegalArgumentException("fMax must be finite and above fMin " + fMin + " Hz, got " + fMax);
            }
            if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
            this.sampleRate = sampleRate;
            this.frameLength = frameLength;
            this.threshold = threshold;
            this.tauMin = (int) Math.floor(sampleRate / fMax);
            this.tauMax = (int) Math.ceil(sampleRate / fMin);
            // tau - 1 must still be a lag > 0 for the parabola, so the highest F0 is at most sr / 2.
            if (tauMin < 2) {
                throw new IllegalArgumentException("fMax " + fMax + " Hz is too high for sample rate " + sampleRate
                        + " Hz: it must be at most " + sampleRate / 2 + " Hz");
            }
            this.window = frameLength / 2;
            // the lag one beyond tauMax is needed to see whether d' still falls there and to interpolate
            if (frameLength <= 0 || tauMax + 1 > frameLength - window) {
                throw new IllegalArgumentException("frameLength " + frameLength + " is too short for fMin " + fMin + " Hz at "
                        + sampleRate + " Hz: YIN needs a window and a lag range of " + (tauMax + 1)
                        + " samples each, i.e. frameLength >= " + 2 * (tauMax + 1));
            }
            // No wrap-around: window samples j < W at lags tau <= frameLength - W stay below frameLength <= nFft.
            int n = Integer.highestOneBit(frameLength);
            this.nFft = n == frameLength ? n : 2 * n;
            this.fft = new DoubleFFT_1D(nFft);
            this.a = new double[nFft];
            this.b = new double[nFft];
            this.prefix = new double[frameLength + 1];
            this.dn = new double[tauMax + 2];
        }

        /** Analyses the frame starting at {@code start} of {@code x}; results in {@link #f0} and {@link #aperiodicity}. */
        void analyse(float[] x, int start) {
            java.util.Arrays.fill(a, 0.0);
            int lo = Math.max(0, -start);
            int hi = Math.min(frameLength, x.length - start);
            for (int j = lo; j < hi; j++) a[j] = x[start + j];
            prefix[0] = 0;
            for (int j = 0; j < frameLength; j++) prefix[j + 1] = prefix[j] + a[j] * a[j];
            if (prefix[frameLength] < SILENT_ENERGY_PER_SAMPLE * frameLength) {
                f0 = 0;
                aperiodicity = 1;
                return;
            }
            // r(tau) = sum_{j<W} a_j a_{j+tau} = IFFT(conj(FFT(b)) * FFT(a)) with b = first W samples of a
            System.arraycopy(a, 0, b, 0, window);
            java.util.Arrays.fill(b, window, nFft, 0.0);
            fft.realForward(a);
            fft.realForward(b);
            // packed layout: [0] = Re X0, [1] = Re X(n/2), then (Re, Im) pairs
            a[0] *= b[0];
            a[1] *= b[1];
            for (int k = 2; k < nFft; k += 2) {
                double ar = a[k], ai = a[k + 1], br = b[k], bi = b[k + 1];
                a[k] = ar * br + ai * bi;     // A * conj(B)
                a[k + 1] = ai * br - ar * bi;
            }
            fft.realInverse(a, true); // a now holds r(tau)
            double e0 = prefix[window];
            int last = tauMax + 1;
            dn[0] = 1.0;
            double cumulative = 0;
            for (int tau = 1; tau <= last; tau++) {
                double d = e0 + (prefix[tau + window] - prefix[tau]) - 2.0 * a[tau];
                if (d < 0) d = 0; // rounding of the FFT correlation near a perfect match
                cumulative += d;
                dn[tau] = cumulative > 0 ? d * tau / cumulative : 1.0;
            }
            int chosen = -1;
            double min = Double.POSITIVE_INFINITY;
            for (int tau = tauMin; tau <= tauMax; tau++) {
                if (dn[tau] < min) min = dn[tau];
                if (dn[tau] < threshold) {
                    while (tau + 1 <= tauMax && dn[tau + 1] < dn[tau]) tau++;
                    chosen = tau;
                    break;
                }
            }
            if (chosen < 0) {
                f0 = 0;
                aperiodicity = clamp01(min);
                return;
            }
            double y0 = dn[chosen - 1], y1 = dn[chosen], y2 = dn[chosen + 1];
            double denom = y0 - 2 * y1 + y2;
            double shift = denom > 0 ? 0.5 * (y0 - y2) / denom : 0.0;
            if (shift > 1 || shift < -1) shift = 0; // not a proper minimum: keep the integer lag
            double refined = chosen + shift;
            f0 = sampleRate / refined;
            aperiodicity = clamp01(y1 - 0.25 * (y0 - y2) * shift);
        }

        private static double clamp01(double v) {
            return v < 0 ? 0 : (v > 1 ? 1 : v);
        }
    }
}
