package sep.features.acoustic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.FloatFFT_1D;
import sep.audio.Audio;
import sep.features.FastDb;
import sep.features.MelFilterbank;

/**
 * Utterance-level acoustic features in the spirit of eGeMAPS (Eyben et al. 2016): frame-level
 * low-level descriptors (LLDs) summarised by functionals into one fixed-length vector per clip,
 * for classic classifiers (SVM, logistic regression, boosted trees).
 *
 * <p><b>Frames.</b> 25 ms windows every 10 ms, not centred (frame t covers
 * {@code [t*hop, t*hop + 25 ms)}; whole frames only, except that a clip shorter than one window is
 * one zero-padded frame). Hamming window, FFT size the next power of two (512 at 16 kHz). Power spectra are scaled
 * by {@code 1 / (nFft * sum w^2)}, so that band powers mean the same at every sample rate.
 * Everything spectral is restricted to 0-8 kHz (or Nyquist if lower) for the same reason.
 *
 * <p><b>LLDs per frame.</b>
 * <ul>
 *   <li>F0 by {@link Yin} (65-500 Hz, threshold 0.15, a YIN frame of 2 x 1/65 s centred on the
 *       25 ms frame), in semitones re 27.5 Hz for voiced frames; aperiodicity {@code d'} of the
 *       chosen dip, giving voicing probability {@code 1 - d'} and an HNR proxy
 *       {@code 10 log10((1 - d') / d')} (voiced frames);</li>
 *   <li>RMS level in dB (full scale = 0 dB) and a loudness proxy {@code sum_m melPower_m^0.3} over
 *       40 mel bands (Stevens' power law instead of a full Zwicker model);</li>
 *   <li>MFCC 0-12: DCT-II (orthonormal) of the natural log of 40 Slaney mel bands, and their deltas
 *       (regression over +-2 frames, edges repeated);</li>
 *   <li>26 log-mel band energies in dB;</li>
 *   <li>spectral centroid, spectral flux (squared distance of consecutive unit-norm magnitude
 *       spectra), 85 % roll-off, flatness (geometric / arithmetic mean power), slopes 0-500 Hz and
 *       500-1500 Hz (dB per kHz, least squares, as eGeMAPS), alpha ratio (50-1000 Hz over
 *       1-5 kHz energy, dB), Hammarberg index (strongest peak 0-2 kHz over 2-5 kHz, dB);</li>
 *   <li>zero-crossing rate in crossings per second.</li>
 * </ul>
 *
 * <p><b>Functionals.</b> Mean and (population) standard deviation of every LLD over all frames
 * (F0 and HNR over voiced frames only; flux over frame pairs). For F0, loudness and RMS dB also
 * percentiles 20/50/80, the 20-80 range, and the mean rising and falling slope (per second,
 * between consecutive frames; for F0 only pairs of voiced frames; the falling mean is of the
 * magnitudes). Plus: voiced ratio, loudness peaks per second (a syllable-rate proxy), voiced
 * segments per second and mean voiced / unvoiced segment length, jitter (mean absolute difference
 * of the F0 periods of consecutive voiced frames over the mean period: a frame-level "macro"
 * jitter, since 10 ms frames do not see single glottal cycles) and shimmer (mean absolute RMS dB
 * difference of consecutive voiced frames).
 *
 * <p><b>Versions.</b> What is described above is {@link Version#V1} (157 features). {@link Version#V2}
 * (ComParE/emobase-like, 913 features) is V1 followed by an extension block, so that its first 157
 * features are V1's, value for value:
 * <ul>
 *   <li>more functionals of V1's LLDs: skewness, excess kurtosis, min, max, p10, p50, p90, the p10-p90
 *       range and the least-squares slope over time (per second) of MFCC 0-12 and their deltas, of
 *       voicing probability, HNR and the nine spectral LLDs; of F0, loudness and RMS dB those of them that
 *       V1 lacks; of the 26 log-mel bands p10, p50, p90, skewness and slope;</li>
 *   <li>MFCC 0-12 delta-deltas (the delta of the delta) with all eleven functionals (mean, std and the
 *       nine above);</li>
 *   <li>new LLDs, with the eleven functionals: spectral contrast in seven octave bands (0-200-400-800-1600-
 *       3200-6400-8000 Hz; mean power of the strongest fifth of a band's bins over that of its weakest
 *       fifth, in dB, the power-domain contrast of librosa with a quantile of 0.2 instead of 0.02, since
 *       the lowest bands have only 6-7 bins), normalised spectral entropy and spectral spread (Hz);</li>
 *   <li>formant-like spectral peaks F1-F3 on voiced frames: the first three maxima between 150 and
 *       5000 Hz of an LPC envelope (autocorrelation method on the pre-emphasised (0.97) power spectrum,
 *       order {@code sr/1000 + 2} within 10-20, envelope on the FFT grid with parabolic interpolation),
 *       mean, std, p10, p50, p90 and p10-p90 range each;</li>
 *   <li>contour functionals: loudness mean and std on voiced and on unvoiced frames, the mean and std of
 *       the F0 slope (least squares, semitones per second) within voiced segments of at least 5 frames and
 *       their mean F0 range, and the std of voiced and unvoiced segment lengths.</li>
 * </ul>
 * {@link #names()}, {@link #size()} and {@link #extract(Audio)} are those of {@link #DEFAULT_VERSION};
 * the other version is at hand through the overloads taking a {@link Version}.
 *
 * <p>Anything undefined for a clip (pitch statistics with no voiced frame, slopes with no rising
 * pair, skewness of a constant series, ...) is 0, never NaN. See {@link #names()} for the exact order.
 *
 * <p>Stateless: per-rate set-ups are immutable and cached, work buffers are per call, so
 * {@link #extract} may be called from many threads at once.
 *
 * <p>Speed (measured on the 2-core test machine while other builds ran): a 3 s clip at 16 kHz takes
 * 3-4 ms on one thread after JIT warm-up, about 40 % of it in YIN; all 535 EmoDB clips (1426 s
 * after trimming) take 1.5-3.5 s on 2 threads once warm, 4-8 s from a cold JVM.
 */
public final class AcousticFeatures {
    private AcousticFeatures() {}

    /** The feature layouts; a later version starts with all of the earlier one's features, in order. */
    public enum Version {
        /** eGeMAPS-style, 157 features (means and standard deviations of most LLDs). */
        V1,
        /** V1 plus more functionals, MFCC delta-deltas, spectral contrast, entropy, spread, formants, contours. */
        V2;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Version fromId(String id) {
            for (Version v : values()) if (v.id().equalsIgnoreCase(id)) return v;
            throw new IllegalArgumentException("unknown acoustic feature set \"" + id + "\"; known: v1, v2");
        }
    }

    /**
     * The layout of {@link #names()}, {@link #size()} and {@link #extract(Audio)}. V2, chosen on validation speakers
     * only: mean validation UA of the RBF SVM over the EmoDB leave-one-speaker-out folds 0.808 against 0.767 for V1
     * (0.877 against 0.847 with speaker normalisation), over RAVDESS's six folds 0.537 against 0.523; logistic
     * regression 0.755 against 0.738 on EmoDB, but 0.531 against 0.546 on RAVDESS.
     * A saved model knows its own layout ({@link #versionOf}), so V1 models keep working.
     */
    public static final Version DEFAULT_VERSION = Version.V2;

    static final double WINDOW_SEC = 0.025;
    static final double HOP_SEC = 0.010;
    static final int MFCC_MELS = 40;
    static final int MFCC_COUNT = 13;
    static final int LOGMEL_BANDS = 26;
    static final double F0_MIN_HZ = 65.0;
    static final double F0_MAX_HZ = 500.0;
    /**
     * 0.15 rather than the paper's 0.1: on every 5th EmoDB clip 0.1 calls 37.7 % of the frames
     * voiced, 0.15 44.5 % (0.2: 49.1 %); the dips of breathy and creaky emotional speech are shallow.
     * White noise stays unvoiced at 0.15 (tested).
     */
    static final double YIN_THRESHOLD = 0.15;
    static final double SPECTRAL_MAX_HZ = 8000.0;
    static final int MIN_SAMPLE_RATE = 8000;
    /** Floor of band and bin powers before logs (about -120 dB): digital silence gives finite values. */
    private static final double POWER_FLOOR = 1e-12;
    private static final double SEMITONE_REF_HZ = 27.5;
    private static final double[] PERCENTILES = {0.2, 0.5, 0.8};
    /** Octave band edges of the spectral contrast (V2), Hz; bands above the spectral limit are empty (contrast 0). */
    static final double[] CONTRAST_EDGES_HZ = {0, 200, 400, 800, 1600, 3200, 6400, 8000};
    /** Share of a band's bins averaged for its peak and for its valley (librosa's quantile is 0.02). */
    static final double CONTRAST_QUANTILE = 0.2;
    static final int FORMANTS = 3;
    static final double FORMANT_MIN_HZ = 150.0;
    static final double FORMANT_MAX_HZ = 5000.0;
    static final double PRE_EMPHASIS = 0.97;
    /** Voiced segments shorter than this many frames get no F0 slope of their own (two points make no trend). */
    static final int MIN_SEGMENT_FRAMES = 5;

    private static final ConcurrentHashMap<Integer, Setup> SETUPS = new ConcurrentHashMap<>();

    /**
     * Names and values come from the same code path ({@link #compute} with a sink that only
     * records names), so the two cannot drift apart. The layout does not depend on the signal.
     */
    private static final Map<Version, List<String>> NAMES = new EnumMap<>(Version.class);

    static {
        float[] tone = new float[16000];
        for (int i = 0; i < tone.length; i++) tone[i] = (float) (0.1 * Math.sin(2 * Math.PI * 150 * i / 16000.0));
        for (Version v : Version.values()) {
            Sink names = new Sink(true, 1024);
            compute(tone, 16000, names, v);
            NAMES.put(v, Collections.unmodifiableList(new ArrayList<>(names.names)));
        }
    }

    /** Feature names of {@link #DEFAULT_VERSION} in the order of {@link #extract(Audio)}'s vector; fixed and stable. */
    public static List<String> names() {
        return names(DEFAULT_VERSION);
    }

    /** Feature names of one version, in the order of its vector. */
    public static List<String> names(Version version) {
        return NAMES.get(version);
    }

    /** Number of features, {@code names().size()}. */
    public static int size() {
        return names().size();
    }

    public static int size(Version version) {
        return names(version).size();
    }

    /** The version whose names these are exactly, or null: tells a saved model which features it was trained on. */
    public static Version versionOf(List<String> featureNames) {
        for (Version v : Version.values()) if (NAMES.get(v).equals(featureNames)) return v;
        return null;
    }

    /** {@link #extract(Audio, Version)} of {@link #DEFAULT_VERSION}. */
    public static float[] extract(Audio audio) {
        return extract(audio, DEFAULT_VERSION);
    }

    /**
     * The feature vector of one utterance. The audio should already be trimmed of leading and
     * trailing silence (it would count as unvoiced and quiet). Sample rate at least 8 kHz.
     */
    public static float[] extract(Audio audio, Version version) {
        if (version == null) throw new IllegalArgumentException("version must not be null");
        List<String> names = NAMES.get(version);
        if (audio == null) throw new IllegalArgumentException("audio must not be null");
        float[] x = audio.samples();
        int sr = audio.sampleRate();
        if (sr < MIN_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate " + sr + " Hz is below the supported minimum of " + MIN_SAMPLE_RATE + " Hz");
        }
        if (x.length == 0) throw new IllegalArgumentException("audio is empty: there is nothing to describe");
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) throw new IllegalArgumentException("sample " + i + " is " + x[i] + ": audio must be finite");
        }
        Sink sink = new Sink(false, names.size());
        compute(x, sr, sink, version);
        if (sink.size != names.size()) throw new IllegalStateException("feature layout changed: " + sink.size + " != " + names.size());
        float[] out = new float[sink.size];
        for (int i = 0; i < out.length; i++) {
            double v = sink.values[i];
            // every functional is guarded; this is the last line of defence for the "never NaN" promise
            if (!Double.isFinite(v)) throw new IllegalStateException("feature " + names.get(i) + " is " + v);
            out[i] = (float) v;
        }
        return out;
    }

    /** Collects either names (layout) or values. */
    private static final class Sink {
        final boolean recordNames;
        final List<String> names = new ArrayList<>();
        double[] values;
        int size;

        Sink(boolean recordNames, int capacity) {
            this.recordNames = recordNames;
            this.values = new double[capacity];
        }

        void put(String name, double v) {
            if (recordNames) names.add(name);
            if (size == values.length) values = Arrays.copyOf(values, 2 * size);
            values[size++] = v;
        }
    }

    /** Everything that depends only on the sample rate. */
    private static final class Setup {
        final int sr;
        final int win;
        final int hop;
        final int nFft;
        final float[] window;
        final double powerScale;
        final MelFilterbank mfccBank;
        final MelFilterbank logMelBank;
        final float[][] dct;
        /** Last FFT bin at or below the spectral upper limit. */
        final int kMax;
        final double binHz;
        final int yinFrame;
        final int[] slopeLo;
        final int[] slopeHi;
        final int[] alphaLow;
        final int[] alphaHigh;
        final int[] hammLow;
        final int[] hammHigh;
        /** V2: first and last (inclusive) bin of each contrast band; {@code first > last} for an empty band. */
        final int[] contrastFirst, contrastLast;
        /** V2: {@code |1 - a e^{-iw}|^2} per bin, pre-emphasis applied to a power spectrum. */
        final float[] preEmphasis;
        final int lpcOrder;
        /** V2: bins searched for formant peaks (the neighbours of an interior peak are in range). */
        final int formantLo, formantHi;

        Setup(int sr) {
            this.sr = sr;
            this.win = (int) Math.round(WINDOW_SEC * sr);
            this.hop = (int) Math.round(HOP_SEC * sr);
            int n = Integer.highestOneBit(win);
            this.nFft = n == win ? n : 2 * n;
            this.window = new float[win];
            double sumSq = 0;
            for (int i = 0; i < win; i++) {
                window[i] = (float) (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (win - 1)));
                sumSq += (double) window[i] * window[i];
            }
            this.powerScale = 1.0 / (nFft * sumSq);
            double fTop = Math.min(SPECTRAL_MAX_HZ, sr / 2.0);
            this.mfccBank = MelFilterbank.of(sr, nFft, MFCC_MELS, 0.0, fTop);
            this.logMelBank = MelFilterbank.of(sr, nFft, LOGMEL_BANDS, 0.0, fTop);
            this.dct = new float[MFCC_COUNT][MFCC_MELS];
            for (int k = 0; k < MFCC_COUNT; k++) {
                double scale = k == 0 ? Math.sqrt(1.0 / MFCC_MELS) : Math.sqrt(2.0 / MFCC_MELS);
                for (int m = 0; m < MFCC_MELS; m++) dct[k][m] = (float) (scale * Math.cos(Math.PI * k * (m + 0.5) / MFCC_MELS));
            }
            this.binHz = (double) sr / nFft;
            this.kMax = (int) Math.floor(fTop / binHz);
            this.yinFrame = yinFrameLength(sr);
            this.slopeLo = bins(0, 500);
            this.slopeHi = bins(500, 1500);
            this.alphaLow = bins(50, 1000);
            this.alphaHigh = bins(1000, 5000);
            this.hammLow = bins(0, 2000);
            this.hammHigh = bins(2000, 5000);
            int bands = CONTRAST_EDGES_HZ.length - 1;
            this.contrastFirst = new int[bands];
            this.contrastLast = new int[bands];
            for (int b = 0; b < bands; b++) {
                // half-open [lo, hi) so that neighbouring bands share no bin; the top band keeps its upper edge
                contrastFirst[b] = (int) Math.ceil(CONTRAST_EDGES_HZ[b] / binHz);
                int last = b == bands - 1 ? (int) Math.floor(CONTRAST_EDGES_HZ[b + 1] / binHz)
                        : (int) Math.ceil(CONTRAST_EDGES_HZ[b + 1] / binHz) - 1;
                contrastLast[b] = Math.min(kMax, last);
            }
            this.preEmphasis = new float[nFft / 2 + 1];
            for (int k = 0; k < preEmphasis.length; k++) {
                preEmphasis[k] = (float) (1 + PRE_EMPHASIS * PRE_EMPHASIS - 2 * PRE_EMPHASIS * Math.cos(2 * Math.PI * k / nFft));
            }
            this.lpcOrder = Math.max(10, Math.min(20, sr / 1000 + 2));
            this.formantLo = Math.max(1, (int) Math.ceil(FORMANT_MIN_HZ / binHz));
            this.formantHi = Math.min(nFft / 2 - 1, (int) Math.floor(Math.min(FORMANT_MAX_HZ, sr / 2.0) / binHz));
        }

        /** FFT bins {from, to} (inclusive) covering [loHz, hiHz], clipped to the spectral range. */
        private int[] bins(double loHz, double hiHz) {
            int a = (int) Math.ceil(loHz / binHz);
            int b = Math.min(kMax, (int) Math.floor(hiHz / binHz));
            if (b < a) b = a; // only at 8 kHz for the 2-5 kHz band: still one bin, never an empty range
            return new int[] {Math.min(a, kMax), Math.min(b, kMax)};
        }

        /** Whole frames only (a partial tail frame would read mostly padding); at least one. */
        int frames(int samples) {
            return samples <= win ? 1 : 1 + (samples - win) / hop;
        }
    }

    /** The shortest YIN frame {@link Yin} accepts for {@link #F0_MIN_HZ}: a window and a lag range of one lowest period (+1) each. */
    static int yinFrameLength(int sr) {
        return 2 * ((int) Math.ceil(sr / F0_MIN_HZ) + 1);
    }

    private static Setup setup(int sr) {
        return SETUPS.computeIfAbsent(sr, Setup::new);
    }

    /**
     * The low-level descriptors of one clip, frame by frame, with the work buffers that computing
     * them needs. {@link #frame} is its own (small) method so that the JIT compiles it after a few
     * hundred frames; inlined into one big per-clip method it ran for seconds in the slow
     * profiling tier on the first few hundred clips.
     */
    private static final class Lld {
        final Setup s;
        final float[] x;
        final int frames;
        final float[] f0, aperiodicity, rmsDb, loudness, centroid, flux, rolloff, flatness, slope0, slope1, alpha, hammarberg, zcr;
        final float[][] mfcc, logMel;
        private final FloatFFT_1D fft;
        private final float[] buf, power, mel40, mel26, mag, prevMag;
        private final double[] logMel40, binDb;
        private final Yin.Analyzer yin;
        private final int yinOffset;
        /** V2 only (null for V1): contrast per band, entropy, spread, formants (0 = none in that frame). */
        final boolean extended;
        final float[][] contrast, formant;
        final float[] entropy, spread;
        private final float[] sortBuf, lpcBuf;
        private final double[] autocorr, lpc, lpcTmp;

        Lld(Setup s, float[] x, boolean extended) {
            this.s = s;
            this.x = x;
            int frames = this.frames = s.frames(x.length);
            f0 = new float[frames];
            aperiodicity = new float[frames];
            rmsDb = new float[frames];
            loudness = new float[frames];
            mfcc = new float[MFCC_COUNT][frames];
            logMel = new float[LOGMEL_BANDS][frames];
            centroid = new float[frames];
            flux = new float[Math.max(0, frames - 1)];
            rolloff = new float[frames];
            flatness = new float[frames];
            slope0 = new float[frames];
            slope1 = new float[frames];
            alpha = new float[frames];
            hammarberg = new float[frames];
            zcr = new float[frames];
            fft = new FloatFFT_1D(s.nFft);
            buf = new float[s.nFft];
            power = new float[s.nFft / 2 + 1];
            mel40 = new float[MFCC_MELS];
            mel26 = new float[LOGMEL_BANDS];
            logMel40 = new double[MFCC_MELS];
            mag = new float[s.kMax + 1];
            prevMag = new float[s.kMax + 1];
            binDb = new double[s.kMax + 1];
            yin = new Yin.Analyzer(s.sr, F0_MIN_HZ, F0_MAX_HZ, s.yinFrame, YIN_THRESHOLD);
            yinOffset = s.win / 2 - s.yinFrame / 2; // centres the YIN frame on the 25 ms frame
            this.extended = extended;
            if (extended) {
                contrast = new float[CONTRAST_EDGES_HZ.length - 1][frames];
                formant = new float[FORMANTS][frames];
                entropy = new float[frames];
                spread = new float[frames];
                sortBuf = new float[s.kMax + 1];
                lpcBuf = new float[s.nFft];
                autocorr = new double[s.lpcOrder + 1];
                lpc = new double[s.lpcOrder + 1];
                lpcTmp = new double[s.lpcOrder + 1];
            } else {
                contrast = formant = null;
                entropy = spread = sortBuf = lpcBuf = null;
                autocorr = lpc = lpcTmp = null;
            }
        }

        /**
         * V2's spectral LLDs of frame t from {@link #power} (still that frame's): contrast, entropy,
         * spread; formants only where YIN found the frame voiced (they mean little elsewhere).
         */
        void extendedFrame(int t) {
            final int kMax = s.kMax;
            double total = 0, weighted = 0;
            for (int k = 1; k <= kMax; k++) {
                total += power[k];
                weighted += k * (double) power[k];
            }
            if (total > POWER_FLOOR) {
                double centre = weighted / total, var = 0, plogp = 0;
                for (int k = 1; k <= kMax; k++) {
                    double d = k - centre;
                    var += d * d * power[k];
                    // ln p with p = power / total; FastDb needs a positive normal float, the floor keeps it one
                    float pk = (float) Math.max(power[k] / total, POWER_FLOOR);
                    plogp += pk * FastDb.db(pk);
                }
                spread[t] = (float) (Math.sqrt(var / total) * s.binHz);
                // FastDb gives 10 log10; entropy in nats normalised by ln(bins): divide by 10 / ln 10 and ln K
                entropy[t] = (float) (-plogp * Math.log(10) / 10.0 / Math.log(kMax));
            } else {
                spread[t] = 0f;
                entropy[t] = 0f;
            }
            for (int b = 0; b < contrast.length; b++) {
                int first = s.contrastFirst[b], last = s.contrastLast[b];
                int n = last - first + 1;
                if (n < 1) {
                    contrast[b][t] = 0f;
                    continue;
                }
                System.arraycopy(power, first, sortBuf, 0, n);
                int q = Math.max(1, (int) Math.round(CONTRAST_QUANTILE * n));
                // Selection instead of a sort (a full sort per band and frame was a third of V2's time): afterwards
                // [0, q) holds the q smallest and [n - q, n) the q largest, each in no particular order.
                select(sortBuf, 0, n, q - 1);
                if (n - q > q) select(sortBuf, q, n, n - q);
                double lo = 0, hi = 0;
                for (int i = 0; i < q; i++) {
                    lo += sortBuf[i];
                    hi += sortBuf[n - 1 - i];
                }
                contrast[b][t] = (float) (10 * Math.log10((hi / q + POWER_FLOOR) / (lo / q + POWER_FLOOR)));
            }
            for (int i = 0; i < FORMANTS; i++) formant[i][t] = 0f;
            if (f0[t] > 0) formants(t);
        }

        /** LPC envelope peaks of frame t: autocorrelation from the pre-emphasised power spectrum, Levinson-Durbin. */
        private void formants(int t) {
            final int nFft = s.nFft, p = s.lpcOrder, half = nFft / 2;
            // JTransforms' packed real layout: [re0, re(n/2), re1, im1, ...]; a power spectrum is real
            lpcBuf[0] = power[0] * s.preEmphasis[0];
            lpcBuf[1] = power[half] * s.preEmphasis[half];
            for (int k = 1; k < half; k++) {
                lpcBuf[2 * k] = power[k] * s.preEmphasis[k];
                lpcBuf[2 * k + 1] = 0f;
            }
            fft.realInverse(lpcBuf, false);
            for (int i = 0; i <= p; i++) autocorr[i] = lpcBuf[i];
            if (!(autocorr[0] > 0)) return;
            autocorr[0] *= 1 + 1e-9; // a hair of white-noise floor keeps the recursion stable on pure tones
            Arrays.fill(lpc, 0);
            lpc[0] = 1;
            double err = autocorr[0];
            for (int i = 1; i <= p; i++) {
                double acc = autocorr[i];
                for (int j = 1; j < i; j++) acc += lpc[j] * autocorr[i - j];
                double k = -acc / err;
                if (!(Math.abs(k) < 1)) return; // numerically unstable: no envelope, no formants for this frame
                System.arraycopy(lpc, 0, lpcTmp, 0, i);
                for (int j = 1; j < i; j++) lpc[j] = lpcTmp[j] + k * lpcTmp[i - j];
                lpc[i] = k;
                err *= 1 - k * k;
                if (!(err > 0)) return;
            }
            for (int i = 0; i <= p; i++) lpcBuf[i] = (float) lpc[i];
            Arrays.fill(lpcBuf, p + 1, nFft, 0f);
            fft.realForward(lpcBuf);
            // |A(k)|^2 into sortBuf (free again): envelope peaks are its minima
            int hiBin = Math.min(s.formantHi + 1, half - 1);
            for (int k = Math.max(1, s.formantLo - 1); k <= hiBin; k++) {
                float re = lpcBuf[2 * k], im = lpcBuf[2 * k + 1];
                sortBuf[k] = re * re + im * im;
            }
            int found = 0;
            for (int k = s.formantLo; k <= s.formantHi && found < FORMANTS; k++) {
                float a = sortBuf[k - 1], b = sortBuf[k], c = sortBuf[k + 1];
                if (b < a && b <= c && b > 0 && a > 0 && c > 0) {
                    // parabola through the envelope in dB (= -dB of |A|^2) at k-1, k, k+1
                    double ya = -FastDb.db(a), yb = -FastDb.db(b), yc = -FastDb.db(c);
                    double den = ya - 2 * yb + yc;
                    double shift = den < 0 ? 0.5 * (ya - yc) / den : 0;
                    formant[found++][t] = (float) ((k + Math.max(-0.5, Math.min(0.5, shift))) * s.binHz);
                }
            }
        }

        void frame(int t) {
            final int win = s.win, hop = s.hop, nFft = s.nFft, kMax = s.kMax, sr = s.sr;
            int start = t * hop;
            int avail = Math.max(0, Math.min(win, x.length - start));
            // level and zero crossings on the raw (unwindowed) frame; the zero padding counts as silence
            double sq = 0;
            int crossings = 0;
            int prevSign = avail > 0 && x[start] < 0 ? 1 : 0;
            for (int i = 0; i < avail; i++) {
                float v = x[start + i];
                sq += (double) v * v;
                int sign = v < 0 ? 1 : 0;
                crossings += sign ^ prevSign;
                prevSign = sign;
            }
            rmsDb[t] = (float) (10 * Math.log10(sq / win + 1e-10));
            zcr[t] = (float) (crossings / (win / (double) sr));

            for (int i = 0; i < avail; i++) buf[i] = x[start + i] * s.window[i];
            Arrays.fill(buf, avail, nFft, 0f);
            fft.realForward(buf);
            power[0] = (float) (buf[0] * buf[0] * s.powerScale);
            power[nFft / 2] = (float) (buf[1] * buf[1] * s.powerScale);
            for (int k = 1; k < nFft / 2; k++) {
                float re = buf[2 * k], im = buf[2 * k + 1];
                power[k] = (float) ((re * re + im * im) * s.powerScale);
            }

            s.mfccBank.apply(power, mel40);
            double loud = 0;
            for (int m = 0; m < MFCC_MELS; m++) {
                double ln = Math.log(mel40[m] + POWER_FLOOR);
                logMel40[m] = ln;
                // mel^0.3 through the logarithm MFCCs need anyway (Math.pow costs more than the FFT);
                // the floor adds at most 40 * 1e-12^0.3 = 0.01 for digital silence
                loud += Math.exp(0.3 * ln);
            }
            loudness[t] = (float) loud;
            for (int k = 0; k < MFCC_COUNT; k++) {
                float[] row = s.dct[k];
                double c = 0;
                for (int m = 0; m < MFCC_MELS; m++) c += row[m] * logMel40[m];
                mfcc[k][t] = (float) c;
            }
            s.logMelBank.apply(power, mel26);
            for (int m = 0; m < LOGMEL_BANDS; m++) logMel[m][t] = (float) (10 * Math.log10(mel26[m] + POWER_FLOOR));

            spectral(s, power, binDb, t, centroid, rolloff, flatness, slope0, slope1, alpha, hammarberg);

            double norm = 0;
            for (int k = 0; k <= kMax; k++) {
                mag[k] = (float) Math.sqrt(power[k]);
                norm += (double) mag[k] * mag[k];
            }
            double inv = norm > POWER_FLOOR ? 1.0 / Math.sqrt(norm) : 0.0; // a silent frame is the zero vector
            double fl = 0;
            for (int k = 0; k <= kMax; k++) {
                float m = (float) (mag[k] * inv);
                if (t > 0) {
                    double d = m - prevMag[k];
                    fl += d * d;
                }
                prevMag[k] = m;
            }
            if (t > 0) flux[t - 1] = (float) fl;

            // Centred on the 25 ms frame, but at the clip edges shifted inwards (by at most half the
            // length difference, 3 ms at 16 kHz) so that it does not read zero padding: padding inside
            // the YIN frame raises d' and would turn the first and last voiced frames unvoiced. Only a
            // clip shorter than one YIN frame is analysed with padding.
            int yinStart = start + yinOffset;
            if (x.length >= s.yinFrame) yinStart = Math.max(0, Math.min(yinStart, x.length - s.yinFrame));
            yin.analyse(x, yinStart);
            f0[t] = (float) yin.f0;
            aperiodicity[t] = (float) yin.aperiodicity;
            if (extended) extendedFrame(t);
        }
    }

    private static void compute(float[] x, int sr, Sink out, Version version) {
        Setup s = setup(sr);
        Lld l = new Lld(s, x, version != Version.V1);
        for (int t = 0; t < l.frames; t++) l.frame(t);
        functionals(s, l, x.length, out);
        if (version == Version.V2) extendedFunctionals(s, l, out);
    }

    private static void functionals(Setup s, Lld l, int samples, Sink out) {
        final int frames = l.frames, sr = s.sr;
        final double hopSec = (double) s.hop / sr;
        final float[] f0 = l.f0, aperiodicity = l.aperiodicity, loudness = l.loudness, rmsDb = l.rmsDb;
        final float[][] mfcc = l.mfcc, logMel = l.logMel;
        final float[] centroid = l.centroid, flux = l.flux, rolloff = l.rolloff, flatness = l.flatness, slope0 = l.slope0,
                slope1 = l.slope1, alpha = l.alpha, hammarberg = l.hammarberg, zcr = l.zcr;

        // ---- pitch-related
        int voicedCount = 0;
        for (float v : f0) if (v > 0) voicedCount++;
        float[] semitones = new float[voicedCount];
        float[] hnr = new float[voicedCount];
        for (int t = 0, j = 0; t < frames; t++) {
            if (f0[t] > 0) {
                semitones[j] = (float) (12.0 * Math.log(f0[t] / SEMITONE_REF_HZ) / Math.log(2.0));
                double ap = Math.min(0.999, Math.max(0.001, aperiodicity[t]));
                hnr[j] = (float) (10 * Math.log10((1 - ap) / ap));
                j++;
            }
        }
        // F0 slopes only between two voiced neighbours: across a gap the "slope" would be meaningless
        double rise = 0, fall = 0;
        int nRise = 0, nFall = 0;
        for (int t = 1; t < frames; t++) {
            if (f0[t] > 0 && f0[t - 1] > 0) {
                double d = 12.0 * Math.log(f0[t] / f0[t - 1]) / Math.log(2.0) / hopSec;
                if (d > 0) { rise += d; nRise++; } else if (d < 0) { fall -= d; nFall++; }
            }
        }
        richFunctionals(out, "f0_semitone", semitones, nRise == 0 ? 0 : rise / nRise, nFall == 0 ? 0 : fall / nFall);
        richFunctionals(out, "loudness", loudness, risingSlope(loudness, hopSec), fallingSlope(loudness, hopSec));
        richFunctionals(out, "rms_db", rmsDb, risingSlope(rmsDb, hopSec), fallingSlope(rmsDb, hopSec));

        float[] voicingProb = new float[frames];
        for (int t = 0; t < frames; t++) voicingProb[t] = 1f - aperiodicity[t];
        meanStd(out, "voicing_prob", voicingProb);
        meanStd(out, "hnr_db", hnr);

        // ---- spectral envelope
        float[][] deltas = new float[MFCC_COUNT][];
        for (int k = 0; k < MFCC_COUNT; k++) deltas[k] = delta(mfcc[k]);
        for (int k = 0; k < MFCC_COUNT; k++) meanStd(out, "mfcc" + k, mfcc[k]);
        for (int k = 0; k < MFCC_COUNT; k++) meanStd(out, "mfcc" + k + "_delta", deltas[k]);
        for (int m = 0; m < LOGMEL_BANDS; m++) meanStd(out, "logmel" + m + "_db", logMel[m]);
        meanStd(out, "spectral_centroid_hz", centroid);
        meanStd(out, "spectral_flux", flux);
        meanStd(out, "spectral_rolloff85_hz", rolloff);
        meanStd(out, "spectral_flatness", flatness);
        meanStd(out, "spectral_slope_0_500_db_per_khz", slope0);
        meanStd(out, "spectral_slope_500_1500_db_per_khz", slope1);
        meanStd(out, "alpha_ratio_db", alpha);
        meanStd(out, "hammarberg_db", hammarberg);
        meanStd(out, "zcr_per_sec", zcr);

        // ---- temporal / voice quality
        double seconds = (double) samples / sr;
        out.put("voiced_ratio", (double) voicedCount / frames);
        out.put("loudness_peaks_per_sec", loudnessPeaks(loudness) / seconds);
        int voicedSegments = 0, unvoicedSegments = 0;
        for (int t = 0; t < frames; t++) {
            boolean v = f0[t] > 0;
            if (t == 0 || v != (f0[t - 1] > 0)) {
                if (v) voicedSegments++; else unvoicedSegments++;
            }
        }
        out.put("voiced_segments_per_sec", voicedSegments / seconds);
        out.put("voiced_segment_mean_sec", voicedSegments == 0 ? 0 : voicedCount * hopSec / voicedSegments);
        out.put("unvoiced_segment_mean_sec", unvoicedSegments == 0 ? 0 : (frames - voicedCount) * hopSec / unvoicedSegments);
        double periodDiff = 0, ampDiff = 0;
        int pairs = 0;
        for (int t = 1; t < frames; t++) {
            if (f0[t] > 0 && f0[t - 1] > 0) {
                periodDiff += Math.abs(1.0 / f0[t] - 1.0 / f0[t - 1]);
                ampDiff += Math.abs(rmsDb[t] - rmsDb[t - 1]);
                pairs++;
            }
        }
        double meanPeriod = 0;
        for (float v : f0) if (v > 0) meanPeriod += 1.0 / v;
        meanPeriod = voicedCount == 0 ? 0 : meanPeriod / voicedCount;
        out.put("jitter_rel", pairs == 0 || meanPeriod == 0 ? 0 : periodDiff / pairs / meanPeriod);
        out.put("shimmer_db", pairs == 0 ? 0 : ampDiff / pairs);
    }

    /**
     * V2's extension block (see the class comment), appended after V1's features. Series over all
     * frames have frame times {@code t * hop}; voiced-only series keep their frames' own times, so that
     * slopes are per second of the clip, not per voiced frame.
     */
    private static void extendedFunctionals(Setup s, Lld l, Sink out) {
        final int frames = l.frames;
        final double hopSec = (double) s.hop / s.sr;
        final float[] f0 = l.f0;
        int voicedCount = 0;
        for (float v : f0) if (v > 0) voicedCount++;
        float[] semitones = new float[voicedCount], hnr = new float[voicedCount];
        float[] voicedTimes = new float[voicedCount];
        for (int t = 0, j = 0; t < frames; t++) {
            if (f0[t] > 0) {
                semitones[j] = (float) (12.0 * Math.log(f0[t] / SEMITONE_REF_HZ) / Math.log(2.0));
                double ap = Math.min(0.999, Math.max(0.001, l.aperiodicity[t]));
                hnr[j] = (float) (10 * Math.log10((1 - ap) / ap));
                voicedTimes[j] = (float) (t * hopSec);
                j++;
            }
        }
        float[] allTimes = new float[frames];
        for (int t = 0; t < frames; t++) allTimes[t] = (float) (t * hopSec);
        float[] voicingProb = new float[frames];
        for (int t = 0; t < frames; t++) voicingProb[t] = 1f - l.aperiodicity[t];

        // what V1 lacks of the eleven functionals, for V1's LLDs
        Stats.of(semitones, voicedTimes).put(out, "f0_semitone", Stats.BEYOND_RICH);
        Stats.of(l.loudness, allTimes).put(out, "loudness", Stats.BEYOND_RICH);
        Stats.of(l.rmsDb, allTimes).put(out, "rms_db", Stats.BEYOND_RICH);
        Stats.of(voicingProb, allTimes).put(out, "voicing_prob", Stats.BEYOND_MEAN_STD);
        Stats.of(hnr, voicedTimes).put(out, "hnr_db", Stats.BEYOND_MEAN_STD);
        float[][] deltas = new float[MFCC_COUNT][];
        for (int k = 0; k < MFCC_COUNT; k++) {
            deltas[k] = delta(l.mfcc[k]);
            Stats.of(l.mfcc[k], allTimes).put(out, "mfcc" + k, Stats.BEYOND_MEAN_STD);
        }
        for (int k = 0; k < MFCC_COUNT; k++) Stats.of(deltas[k], allTimes).put(out, "mfcc" + k + "_delta", Stats.BEYOND_MEAN_STD);
        for (int k = 0; k < MFCC_COUNT; k++) Stats.of(delta(deltas[k]), allTimes).put(out, "mfcc" + k + "_delta2", Stats.ALL);
        for (int m = 0; m < LOGMEL_BANDS; m++) Stats.of(l.logMel[m], allTimes).put(out, "logmel" + m + "_db", Stats.LOGMEL);
        float[] fluxTimes = Arrays.copyOfRange(allTimes, Math.min(1, frames), frames); // flux[t - 1] is of frames t - 1 and t
        Stats.of(l.centroid, allTimes).put(out, "spectral_centroid_hz", Stats.BEYOND_MEAN_STD);
        Stats.of(l.flux, fluxTimes).put(out, "spectral_flux", Stats.BEYOND_MEAN_STD);
        Stats.of(l.rolloff, allTimes).put(out, "spectral_rolloff85_hz", Stats.BEYOND_MEAN_STD);
        Stats.of(l.flatness, allTimes).put(out, "spectral_flatness", Stats.BEYOND_MEAN_STD);
        Stats.of(l.slope0, allTimes).put(out, "spectral_slope_0_500_db_per_khz", Stats.BEYOND_MEAN_STD);
        Stats.of(l.slope1, allTimes).put(out, "spectral_slope_500_1500_db_per_khz", Stats.BEYOND_MEAN_STD);
        Stats.of(l.alpha, allTimes).put(out, "alpha_ratio_db", Stats.BEYOND_MEAN_STD);
        Stats.of(l.hammarberg, allTimes).put(out, "hammarberg_db", Stats.BEYOND_MEAN_STD);
        Stats.of(l.zcr, allTimes).put(out, "zcr_per_sec", Stats.BEYOND_MEAN_STD);

        // new LLDs
        for (int b = 0; b < l.contrast.length; b++) {
            String band = Math.round(CONTRAST_EDGES_HZ[b]) + "_" + Math.round(CONTRAST_EDGES_HZ[b + 1]);
            Stats.of(l.contrast[b], allTimes).put(out, "spectral_contrast_" + band + "_db", Stats.ALL);
        }
        Stats.of(l.entropy, allTimes).put(out, "spectral_entropy", Stats.ALL);
        Stats.of(l.spread, allTimes).put(out, "spectral_spread_hz", Stats.ALL);
        for (int i = 0; i < FORMANTS; i++) {
            int n = 0;
            for (float v : l.formant[i]) if (v > 0) n++;
            float[] values = new float[n], times = new float[n];
            for (int t = 0, j = 0; t < frames; t++) {
                if (l.formant[i][t] > 0) {
                    values[j] = l.formant[i][t];
                    times[j++] = allTimes[t];
                }
            }
            Stats.of(values, times).put(out, "formant" + (i + 1) + "_hz", Stats.FORMANT);
        }

        // contours: loudness by voicing, F0 within voiced segments, segment length spread
        int[] voicedIdx = new int[voicedCount];
        int[] unvoicedIdx = new int[frames - voicedCount];
        for (int t = 0, a = 0, b = 0; t < frames; t++) {
            if (f0[t] > 0) voicedIdx[a++] = t; else unvoicedIdx[b++] = t;
        }
        Stats voicedLoud = Stats.of(pick(l.loudness, voicedIdx), null);
        Stats unvoicedLoud = Stats.of(pick(l.loudness, unvoicedIdx), null);
        out.put("loudness_voiced_mean", voicedLoud.mean);
        out.put("loudness_voiced_std", voicedLoud.std);
        out.put("loudness_unvoiced_mean", unvoicedLoud.mean);
        out.put("loudness_unvoiced_std", unvoicedLoud.std);
        List<Double> segSlopes = new ArrayList<>(), segRanges = new ArrayList<>();
        List<Double> voicedLengths = new ArrayList<>(), unvoicedLengths = new ArrayList<>();
        for (int t = 0; t < frames; ) {
            boolean voiced = f0[t] > 0;
            int end = t;
            while (end < frames && (f0[end] > 0) == voiced) end++;
            (voiced ? voicedLengths : unvoicedLengths).add((end - t) * hopSec);
            if (voiced && end - t >= MIN_SEGMENT_FRAMES) {
                float[] st = new float[end - t];
                for (int i = t; i < end; i++) st[i - t] = (float) (12.0 * Math.log(f0[i] / SEMITONE_REF_HZ) / Math.log(2.0));
                Stats seg = Stats.of(st, Arrays.copyOfRange(allTimes, t, end));
                segSlopes.add(seg.slope);
                segRanges.add(seg.max - seg.min);
            }
            t = end;
        }
        double[] slopeMs = meanAndStd(segSlopes);
        out.put("f0_segment_slope_mean", slopeMs[0]);
        out.put("f0_segment_slope_std", slopeMs[1]);
        out.put("f0_segment_range_mean", meanAndStd(segRanges)[0]);
        out.put("voiced_segment_std_sec", meanAndStd(voicedLengths)[1]);
        out.put("unvoiced_segment_std_sec", meanAndStd(unvoicedLengths)[1]);
    }

    /**
     * Rearranges {@code a[from, to)} so that {@code a[k]} is the value a sort would put there, with no larger value
     * before it and no smaller one after it (Hoare's selection, median-of-three pivots; expected linear time).
     */
    static void select(float[] a, int from, int to, int k) {
        int lo = from, hi = to - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three into a[mid]
            if (a[mid] < a[lo]) swap(a, mid, lo);
            if (a[hi] < a[lo]) swap(a, hi, lo);
            if (a[hi] < a[mid]) swap(a, hi, mid);
            float pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) swap(a, i++, j--);
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return; // j < k < i: a[k] equals the pivot and sits between the two parts
        }
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static float[] pick(float[] v, int[] idx) {
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
        return out;
    }

    /** {mean, population std}; zeros for an empty list. */
    private static double[] meanAndStd(List<Double> v) {
        if (v.isEmpty()) return new double[] {0, 0};
        double m = 0;
        for (double x : v) m += x;
        m /= v.size();
        double var = 0;
        for (double x : v) var += (x - m) * (x - m);
        return new double[] {m, Math.sqrt(var / v.size())};
    }

    /**
     * The functionals of one series, computed once; {@link #put} writes a chosen subset in a fixed
     * order. Everything is 0 for an empty series; skewness and kurtosis are 0 for a (numerically)
     * constant one, the slope for fewer than two points.
     */
    static final class Stats {
        static final String[] ALL = {"mean", "std", "skewness", "kurtosis", "min", "max", "p10", "p50", "p90", "range_p10_p90", "slope"};
        static final String[] BEYOND_MEAN_STD = {"skewness", "kurtosis", "min", "max", "p10", "p50", "p90", "range_p10_p90", "slope"};
        /** V1's rich functionals already have mean, std and p50. */
        static final String[] BEYOND_RICH = {"skewness", "kurtosis", "min", "max", "p10", "p90", "range_p10_p90", "slope"};
        static final String[] LOGMEL = {"p10", "p50", "p90", "skewness", "slope"};
        static final String[] FORMANT = {"mean", "std", "p10", "p50", "p90", "range_p10_p90"};

        double mean, std, skewness, kurtosis, min, max, p10, p50, p90, slope;

        /** @param times the time (s) of each value, for the slope; null for no slope (it is then 0) */
        static Stats of(float[] v, float[] times) {
            Stats st = new Stats();
            int n = v.length;
            if (n == 0) return st;
            double mean = 0;
            for (float f : v) mean += f;
            mean /= n;
            double m2 = 0, m3 = 0, m4 = 0;
            for (float f : v) {
                double d = f - mean, d2 = d * d;
                m2 += d2;
                m3 += d2 * d;
                m4 += d2 * d2;
            }
            m2 /= n;
            m3 /= n;
            m4 /= n;
            st.mean = mean;
            st.std = Math.sqrt(m2);
            // below float resolution the "spread" is rounding noise, and its shape statistics are noise too
            if (st.std > 1e-6 * Math.abs(mean) + 1e-12) {
                st.skewness = m3 / (m2 * st.std);
                st.kurtosis = m4 / (m2 * m2) - 3;
            }
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            st.min = sorted[0];
            st.max = sorted[n - 1];
            st.p10 = percentile(sorted, 0.1);
            st.p50 = percentile(sorted, 0.5);
            st.p90 = percentile(sorted, 0.9);
            if (times != null && n >= 2) {
                double mt = 0;
                for (int i = 0; i < n; i++) mt += times[i];
                mt /= n;
                double sxy = 0, sxx = 0;
                for (int i = 0; i < n; i++) {
                    double dt = times[i] - mt;
                    sxy += dt * (v[i] - mean);
                    sxx += dt * dt;
                }
                st.slope = sxx > 0 ? sxy / sxx : 0;
            }
            return st;
        }

        double get(String functional) {
            return switch (functional) {
                case "mean" -> mean;
                case "std" -> std;
                case "skewness" -> skewness;
                case "kurtosis" -> kurtosis;
                case "min" -> min;
                case "max" -> max;
                case "p10" -> p10;
                case "p50" -> p50;
                case "p90" -> p90;
                case "range_p10_p90" -> p90 - p10;
                case "slope" -> slope;
                default -> throw new IllegalArgumentException(functional);
            };
        }

        void put(Sink out, String name, String[] functionals) {
            for (String f : functionals) out.put(name + "_" + f, get(f));
        }
    }

    private static void spectral(Setup s, float[] p, double[] db, int t, float[] centroid, float[] rolloff, float[] flatness,
                                 float[] slope0, float[] slope1, float[] alpha, float[] hammarberg) {
        int kMax = s.kMax;
        double total = 0, weighted = 0;
        for (int k = 0; k <= kMax; k++) {
            total += p[k];
            weighted += k * p[k];
        }
        centroid[t] = total > POWER_FLOOR ? (float) (weighted * s.binHz / total) : 0f;
        double target = 0.85 * total, cum = 0;
        int k85 = 0;
        if (total > POWER_FLOOR) {
            while (k85 < kMax && (cum += p[k85]) < target) k85++;
        }
        rolloff[t] = (float) (k85 * s.binHz);
        // Geometric mean without one logarithm per bin: logs of products of 16 floored powers
        // (each in [1e-12, ~1], so a product stays within double range). DC is left out.
        double logSum = 0, arith = 0, prod = 1;
        for (int k = 1; k <= kMax; k++) {
            double v = p[k] + POWER_FLOOR;
            arith += v;
            prod *= v;
            if ((k & 15) == 0) {
                logSum += Math.log(prod);
                prod = 1;
            }
        }
        logSum += Math.log(prod);
        arith /= kMax;
        flatness[t] = (float) (Math.exp(logSum / kMax) / arith);
        // dB of the bins the slopes need (0-1500 Hz), once
        int top = s.slopeHi[1];
        for (int k = 0; k <= top; k++) db[k] = 10 * Math.log10(p[k] + POWER_FLOOR);
        slope0[t] = (float) slope(db, s.slopeLo, s.binHz);
        slope1[t] = (float) slope(db, s.slopeHi, s.binHz);
        alpha[t] = (float) (10 * Math.log10((sum(p, s.alphaLow) + POWER_FLOOR) / (sum(p, s.alphaHigh) + POWER_FLOOR)));
        hammarberg[t] = (float) (10 * Math.log10((max(p, s.hammLow) + POWER_FLOOR) / (max(p, s.hammHigh) + POWER_FLOOR)));
    }

    /** Least-squares slope of the dB spectrum {@code db} over frequency in kHz, over bins range[0]..range[1]. */
    private static double slope(double[] db, int[] range, double binHz) {
        int n = range[1] - range[0] + 1;
        if (n < 2) return 0;
        double mx = 0, my = 0;
        for (int k = range[0]; k <= range[1]; k++) {
            mx += k;
            my += db[k];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int k = range[0]; k <= range[1]; k++) {
            double dx = k - mx;
            sxy += dx * (db[k] - my);
            sxx += dx * dx;
        }
        return sxx > 0 ? sxy / sxx / (binHz / 1000.0) : 0;
    }

    private static double sum(float[] p, int[] range) {
        double s = 0;
        for (int k = range[0]; k <= range[1]; k++) s += p[k];
        return s;
    }

    private static double max(float[] p, int[] range) {
        double m = 0;
        for (int k = range[0]; k <= range[1]; k++) m = Math.max(m, p[k]);
        return m;
    }

    /** HTK delta: {@code sum_n n (c[t+n] - c[t-n]) / (2 sum n^2)} for n = 1, 2, edges repeated. */
    static float[] delta(float[] c) {
        int n = c.length;
        float[] d = new float[n];
        for (int t = 0; t < n; t++) {
            double acc = 0;
            for (int k = 1; k <= 2; k++) {
                float ahead = c[Math.min(n - 1, t + k)];
                float behind = c[Math.max(0, t - k)];
                acc += k * (ahead - behind);
            }
            d[t] = (float) (acc / 10.0);
        }
        return d;
    }

    /**
     * Local maxima of the loudness smoothed over 5 frames (50 ms) that are the largest within
     * +-100 ms and above the clip's mean loudness: roughly one per syllable nucleus.
     */
    static int loudnessPeaks(float[] loudness) {
        int n = loudness.length;
        double[] smooth = new double[n];
        double mean = 0;
        for (int t = 0; t < n; t++) {
            double acc = 0;
            int c = 0;
            for (int j = Math.max(0, t - 2); j <= Math.min(n - 1, t + 2); j++) {
                acc += loudness[j];
                c++;
            }
            smooth[t] = acc / c;
            mean += smooth[t];
        }
        mean /= n;
        int peaks = 0;
        for (int t = 0; t < n; t++) {
            if (smooth[t] <= mean) continue;
            boolean isMax = true;
            for (int j = Math.max(0, t - 10); j <= Math.min(n - 1, t + 10) && isMax; j++) {
                // ties go to the earliest frame, so a flat top counts once
                if (smooth[j] > smooth[t] || (smooth[j] == smooth[t] && j < t)) isMax = false;
            }
            if (isMax) peaks++;
        }
        return peaks;
    }

    private static double risingSlope(float[] v, double hopSec) {
        double s = 0;
        int n = 0;
        for (int t = 1; t < v.length; t++) {
            double d = v[t] - v[t - 1];
            if (d > 0) { s += d; n++; }
        }
        return n == 0 ? 0 : s / n / hopSec;
    }

    private static double fallingSlope(float[] v, double hopSec) {
        double s = 0;
        int n = 0;
        for (int t = 1; t < v.length; t++) {
            double d = v[t] - v[t - 1];
            if (d < 0) { s -= d; n++; }
        }
        return n == 0 ? 0 : s / n / hopSec;
    }

    /** mean, std; both 0 for no values. */
    private static void meanStd(Sink out, String name, float[] v) {
        double mean = 0;
        for (float f : v) mean += f;
        mean = v.length == 0 ? 0 : mean / v.length;
        double var = 0;
        for (float f : v) var += (f - mean) * (f - mean);
        var = v.length == 0 ? 0 : var / v.length;
        out.put(name + "_mean", mean);
        out.put(name + "_std", Math.sqrt(var));
    }

    /** mean, std, p20, p50, p80, range p20-p80, rising and falling slope means; all 0 for no values. */
    private static void richFunctionals(Sink out, String name, float[] v, double rising, double falling) {
        meanStd(out, name, v);
        float[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] p = new double[PERCENTILES.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = percentile(sorted, PERCENTILES[i]);
            out.put(name + "_p" + Math.round(PERCENTILES[i] * 100), p[i]);
        }
        out.put(name + "_range_p20_p80", p[p.length - 1] - p[0]);
        out.put(name + "_rising_slope_mean", rising);
        out.put(name + "_falling_slope_mean", falling);
    }

    /** Linear interpolation between order statistics (numpy's default); 0 for no values. */
    static double percentile(float[] sorted, double q) {
        if (sorted.length == 0) return 0;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double frac = pos - lo;
        return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }
}
