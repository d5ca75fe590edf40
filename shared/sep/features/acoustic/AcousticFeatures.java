package sep.features.acoustic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.FloatFFT_1D;
import sep.audio.Audio;
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
 * <p>Anything undefined for a clip (pitch statistics with no voiced frame, slopes with no rising
 * pair, ...) is 0, never NaN. See {@link #names()} for the exact order (157 features).
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

    private static final ConcurrentHashMap<Integer, Setup> SETUPS = new ConcurrentHashMap<>();

    /**
     * Names and values come from the same code path ({@link #compute} with a sink that only
     * records names), so the two cannot drift apart. The layout does not depend on the signal.
     */
    private static final List<String> NAMES;

    static {
        float[] tone = new float[16000];
        for (int i = 0; i < tone.length; i++) tone[i] = (float) (0.1 * Math.sin(2 * Math.PI * 150 * i / 16000.0));
        Sink names = new Sink(true, 256);
        compute(tone, 16000, names);
        NAMES = Collections.unmodifiableList(new ArrayList<>(names.names));
    }

    /** Feature names in the order of {@link #extract}'s vector; fixed and stable. */
    public static List<String> names() {
        return NAMES;
    }

    /** Number of features, {@code names().size()}. */
    public static int size() {
        return NAMES.size();
    }

    /**
     * The feature vector of one utterance. The audio should already be trimmed of leading and
     * trailing silence (it would count as unvoiced and quiet). Sample rate at least 8 kHz.
     */
    public static float[] extract(Audio audio) {
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
        Sink sink = new Sink(false, NAMES.size());
        compute(x, sr, sink);
        if (sink.size != NAMES.size()) throw new IllegalStateException("feature layout changed: " + sink.size + " != " + NAMES.size());
        float[] out = new float[sink.size];
        for (int i = 0; i < out.length; i++) {
            double v = sink.values[i];
            // every functional is guarded; this is the last line of defence for the "never NaN" promise
            if (!Double.isFinite(v)) throw new IllegalStateException("feature " + NAMES.get(i) + " is " + v);
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

        Lld(Setup s, float[] x) {
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
        }
    }

    private static void compute(float[] x, int sr, Sink out) {
        Setup s = setup(sr);
        Lld l = new Lld(s, x);
        for (int t = 0; t < l.frames; t++) l.frame(t);
        functionals(s, l, x.length, out);
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
