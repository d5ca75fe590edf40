package sep.audio;

import java.util.concurrent.ConcurrentHashMap;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Band-limited sample-rate conversion by a rational factor L/M (from/to reduced by their gcd), as a
 * polyphase FIR with a Kaiser-windowed sinc.
 *
 * <p>Design, relative to the lower of the two Nyquist frequencies: -3 dB at 95 % (the usual
 * meaning of "95 % bandwidth", as in SoX), -6 dB at 95.6 %, a transition band 6.5 % wide from
 * 92.35 % to 98.85 %, and 100 dB stop-band attenuation from there on, so nothing above the new
 * Nyquist frequency aliases back above -100 dB. The RAVDESS 16 kHz reference conversion ("pass band
 * to 95 %") measures -3 dB at 95 % too; placing the roll-off there rather than, say, the -6 dB
 * point at 97.5 % is what brings our output down to the reference's own dither floor (the 7.6 to
 * 8 kHz band otherwise dominates the difference). The filter is symmetric, hence linear
 * phase, and is applied without delay: output sample k is the band-limited input evaluated at
 * input time k * from / to. Outside the signal the input is taken as zero. The output has
 * round(n * to / from) samples.
 *
 * <p>Per (from, to) pair the taps of every phase are computed once, normalised to unit DC gain,
 * and cached. Conversion by an integer factor (48, 32, 96 kHz to 16 kHz; 8 kHz to 16 kHz), or
 * down by a factor between 1.5 and about 5 (44.1, 24.414 kHz to 16 kHz), applies the filter by
 * FFT (see {@link FftFilter}): our spec needs some 200 multiply-adds per input sample (decimation)
 * or per output sample (interpolation) in the direct form; by FFT the same conversion measured
 * half the time or less. Integer factors are one FFT stage; the others run the sharp filter by
 * FFT at the input rate (decimating by an integer where there is room), then a 24 to 32 tap
 * interpolator. The other pairs (rational upsampling such as 16 to 22.05 kHz; down by less than
 * 1.5, or by more than about 5 and not an integer) use the direct polyphase form, in a shape the JIT
 * vectorises (see {@link #applyPolyphase}), on the caller's array with no padded copy of the
 * input; there, pairs with very many phases (e.g. 16,000 to 22,254 Hz, 11,127 phases) would make
 * the table too large and go in two stages (see {@link Plan}). {@link #stream} does the same block
 * by block.
 *
 * <p>Thread-safe: the cached filters are immutable; a {@link Stream} belongs to one caller.
 */
public final class Resampler {
    private Resampler() {}

    /** -6 dB point of the windowed sinc, as a fraction of the lower Nyquist frequency. */
    static final double CUTOFF = 0.956;
    /** Full width of the transition band (pass-band edge to stop-band edge), same unit. */
    static final double TRANSITION = 0.065;
    static final double STOP_BAND_DB = 100.0;
    /** Largest polyphase table kept (floats, 8 MB); beyond this the pair goes in two stages. */
    private static final long MAX_TABLE_FLOATS = 1 << 21;
    /**
     * Phases per input sample tabulated for the interpolated path (a second stage whose own table
     * would be too large, e.g. between two nearly equal odd rates). Interpolating linearly between
     * them errs by at most g'' / (8 FINE_PHASES^2) per tap: about 1e-6 of the peak tap, near
     * -120 dB, for the widest kernel (r close to 1).
     */
    private static final int FINE_PHASES = 512;
    private static final int MAX_CACHED = 16;
    private static final ConcurrentHashMap<Long, Plan> CACHE = new ConcurrentHashMap<>();

    /**
     * Resamples a signal. Returns {@code x} itself when the rates are equal, so callers must not
     * assume a fresh array.
     */
    public static float[] resample(float[] x, int fromRate, int toRate) {
        if (x == null) throw new IllegalArgumentException("signal must not be null");
        checkRates(fromRate, toRate);
        if (fromRate == toRate) return x;
        long outLength = outputLength(x.length, fromRate, toRate);
        if (outLength > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("output too long: " + outLength + " samples");
        if (x.length == 0) return new float[0];
        // The whole signal is one block of a stream: the same arithmetic, and no padded copy of the input.
        Plan plan = plan(fromRate, toRate);
        if (plan.second == null && plan.fft == null) {
            float[] y = new float[(int) outLength];
            Stage s = new Stage(plan.first, true);
            int written = s.push(x, 0, x.length, y, 0, outLength);
            s.finish(outLength, y, written);
            return y;
        }
        Stream s = new Stream(plan);
        return concat(s.process(x, 0, x.length), s.finish());
    }

    /** Resamples {@code a} to {@code toRate}; returns {@code a} itself when it is already at that rate. */
    public static Audio resample(Audio a, int toRate) {
        if (a.sampleRate() == toRate) return a;
        return new Audio(resample(a.samples(), a.sampleRate(), toRate), toRate);
    }

    /**
     * A stream that resamples a signal given block by block. The concatenation of everything
     * {@link Stream#process} and {@link Stream#finish} return is bit for bit
     * {@link #resample(float[], int, int)} of the whole signal, whatever the block sizes. Equal
     * rates give a stream that copies its input.
     */
    public static Stream stream(int fromRate, int toRate) {
        checkRates(fromRate, toRate);
        return new Stream(fromRate == toRate ? null : plan(fromRate, toRate));
    }

    /**
     * Block-wise resampling with memory bounded by the filter length: it keeps only the input
     * samples that outputs still to come need (under two filter lengths per direct stage, one
     * frame of {@link FftFilter#FRAME} outputs' inputs for the FFT stage). Not thread-safe; one
     * stream per signal.
     */
    public static final class Stream {
        private final Plan plan;
        private final Stage first;
        private final Stage second;
        /** Replaces {@code first} when the plan filters by FFT. */
        private final FftStage fft;
        private long received;
        /** First-stage outputs still to drop before the second stage's first input. */
        private long toSkip;
        private boolean finished;

        private Stream(Plan plan) {
            this.plan = plan;
            fft = plan == null || plan.fft == null ? null : new FftStage(plan.fft, plan.second == null ? 0 : plan.second.left);
            first = plan == null || fft != null ? null : new Stage(plan.first, true);
            second = plan == null || plan.second == null ? null : new Stage(plan.second, false);
            if (second != null && fft == null) {
                toSkip = plan.skip;
                // Zeros before the signal, so that the first stage also yields the samples just before time 0 that
                // the second stage's first windows reach (they are not zero: the sharp filter rings ahead of the signal).
                first.push(new float[plan.zerosBefore], 0, plan.zerosBefore, new float[0], 0, 0);
            }
        }

        /** Resamples the next {@code len} samples of the signal; returns the outputs they complete (possibly none). */
        public float[] process(float[] block, int off, int len) {
            if (block == null) throw new IllegalArgumentException("block must not be null");
            java.util.Objects.checkFromIndexSize(off, len, block.length);
            if (finished) throw new IllegalStateException("stream already finished");
            received += len;
            if (plan == null) return java.util.Arrays.copyOfRange(block, off, off + len);
            long limit = outputLength(received, plan.fromRate, plan.toRate);
            if (fft != null && second == null) return fft.process(block, off, len, limit);
            if (fft != null) return interpolate(fft.process(block, off, len, Long.MAX_VALUE), limit);
            if (second == null) {
                float[] y = new float[first.ready(len, limit)];
                first.push(block, off, len, y, 0, limit);
                return y;
            }
            return toSecond(first.process(block, off, len), limit);
        }

        /** Ends the signal: returns the last outputs, whose filter windows reach past its end. */
        public float[] finish() {
            if (finished) throw new IllegalStateException("stream already finished");
            finished = true;
            if (plan == null) return new float[0];
            long total = outputLength(received, plan.fromRate, plan.toRate);
            if (fft != null && second == null) return fft.finish(total);
            if (fft != null) {
                // The FFT stage goes on (zeros after the signal) until the interpolator's last window is covered.
                long lastWindowStart = Math.floorDiv((total - 1) * plan.second.down, plan.second.up);
                float[] head = interpolate(fft.finish(Math.max(0, lastWindowStart + plan.second.taps)), total);
                float[] rest = new float[(int) (total - second.next)];
                second.finish(total, rest, 0);
                return concat(head, rest);
            }
            if (second == null) {
                float[] y = new float[(int) (total - first.next)];
                first.finish(total, y, 0);
                return y;
            }
            // Zeros after the signal, far enough for the first stage to cover the second stage's last windows.
            float[] head = toSecond(first.process(new float[plan.zerosAfter], 0, plan.zerosAfter), total);
            float[] tail = toSecond(first.finishNaturally(), total);
            float[] rest = new float[(int) (total - second.next)];
            second.finish(total, rest, 0);
            return concat(concat(head, tail), rest);
        }

        /** Middle-rate samples from the FFT stage through the interpolator: the outputs (below limit) they complete. */
        private float[] interpolate(float[] middle, long limit) {
            float[] y = new float[second.ready(middle.length, limit)];
            second.push(middle, 0, middle.length, y, 0, limit);
            return y;
        }

        private float[] toSecond(float[] a, long limit) {
            int skip = (int) Math.min(toSkip, a.length);
            toSkip -= skip;
            float[] y = new float[second.ready(a.length - skip, limit)];
            second.push(a, skip, a.length - skip, y, 0, limit);
            return y;
        }

        /** Input samples held between calls (capacity of the history buffers). */
        int heldCapacity() {
            return (first == null ? 0 : first.heldCapacity()) + (second == null ? 0 : second.heldCapacity())
                    + (fft == null ? 0 : fft.heldCapacity());
        }
    }

    /**
     * How one rate pair is converted. By FFT where {@link FftFilter#paysFor} (integer decimation
     * or interpolation: one stage) or {@link FftFilter#decimationBeforeInterpolator} (other
     * downsampling: the sharp filter by FFT, then the interpolator described below, from the FFT
     * stage's rate) says so. Else one direct stage when the pair's polyphase table is small
     * enough. Otherwise (e.g. 22,254 to 16,000 Hz, 8000 phases) two: the same sharp filter, evaluated at
     * a simple multiple of the input rate at least four times the lower Nyquist frequency (there
     * it has few phases and takes the fast path), then a short interpolator from that rate to the
     * target. The first stage leaves nothing above the stop-band edge but its 100 dB residue, so
     * the interpolator only has to be flat up to that edge and stop from the first stage's rate
     * minus that edge: about 16 taps, against some 300 for the sharp filter.
     */
    static final class Plan {
        final int fromRate;
        final int toRate;
        final Filter first;
        final Filter second;
        /** The first (or only) stage's filter applied by FFT where {@link FftFilter}'s rules choose it, else null. */
        final FftFilter fft;
        final int zerosBefore;
        final int skip;
        final int zerosAfter;

        Plan(int fromRate, int toRate) {
            this.fromRate = fromRate;
            this.toRate = toRate;
            long g0 = gcd(fromRate, toRate);
            double ratio = Math.min(1.0, (double) toRate / fromRate);
            int lower = Math.min(fromRate, toRate);
            double stopEdge = lower / 2.0 * (CUTOFF + TRANSITION / 2);
            if (fromRate % toRate == 0 || FftFilter.decimationBeforeInterpolator(fromRate, toRate) == 0) {
                if (toRate / g0 * Filter.tapCount(ratio * TRANSITION / 2, STOP_BAND_DB) <= MAX_TABLE_FLOATS) {
                    first = new Filter(fromRate, toRate, false);
                    second = null;
                    fft = FftFilter.paysFor(first) ? new FftFilter(first) : null;
                    zerosBefore = skip = zerosAfter = 0;
                    return;
                }
            } else {
                // The sharp filter by FFT at the input rate, decimating by d, then a short interpolator to the target.
                int d = FftFilter.decimationBeforeInterpolator(fromRate, toRate);
                first = new Filter(1, d, ratio * CUTOFF, ratio * TRANSITION / 2, STOP_BAND_DB, false);
                fft = new FftFilter(first);
                second = interpolator((double) fromRate / d, fromRate, toRate, (long) toRate * d, fromRate, stopEdge);
                // The FFT stage starts second.left middle-rate samples before time 0 itself (see FftStage).
                zerosBefore = skip = zerosAfter = 0;
                return;
            }
            fft = null;
            int[] simple = simpleRatioAtLeast(2.0 * lower / fromRate);
            first = new Filter(simple[0], simple[1], ratio * CUTOFF, ratio * TRANSITION / 2, STOP_BAND_DB, false);
            double middleRate = (double) fromRate * simple[0] / simple[1];
            second = interpolator(middleRate, fromRate, toRate, (long) toRate * simple[1], (long) fromRate * simple[0], stopEdge);
            // The second stage's input sample i is the first stage's output at middle-rate time i - second.left.
            int ahead = simple[0] * ceilDiv(second.left, simple[0]); // middle-rate samples before time 0 fed with zeros
            zerosBefore = ahead / simple[0] * simple[1];
            skip = ahead - second.left;
            zerosAfter = simple[1] * ceilDiv(second.taps + 2, simple[0]);
        }

        /**
         * The second stage, from the middle rate to the target (up / down = target / middle rate).
         * Pass band up to the first stage's stop-band edge, stop band from the first image of that
         * band; its ripple adds to the first stage's, hence 20 dB more than the whole design needs
         * (16 to 32 taps either way).
         */
        private static Filter interpolator(double middleRate, int fromRate, int toRate, long up, long down, double stopEdge) {
            long g = gcd(up, down);
            if (up / g > Integer.MAX_VALUE || down / g > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("rate pair too awkward to resample: " + fromRate + " -> " + toRate + " Hz");
            }
            return new Filter((int) (up / g), (int) (down / g), 1.0, (middleRate - 2 * stopEdge) / middleRate, STOP_BAND_DB + 20, false);
        }

        /** Taps of all stages: the memory a stream holds is within twice this. */
        int filterTaps() {
            return first.taps + (second == null ? 0 : second.taps);
        }

        /** The cheapest p/q (q up to 4) not below x. */
        private static int[] simpleRatioAtLeast(double x) {
            int[] best = null;
            for (int q = 1; q <= 4; q++) {
                int p = (int) Math.ceil(x * q - 1e-12);
                if (best == null || (double) p / q < (double) best[0] / best[1]) best = new int[] {p, q};
            }
            int g = (int) gcd(best[0], best[1]);
            return new int[] {best[0] / g, best[1] / g};
        }

        private static int ceilDiv(int a, int b) {
            return (a + b - 1) / b;
        }
    }

    /**
     * One filter applied block by block: the padded input (input index + left when the signal is
     * preceded by zeros, else the input index) is kept from the earliest window still needed.
     */
    static final class Stage {
        private final Filter f;
        /** Padded samples [histStart, histStart + histLength) kept from earlier blocks. */
        private float[] hist;
        private long histStart;
        private int histLength;
        private long received;
        /** The next output to produce: its index, and the padded index and phase of its first tap. */
        long next;
        private long n0;
        private int phase;

        Stage(Filter f, boolean zerosBefore) {
            this.f = f;
            // With zeros before the signal, the first outputs' windows reach left samples before it.
            hist = new float[Math.max(16, f.left)];
            histLength = zerosBefore ? f.left : 0;
        }

        /** Outputs, from {@code next} on but below {@code limit}, whose windows lie inside the padded input once {@code len} more samples arrive. */
        int ready(int len, long limit) {
            long lastN0 = histStart + histLength + len - f.taps;
            if (lastN0 < 0) return 0;
            // n0(k) = floor(k * down / up) <= lastN0  <=>  k <= ((lastN0 + 1) * up - 1) / down
            long byWindow = (Math.multiplyExact(lastN0 + 1, (long) f.up) - 1) / f.down + 1;
            return (int) Math.max(0, Math.min(byWindow, limit) - next);
        }

        /** Appends block[off, off+len) and writes the outputs now ready (below limit) to y[yOff...]; returns how many. */
        int push(float[] block, int off, int len, float[] y, int yOff, long limit) {
            int count = ready(len, limit);
            received += len;
            return consume(block, off, len, y, yOff, count);
        }

        /** {@link #push} with the limit of a one-stage conversion: the outputs a signal of the length received so far has. */
        float[] process(float[] block, int off, int len) {
            long limit = outputLength(received + len, f.down, f.up);
            float[] y = new float[ready(len, limit)];
            push(block, off, len, y, 0, limit);
            return y;
        }

        /** Ends the input: the outputs up to {@code total}, with zeros after the input as far as their windows reach. */
        void finish(long total, float[] y, int yOff) {
            int remaining = (int) (total - next);
            if (remaining > 0) {
                long lastN0 = Math.floorDiv(Math.multiplyExact(total - 1, (long) f.down), f.up);
                long end = lastN0 + f.taps, have = histStart + histLength;
                float[] zeros = new float[(int) Math.max(0, end - have)];
                consume(zeros, 0, zeros.length, y, yOff, remaining);
            }
            hist = null;
        }

        float[] finishNaturally() {
            long total = outputLength(received, f.down, f.up);
            float[] y = new float[(int) Math.max(0, total - next)];
            finish(total, y, 0);
            return y;
        }

        /**
         * Appends padded samples block[off, off+len) after the history and produces the next
         * {@code count} outputs (all of whose windows are then available) into y[yOff...].
         */
        private int consume(float[] block, int off, int len, float[] y, int yOff, int count) {
            final int taps = f.taps;
            final long blockStart = histStart + histLength;
            int done = 0;
            // Outputs whose window starts in the history: on a joined copy of the history and the block's first samples.
            if (count > 0 && n0 < blockStart) {
                int joinedFromBlock = (int) Math.min(len, taps);
                float[] joined = new float[histLength + joinedFromBlock];
                System.arraycopy(hist, 0, joined, 0, histLength);
                System.arraycopy(block, off, joined, histLength, joinedFromBlock);
                long joinedEnd = blockStart + joinedFromBlock;
                int n = 0;
                long k0 = n0;
                int p = phase;
                while (done + n < count && k0 < blockStart && k0 + taps <= joinedEnd) {
                    n++;
                    long t = p + (long) f.down;
                    k0 += t / f.up;
                    p = (int) (t % f.up);
                }
                apply(f, joined, (int) (n0 - histStart), phase, n, y, yOff);
                advance(n);
                done += n;
            }
            // Outputs whose window lies inside the block: computed on the block itself.
            if (done < count && n0 >= blockStart) {
                int n = count - done;
                apply(f, block, off + (int) (n0 - blockStart), phase, n, y, yOff + done);
                advance(n);
                done += n;
            }
            keepFrom(Math.min(n0, blockStart + len), block, off, len, blockStart);
            return done;
        }

        int heldCapacity() {
            return hist == null ? 0 : hist.length;
        }

        private void advance(int n) {
            long t = phase + (long) n * f.down;
            n0 += t / f.up;
            phase = (int) (t % f.up);
            next += n;
        }

        /** Keeps padded samples [from, end of block) as the new history. */
        private void keepFrom(long from, float[] block, int off, int len, long blockStart) {
            long end = blockStart + len;
            int keep = (int) (end - from);
            float[] h = keep <= hist.length ? hist : new float[Math.max(keep, 2 * hist.length)];
            if (from < blockStart) {
                int fromHist = (int) (blockStart - from);
                System.arraycopy(hist, (int) (from - histStart), h, 0, fromHist);
                System.arraycopy(block, off, h, fromHist, len);
            } else {
                System.arraycopy(block, off + (int) (from - blockStart), h, 0, keep);
            }
            hist = h;
            histStart = from;
            histLength = keep;
        }
    }

    /**
     * A conversion by an integer factor applied by FFT, overlap-save, in polyphase form.
     * Decimation (up = 1): the taps split into down sub-filters (taps r, r + down, r + 2 down, ...)
     * that each act on one of the down interleaved input sequences at the output rate; their
     * spectra are summed, so one inverse transform per frame yields only the outputs kept. The
     * direct form costs taps / down multiply-adds per input sample, which for our spec is about 200
     * whatever the factor (the filter lengthens as the band narrows): 600 taps at 48 to 16 kHz. Per
     * frame the FFT form costs down + 1 real transforms of FRAME points and yields
     * FRAME - subTaps + 1 outputs, about two transforms per FRAME input samples. Interpolation
     * (down = 1): each of the up phases' taps is a sub-filter on the input; one forward transform,
     * then one inverse per phase. Measured on 60 s of noise, one thread (loaded machine), thread
     * CPU time: 48 to 16 kHz 17 to 23 ms against 50 ms direct, 44.1 kHz 24 against 50 ms, 24.414
     * kHz 26 against 42 ms, 8 to 16 kHz 7 against 15 ms.
     */
    static final class FftFilter {
        /**
         * Transform length, at the lower of the two rates. 4096 keeps the transforms single-threaded
         * (JTransforms splits 1-D transforms above 8192 points over its own threads) and inside
         * the L2 cache; a power of two because JTransforms' mixed-radix sizes measured twice as
         * slow per point.
         */
        static final int FRAME = 4096;
        /** See {@link #decimationBeforeInterpolator}. */
        static final double MIN_RATIO_BEFORE_INTERPOLATOR = 1.5;
        final int up;
        final int down;
        final int taps;
        final int left;
        /** Taps per sub-filter: ceil(taps / down) (taps when up > 1). */
        final int subTaps;
        /** Outputs per frame; frame f yields outputs [f * outputsPerFrame, (f + 1) * outputsPerFrame). */
        final int outputsPerFrame;
        /** Inputs advanced per frame (outputsPerFrame * down / up). */
        final int step;
        /** Padded inputs one frame reads: [f * step, f * step + frameInputs). */
        final int frameInputs;
        /**
         * Spectra of the reversed sub-filters, [r * FRAME + i], in JTransforms' packed real layout,
         * scaled by 2 / FRAME: its unscaled real inverse returns FRAME / 2 times the signal
         * (Ooura's convention).
         */
        final float[] spectra;

        /**
         * The FFT path is used for integer decimation and integer interpolation (8 to 16 kHz) whose
         * sub-filters fill at most a quarter of a frame, so at least three quarters of each
         * transform yield outputs. Interpolation by 2 costs one forward and two inverse transforms
         * per frame against about 200 multiply-adds per output direct. Rational downsampling pairs
         * have their own rule ({@link #decimationBeforeInterpolator}); rational upsampling pairs
         * (16 to 22.05 kHz) stay direct, as the FFT would run at the upsampled rate.
         */
        static boolean paysFor(Filter f) {
            if (f.table == null) return false;
            if (f.up == 1) return f.down >= 2 && (f.taps + f.down - 1) / f.down <= FRAME / 4;
            return f.down == 1 && f.taps <= FRAME / 4;
        }

        /**
         * For a downsampling pair that is not an integer decimation (44.1 or 24.414 to 16 kHz),
         * the factor d by which the sharp filter, applied by FFT at the input rate, decimates before
         * a short interpolator takes the rest of the way; 0 when that plan does not apply. The
         * direct form evaluates the sharp filter at every output phase (160 phases at 44.1 kHz,
         * 8000 at 24.414 kHz, then in two polyphase stages); by FFT it runs once per input sample,
         * and the interpolator needs only 24 to 32 taps because everything above the stop-band edge
         * is already gone. d is the largest factor that keeps the middle rate at least 1.25 times
         * the target: room for the interpolator's transition band between the stop-band edge and
         * its first image. The sharp filter must fit a quarter of a frame, as for
         * {@link #paysFor}.
         *
         * <p>The input rate must be at least MIN_RATIO_BEFORE_INTERPOLATOR times the target. Sampled
         * at the input rate only (one phase), the sharp filter's stop band folds back about the
         * input rate: its sidelobes near fromRate - 7.9 kHz land on the stop-band edge and add to
         * those there. At 22.05 kHz that measured -99.9 dB at 7.9 to 8 kHz, short of the 100 dB spec
         * (the direct form: -100.05 dB), and the gain in speed was within the noise of a loaded
         * machine; at 24.414 kHz and above the folded sidelobes are far enough down (-100.3 dB or
         * better measured).
         */
        static int decimationBeforeInterpolator(int fromRate, int toRate) {
            if (toRate >= fromRate || fromRate % toRate == 0 || fromRate < MIN_RATIO_BEFORE_INTERPOLATOR * toRate) return 0;
            int d = (int) Math.floor(fromRate / (1.25 * toRate));
            if (d < 1) return 0;
            double ratio = (double) toRate / fromRate;
            return Filter.tapCount(ratio * TRANSITION / 2, STOP_BAND_DB) <= FRAME / 4 ? d : 0;
        }

        FftFilter(Filter f) {
            up = f.up;
            down = f.down;
            taps = f.taps;
            left = f.left;
            subTaps = (taps + down - 1) / down;
            int positions = FRAME - subTaps + 1; // input positions (decimation: output positions) per frame
            outputsPerFrame = positions * up;
            step = positions * down;
            frameInputs = FRAME * down;
            // Decimation: sub-filter r = taps r, r + down, ...; interpolation: sub-filter p = the taps of phase p.
            int filters = Math.max(up, down);
            spectra = new float[filters * FRAME];
            DoubleFFT_1D transform = new DoubleFFT_1D(FRAME);
            for (int r = 0; r < filters; r++) {
                // Overlap-save computes a convolution; correlating with a sub-filter is convolving with it reversed.
                double[] reversed = new double[FRAME];
                for (int i = 0; i < subTaps; i++) {
                    int j = up == 1 ? i * down + r : r * taps + i;
                    if (up > 1 || j < taps) reversed[subTaps - 1 - i] = f.table[j];
                }
                transform.realForward(reversed);
                for (int i = 0; i < FRAME; i++) spectra[r * FRAME + i] = (float) (reversed[i] * 2 / FRAME);
            }
        }
    }

    /**
     * One stream's state for an {@link FftFilter}. Decimation: output m is the taps applied to
     * padded inputs [m * down, m * down + taps), as in the direct form (padded index = input index
     * + left), i.e. the sum over r of sub-filter r applied to the inputs m * down + r,
     * (m + 1) * down + r, ... Interpolation: output n * up + p is phase p's taps applied to padded
     * inputs [n, n + taps). Frame f holds padded inputs [f * step, f * step + frameInputs) and
     * yields outputs [f * outputsPerFrame, (f + 1) * outputsPerFrame). The frames, and so every
     * rounding error, depend only on the signal, never on how it was split into blocks.
     */
    static final class FftStage {
        private final FftFilter filter;
        private final FloatFFT_1D transform = new FloatFFT_1D(FftFilter.FRAME);
        private final float[] work = new float[FftFilter.FRAME];
        private final float[] sum = new float[FftFilter.FRAME];
        /** Padded inputs of the current frame received so far, from its start. */
        private final float[] pending;
        private int pendingLength;
        /** Outputs computed but not yet returned (their index is still at or above the limit of outputs the input so far has). */
        private float[] computed = new float[0];
        private int computedLength;
        /** Outputs returned so far. */
        private long returned;

        /**
         * @param outputsBefore outputs to produce ahead of time 0 (the ringing of the filter before
         *                      the signal, which a following interpolator's first windows reach):
         *                      output m is then at input time (m - outputsBefore) * down
         */
        FftStage(FftFilter filter, int outputsBefore) {
            this.filter = filter;
            pending = new float[filter.frameInputs];
            pendingLength = filter.left + outputsBefore * filter.down; // zeros before the signal
            if (pendingLength >= pending.length) throw new IllegalArgumentException("frame too short for " + outputsBefore + " outputs before the signal");
        }

        float[] process(float[] block, int off, int len, long limit) {
            append(block, off, len);
            return take(limit);
        }

        /** Zeros after the signal until the frames cover outputs [0, total); returns the rest of them. */
        float[] finish(long total) {
            float[] zeros = new float[pending.length];
            while (returned + computedLength < total) append(zeros, 0, pending.length - pendingLength);
            return take(total);
        }

        private void append(float[] block, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, pending.length - pendingLength);
                System.arraycopy(block, off, pending, pendingLength, n);
                pendingLength += n;
                off += n;
                len -= n;
                if (pendingLength == pending.length) filterFrame();
            }
        }

        private void filterFrame() {
            final int frame = FftFilter.FRAME, outputs = filter.outputsPerFrame;
            if (computed.length < computedLength + outputs) computed = java.util.Arrays.copyOf(computed, 2 * (computedLength + outputs));
            if (filter.up == 1) decimateFrame();
            else interpolateFrame();
            computedLength += outputs;
            // The next frame starts step inputs later; the inputs it shares with this one are this frame's last.
            System.arraycopy(pending, filter.step, pending, 0, pending.length - filter.step);
            pendingLength = pending.length - filter.step;
        }

        /** Sums the sub-filters' products over the input phases; one inverse transform gives the kept outputs. */
        private void decimateFrame() {
            final int down = filter.down, frame = FftFilter.FRAME;
            final float[] h = filter.spectra;
            java.util.Arrays.fill(sum, 0f);
            for (int r = 0; r < down; r++) {
                for (int i = 0, src = r; i < frame; i++, src += down) work[i] = pending[src];
                transform.realForward(work);
                multiplyAdd(work, h, r * frame, sum);
            }
            transform.realInverse(sum, false);
            // Circular convolution sample i (>= subTaps - 1) is the sub-filters applied from sub-sample i - subTaps + 1.
            System.arraycopy(sum, filter.subTaps - 1, computed, computedLength, filter.outputsPerFrame);
        }

        /** One forward transform of the frame; one product and inverse transform per output phase, interleaved. */
        private void interpolateFrame() {
            final int up = filter.up, frame = FftFilter.FRAME, positions = filter.step, first = filter.subTaps - 1;
            System.arraycopy(pending, 0, work, 0, frame);
            transform.realForward(work);
            for (int p = 0; p < up; p++) {
                java.util.Arrays.fill(sum, 0f);
                multiplyAdd(work, filter.spectra, p * frame, sum);
                transform.realInverse(sum, false);
                for (int i = 0, k = computedLength + p; i < positions; i++, k += up) computed[k] = sum[first + i];
            }
        }

        /** sum += x * h[hb...] as complex spectra in JTransforms' packed real layout. */
        private static void multiplyAdd(float[] x, float[] h, int hb, float[] sum) {
            sum[0] += x[0] * h[hb];
            sum[1] += x[1] * h[hb + 1]; // the Nyquist bin, real, packed in place of bin 0's zero imaginary part
            for (int i = 2; i < x.length; i += 2) {
                float re = x[i] * h[hb + i] - x[i + 1] * h[hb + i + 1];
                float im = x[i] * h[hb + i + 1] + x[i + 1] * h[hb + i];
                sum[i] += re;
                sum[i + 1] += im;
            }
        }

        /** Returns the computed outputs below {@code limit} and keeps the rest. */
        private float[] take(long limit) {
            int n = (int) Math.max(0, Math.min(computedLength, limit - returned));
            float[] y = java.util.Arrays.copyOf(computed, n);
            System.arraycopy(computed, n, computed, 0, computedLength - n);
            computedLength -= n;
            returned += n;
            return y;
        }

        int heldCapacity() {
            return pending.length + computed.length;
        }
    }

    private static float[] concat(float[] a, float[] b) {
        if (b.length == 0) return a;
        if (a.length == 0) return b;
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void checkRates(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + fromRate + " -> " + toRate);
        }
    }

    /** round(n * to / from), computed exactly in integers. */
    static long outputLength(long n, int fromRate, int toRate) {
        try {
            return Math.addExact(Math.multiplyExact(2 * n, (long) toRate), fromRate) / (2L * fromRate);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("output too long: " + n + " samples at " + fromRate + " -> " + toRate + " Hz");
        }
    }

    static Plan plan(int fromRate, int toRate) {
        long key = ((long) fromRate << 32) | (toRate & 0xffffffffL);
        Plan p = CACHE.get(key);
        if (p != null) return p;
        // Unbounded growth only happens if a caller cycles through many odd rate pairs; start over then.
        if (CACHE.size() >= MAX_CACHED) CACHE.clear();
        return CACHE.computeIfAbsent(key, k -> new Plan(fromRate, toRate));
    }

    /**
     * The filter for one rate pair.
     *
     * <p>Tap j of phase p weighs input sample n0 - left + j for the output at input time
     * t = n0 + p / L, i.e. it is g(p / L + left - j), where g is the continuous kernel in units of
     * input samples: g(tau) = r sinc(r tau) kaiser(tau / half), r = cutoff relative to the input
     * Nyquist frequency.
     */
    static final class Filter {
        final int up;    // L
        final int down;  // M
        final double r;
        final double half;
        final double beta;
        final int left;
        final int taps;
        final float[] table;         // [phase * taps + j], or null for the interpolated path
        final float[][] fine;        // taps of phases p / FINE_PHASES, p = 0..FINE_PHASES, or null

        /** The one-stage filter from fromRate to toRate, with the response described in the class comment. */
        Filter(int fromRate, int toRate, boolean forceInterpolated) {
            this(toRate / (int) gcd(fromRate, toRate), fromRate / (int) gcd(fromRate, toRate),
                    Math.min(1.0, (double) toRate / fromRate) * CUTOFF, Math.min(1.0, (double) toRate / fromRate) * TRANSITION / 2,
                    STOP_BAND_DB, forceInterpolated);
        }

        /**
         * @param r          -6 dB point relative to the input Nyquist frequency
         * @param transition width of the transition band in cycles per input sample (Nyquist = 1/2)
         * @param stopBandDb stop-band attenuation, and (as for any Kaiser design) pass-band ripple
         */
        Filter(int up, int down, double r, double transition, double stopBandDb, boolean forceInterpolated) {
            this.up = up;
            this.down = down;
            this.r = r;
            half = kaiserLength(transition, stopBandDb) / 2;
            beta = 0.1102 * (stopBandDb - 8.7);
            left = (int) Math.floor(half);
            taps = tapCount(transition, stopBandDb);
            if (!forceInterpolated && (long) up * taps <= MAX_TABLE_FLOATS) {
                table = new float[up * taps];
                for (int p = 0; p < up; p++) System.arraycopy(phaseTaps((double) p / up), 0, table, p * taps, taps);
                fine = null;
            } else {
                table = null;
                fine = new float[FINE_PHASES + 1][];
                for (int p = 0; p <= FINE_PHASES; p++) fine[p] = phaseTaps((double) p / FINE_PHASES);
            }
        }

        private static double kaiserLength(double transition, double stopBandDb) {
            double length = (stopBandDb - 7.95) / (14.36 * transition); // Kaiser's estimate
            if (length > 1e7) throw new IllegalArgumentException("rate ratio too extreme for one filter (" + length + " taps)");
            return length;
        }

        /**
         * Taps per phase: from tau = left + frac down to tau = -(left + 1) + frac, rounded up to a
         * multiple of 8 (zero taps) so that the sums need no tail loop.
         */
        static int tapCount(double transition, double stopBandDb) {
            int left = (int) Math.floor(kaiserLength(transition, stopBandDb) / 2);
            return ((2 * left + 2) + 7) & ~7;
        }

        /** The taps of the phase at fraction frac of an input sample, normalised to unit DC gain so that a constant stays exactly constant. */
        private float[] phaseTaps(double frac) {
            double[] h = new double[taps];
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                h[j] = kernelAt(frac + left - j);
                sum += h[j];
            }
            float[] out = new float[taps];
            for (int j = 0; j < taps; j++) out[j] = (float) (h[j] / sum);
            return out;
        }

        /** The exact continuous kernel (zero outside the window). */
        double kernelAt(double tau) {
            double t = Math.abs(tau);
            if (t > half) return 0;
            double x = Math.PI * r * tau;
            double sinc = x == 0 ? 1 : Math.sin(x) / x;
            double w = t / half;
            return r * sinc * besselI0(beta * Math.sqrt(1 - w * w)) / besselI0(beta);
        }
    }

    /**
     * Computes {@code count} consecutive outputs into y[yOff...]; the first one's window starts at
     * xp[pos] with the given phase, and every window lies inside xp.
     */
    private static void apply(Filter f, float[] xp, int pos, int phase, int count, float[] y, int yOff) {
        if (count <= 0) return;
        if (f.table != null) applyPolyphase(f, xp, pos, phase, count, y, yOff);
        else applyInterpolated(f, xp, pos, phase, count, y, yOff);
    }

    /**
     * Outputs of one phase group below this count are computed one by one; above it, the group is
     * computed in the vectorised form. Both sum the taps in the same order, so the result does not
     * depend on which is used (and so not on how a stream's input is split).
     */
    private static final int MIN_GROUP_FOR_VECTORS = 16;
    /** Floats of de-interleaved input kept per block (256 kB, inside the L2 cache). */
    private static final int BLOCK_FLOATS = 1 << 16;
    private static final int MAX_BLOCK_OUTPUTS = 1024;
    private static final int MIN_GROUPS_TO_SHARE_PIECES = 4;

    /**
     * Polyphase filtering, organised so that the JIT's auto-vectoriser applies. Outputs
     * k = c + q*up (same c) share one phase and their windows start down input samples apart, so
     * for a fixed tap the inputs they need form a stride-down sequence. The input is
     * de-interleaved into down rows (row r holds xp[base + i*down + r]), after which the inputs of
     * tap j for consecutive q are a contiguous piece of one row. Each tap then becomes an update
     * acc[i] += h_j * row[i] over a block of outputs. HotSpot 17 vectorises such a loop only when
     * every array is indexed by the bare loop counter, hence the pieces are copied to scratch
     * arrays first (System.arraycopy is itself vectorised); four taps per pass keep the
     * accumulators' loads and stores down. Each output still adds its taps one at a time in tap
     * order, exactly as {@link #dotInTapOrder} does.
     */
    private static void applyPolyphase(Filter f, float[] xp, int pos, int phase, int count, float[] y, int yOff) {
        final int up = f.up, down = f.down, taps = f.taps;
        final int groups = Math.min(up, count);
        if (count / groups < MIN_GROUP_FOR_VECTORS) {
            applyOneByOne(f, xp, pos, phase, count, y, yOff);
            return;
        }
        // Group c: first window start (relative to pos) and phase.
        int[] start = new int[groups], groupPhase = new int[groups];
        for (int c = 0; c < groups; c++) {
            long t = phase + (long) c * down;
            start[c] = (int) (t / up);
            groupPhase[c] = (int) (t % up);
        }
        final int span = start[groups - 1] + taps; // tap offsets s = start[c] + j range over [0, span)
        // With several groups the pieces for every offset s are copied once per block and shared by the groups
        // (44.1 kHz: 160 groups read ~1000 pieces); with one or two, each group copies the pieces it reads.
        final boolean shared = groups >= MIN_GROUPS_TO_SHARE_PIECES;
        final int block = Math.max(MIN_GROUP_FOR_VECTORS,
                Math.min(MAX_BLOCK_OUTPUTS, shared ? 2 * BLOCK_FLOATS / span : BLOCK_FLOATS / down));
        final int rowLength = block + span / down + 2;
        float[] rows = new float[down * rowLength];
        float[][] pieces = new float[shared ? span : 4][block];
        float[] acc = new float[block];
        final int perGroup = (count + up - 1) / up; // outputs of group 0; later groups have as many or one fewer
        for (int q0 = 0; q0 < perGroup; q0 += block) {
            int qb = Math.min(block, perGroup - q0);
            int base = pos + q0 * down;
            // De-interleave the inputs this block reads: rows[r][i] = xp[base + i*down + r].
            // (The last outputs of the later groups may not exist; their windows may reach past xp.)
            int end = Math.min(xp.length, base + (qb - 1) * down + span);
            for (int r = 0; r < down; r++) {
                int rowStart = r * rowLength;
                for (int i = 0, src = base + r; src < end; i++, src += down) rows[rowStart + i] = xp[src];
            }
            if (shared) for (int s = 0; s < span; s++) copyPiece(rows, rowLength, down, s, pieces[s], qb);
            for (int c = 0; c < groups; c++) {
                int n = Math.min(qb, (count - c + up - 1) / up - q0); // group c has fewer outputs in the last block
                if (n <= 0) continue;
                int hb = groupPhase[c] * taps;
                java.util.Arrays.fill(acc, 0, n, 0f);
                for (int j = 0; j < taps; j += 4) {
                    int s = start[c] + j;
                    float[] x0, x1, x2, x3;
                    if (shared) {
                        x0 = pieces[s];
                        x1 = pieces[s + 1];
                        x2 = pieces[s + 2];
                        x3 = pieces[s + 3];
                    } else {
                        copyPiece(rows, rowLength, down, s, x0 = pieces[0], n);
                        copyPiece(rows, rowLength, down, s + 1, x1 = pieces[1], n);
                        copyPiece(rows, rowLength, down, s + 2, x2 = pieces[2], n);
                        copyPiece(rows, rowLength, down, s + 3, x3 = pieces[3], n);
                    }
                    addFourTaps(acc, f.table[hb + j], f.table[hb + j + 1], f.table[hb + j + 2], f.table[hb + j + 3], x0, x1, x2, x3, n);
                }
                for (int i = 0, k = yOff + c + q0 * up; i < n; i++, k += up) y[k] = acc[i];
            }
        }
    }

    /** The n inputs that tap offset s reads for consecutive outputs of a group: row s % down from column s / down. */
    private static void copyPiece(float[] rows, int rowLength, int down, int s, float[] to, int n) {
        System.arraycopy(rows, (s % down) * rowLength + s / down, to, 0, n);
    }
    private static void addFourTaps(float[] acc, float h0, float h1, float h2, float h3,
                                    float[] x0, float[] x1, float[] x2, float[] x3, int n) {
        for (int i = 0; i < n; i++) acc[i] = acc[i] + h0 * x0[i] + h1 * x1[i] + h2 * x2[i] + h3 * x3[i];
    }

    /**
     * Outputs computed one by one, each adding its taps in tap order like the vectorised form; four
     * outputs at a time, whose sums are independent, so that the processor need not wait for each
     * addition before the next.
     */
    private static void applyOneByOne(Filter f, float[] xp, int n0, int phase, int count, float[] y, int yOff) {
        final float[] h = f.table;
        final int taps = f.taps, up = f.up, whole = f.down / up, part = f.down % up;
        int[] start = new int[4], base = new int[4];
        int k = yOff;
        for (; k + 4 <= yOff + count; k += 4) {
            for (int i = 0; i < 4; i++) {
                start[i] = n0;
                base[i] = phase * taps;
                n0 += whole;
                phase += part;
                if (phase >= up) {
                    phase -= up;
                    n0++;
                }
            }
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int x0 = start[0], x1 = start[1], x2 = start[2], x3 = start[3];
            int h0 = base[0], h1 = base[1], h2 = base[2], h3 = base[3];
            for (int j = 0; j < taps; j++) {
                s0 = s0 + h[h0 + j] * xp[x0 + j];
                s1 = s1 + h[h1 + j] * xp[x1 + j];
                s2 = s2 + h[h2 + j] * xp[x2 + j];
                s3 = s3 + h[h3 + j] * xp[x3 + j];
            }
            y[k] = s0;
            y[k + 1] = s1;
            y[k + 2] = s2;
            y[k + 3] = s3;
        }
        for (; k < yOff + count; k++) {
            y[k] = dotInTapOrder(h, phase * taps, xp, n0, taps);
            n0 += whole;
            phase += part;
            if (phase >= up) {
                phase -= up;
                n0++;
            }
        }
    }

    /** Sum of h[a + j] * x[b + j], added in order of j, the order the vectorised form uses per output. */
    private static float dotInTapOrder(float[] h, int a, float[] x, int b, int taps) {
        float s = 0;
        for (int j = 0; j < taps; j++) s = s + h[a + j] * x[b + j];
        return s;
    }

    /**
     * Filters with too many phases for a table: each output's taps are interpolated linearly
     * between the two nearest of FINE_PHASES tabulated phases (a vectorised loop), then applied.
     * Every output is computed on its own, so the result does not depend on how a stream is split.
     */
    private static void applyInterpolated(Filter f, float[] xp, int n0, int phase, int count, float[] y, int yOff) {
        final int taps = f.taps, up = f.up, whole = f.down / up, part = f.down % up;
        float[] h = new float[taps];
        for (int k = yOff; k < yOff + count; k++) {
            long position = (long) phase * FINE_PHASES; // the phase in units of 1 / (up * FINE_PHASES)
            int p = (int) (position / up);
            float w = (float) (position % up) / up;
            interpolateTaps(f.fine[p], f.fine[p + 1], w, h, taps);
            y[k] = dotByEights(h, xp, n0, taps);
            n0 += whole;
            phase += part;
            if (phase >= up) {
                phase -= up;
                n0++;
            }
        }
    }

    private static void interpolateTaps(float[] a, float[] b, float w, float[] h, int taps) {
        for (int j = 0; j < taps; j++) h[j] = a[j] + w * (b[j] - a[j]);
    }

    /** Sum of h[j] * x[b + j]; eight partial sums, since the JIT keeps float additions in order and would wait on each. */
    private static float dotByEights(float[] h, float[] x, int b, int taps) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int j = 0; j < taps; j += 8) {
            int i = b + j;
            s0 += h[j] * x[i];
            s1 += h[j + 1] * x[i + 1];
            s2 += h[j + 2] * x[i + 2];
            s3 += h[j + 3] * x[i + 3];
            s4 += h[j + 4] * x[i + 4];
            s5 += h[j + 5] * x[i + 5];
            s6 += h[j + 6] * x[i + 6];
            s7 += h[j + 7] * x[i + 7];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for beta ~ 10). */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Test hook: resample through the interpolated-kernel path even where a table would fit. */
    static float[] resampleInterpolated(float[] x, int fromRate, int toRate) {
        Stage s = new Stage(new Filter(fromRate, toRate, true), true);
        long total = outputLength(x.length, fromRate, toRate);
        float[] y = new float[(int) total];
        int written = s.push(x, 0, x.length, y, 0, total);
        s.finish(total, y, written);
        return y;
    }

    /** Test hook: resample one-stage pairs with the direct polyphase form even where the FFT path is planned. */
    static float[] resampleDirect(float[] x, int fromRate, int toRate) {
        Stage s = new Stage(new Filter(fromRate, toRate, false), true);
        long total = outputLength(x.length, fromRate, toRate);
        float[] y = new float[(int) total];
        int written = s.push(x, 0, x.length, y, 0, total);
        s.finish(total, y, written);
        return y;
    }
}
