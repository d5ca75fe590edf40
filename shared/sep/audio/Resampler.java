package sep.audio;

import java.util.concurrent.ConcurrentHashMap;

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
 * and cached; applying them is a float dot product per output sample with no allocation beyond the
 * zero-padded input copy and the output. Pairs with very many phases (e.g. 22254 Hz to 16 kHz has
 * 8000) would make that table too large; they use a finely sampled kernel with linear
 * interpolation instead, computing each output's taps on the fly.
 *
 * <p>Thread-safe: the cached filters are immutable.
 */
public final class Resampler {
    private Resampler() {}

    /** -6 dB point of the windowed sinc, as a fraction of the lower Nyquist frequency. */
    static final double CUTOFF = 0.956;
    /** Full width of the transition band (pass-band edge to stop-band edge), same unit. */
    static final double TRANSITION = 0.065;
    static final double STOP_BAND_DB = 100.0;
    /** Largest polyphase table kept (floats, 8 MB); beyond this the interpolated kernel is used. */
    private static final long MAX_TABLE_FLOATS = 1 << 21;
    /** Kernel samples per unit of r*tau in the interpolated path; linear-interpolation error stays near -130 dB. */
    private static final int KERNEL_OVERSAMPLING = 4096;
    private static final int MAX_CACHED = 16;
    private static final ConcurrentHashMap<Long, Filter> CACHE = new ConcurrentHashMap<>();

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
        float[] y = new float[(int) outLength];
        if (x.length == 0) return y;
        // The whole signal is one block of a stream: the same arithmetic, and no padded copy of the input.
        Stream s = new Stream(filter(fromRate, toRate));
        int written = s.processInto(x, 0, x.length, y, 0);
        s.finishInto(y, written);
        return y;
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
        return new Stream(fromRate == toRate ? null : filter(fromRate, toRate));
    }

    /**
     * Block-wise resampling with memory bounded by the filter length: it keeps only the input
     * samples that outputs still to come need (fewer than two filter lengths). Not thread-safe;
     * one stream per signal.
     */
    public static final class Stream {
        private final Filter f;
        /** Padded-signal samples [histStart, histStart + histLength) kept from earlier blocks; padded index = input index + left. */
        private float[] hist;
        private long histStart;
        private int histLength;
        private long received;
        /** The next output to produce: its index, and the padded index and phase of its first tap. */
        private long next;
        private long n0;
        private int phase;
        private boolean finished;

        private Stream(Filter f) {
            this.f = f;
            if (f != null) {
                // The signal is preceded by zeros: the first outputs' windows reach left samples before it.
                hist = new float[Math.max(16, f.left)];
                histLength = f.left;
            }
        }

        /** Resamples the next {@code len} samples of the signal; returns the outputs they complete (possibly none). */
        public float[] process(float[] block, int off, int len) {
            if (block == null) throw new IllegalArgumentException("block must not be null");
            java.util.Objects.checkFromIndexSize(off, len, block.length);
            if (finished) throw new IllegalStateException("stream already finished");
            if (f == null) {
                received += len;
                return java.util.Arrays.copyOfRange(block, off, off + len);
            }
            float[] y = new float[outputsReady(received + len, f.left + received + len)];
            processInto(block, off, len, y, 0);
            return y;
        }

        /** Ends the signal: returns the last outputs, whose filter windows reach past its end. */
        public float[] finish() {
            if (finished) throw new IllegalStateException("stream already finished");
            if (f == null) {
                finished = true;
                return new float[0];
            }
            float[] y = new float[(int) (outputLength(received, f.down, f.up) - next)];
            finishInto(y, 0);
            return y;
        }

        /** Number of outputs, from {@code next} on, whose windows lie inside padded samples [0, available) and that exist for a signal of at least {@code signal} samples. */
        private int outputsReady(long signal, long available) {
            long firstMissing = available - f.taps; // the last usable n0
            if (firstMissing < 0) return 0;
            // n0(k) = floor(k * down / up) <= firstMissing  <=>  k <= ((firstMissing + 1) * up - 1) / down
            long byWindow = Math.multiplyExact(firstMissing + 1, (long) f.up) - 1;
            long limit = Math.min(byWindow / f.down + 1, outputLength(signal, f.down, f.up));
            return (int) Math.max(0, limit - next);
        }

        int processInto(float[] block, int off, int len, float[] y, int yOff) {
            received += len;
            return consume(block, off, len, y, yOff, outputsReady(received, f.left + received));
        }

        void finishInto(float[] y, int yOff) {
            long total = outputLength(received, f.down, f.up);
            int remaining = (int) (total - next);
            if (remaining > 0) {
                // Zeros after the signal, as far as the last output's window reaches.
                long lastN0 = Math.floorDiv(Math.multiplyExact(total - 1, (long) f.down), f.up);
                long end = lastN0 + f.taps, have = histStart + histLength;
                float[] zeros = new float[(int) Math.max(0, end - have)];
                consume(zeros, 0, zeros.length, y, yOff, remaining);
            }
            finished = true;
            hist = null;
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
                // Count the outputs that start in the history and fit in the joined copy.
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

        /** Input samples held between calls (capacity of the history buffer). */
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

    static Filter filter(int fromRate, int toRate) {
        long key = ((long) fromRate << 32) | (toRate & 0xffffffffL);
        Filter f = CACHE.get(key);
        if (f != null) return f;
        // Unbounded growth only happens if a caller cycles through many odd rate pairs; start over then.
        if (CACHE.size() >= MAX_CACHED) CACHE.clear();
        return CACHE.computeIfAbsent(key, k -> new Filter(fromRate, toRate, false));
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
        final float[] kernel;        // g sampled at u = r * tau = i / KERNEL_OVERSAMPLING, i >= 0, or null

        Filter(int fromRate, int toRate, boolean forceInterpolated) {
            int g = gcd(fromRate, toRate);
            up = toRate / g;
            down = fromRate / g;
            double ratio = Math.min(1.0, (double) toRate / fromRate);
            r = ratio * CUTOFF;
            double transition = ratio * TRANSITION / 2; // in cycles per input sample (Nyquist = 1/2)
            double length = (STOP_BAND_DB - 7.95) / (14.36 * transition); // Kaiser's length estimate
            if (length > 1e7) {
                throw new IllegalArgumentException("rate ratio too extreme for one filter: " + fromRate + " -> " + toRate + " Hz");
            }
            half = length / 2;
            beta = 0.1102 * (STOP_BAND_DB - 8.7);
            left = (int) Math.floor(half);
            // Taps reach from tau = left + frac down to tau = -(left + 1) + frac; rounded up to a
            // multiple of 8 (zero taps) so the dot product needs no tail loop.
            taps = ((2 * left + 2) + 7) & ~7;
            if (!forceInterpolated && (long) up * taps <= MAX_TABLE_FLOATS) {
                table = new float[up * taps];
                double[] phase = new double[taps];
                for (int p = 0; p < up; p++) {
                    double frac = (double) p / up, sum = 0;
                    for (int j = 0; j < taps; j++) {
                        phase[j] = kernelAt(frac + left - j);
                        sum += phase[j];
                    }
                    // Unit DC gain in every phase: a constant input stays exactly constant.
                    for (int j = 0; j < taps; j++) table[p * taps + j] = (float) (phase[j] / sum);
                }
                kernel = null;
            } else {
                table = null;
                int points = (int) Math.ceil(r * half * KERNEL_OVERSAMPLING) + 2;
                kernel = new float[points];
                for (int i = 0; i < points; i++) kernel[i] = (float) kernelAt(i / (r * KERNEL_OVERSAMPLING));
            }
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

    private static void applyPolyphase(Filter f, float[] xp, int n0, int phase, int count, float[] y, int yOff) {
        final float[] h = f.table;
        final int taps = f.taps, up = f.up, whole = f.down / up, part = f.down % up;
        for (int k = yOff; k < yOff + count; k++) {
            int hb = phase * taps;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            // Eight independent sums keep the FPU pipelines busy; the JIT does not reorder float adds itself.
            for (int j = 0; j < taps; j += 8) {
                int a = hb + j, b = n0 + j;
                s0 += h[a] * xp[b];
                s1 += h[a + 1] * xp[b + 1];
                s2 += h[a + 2] * xp[b + 2];
                s3 += h[a + 3] * xp[b + 3];
                s4 += h[a + 4] * xp[b + 4];
                s5 += h[a + 5] * xp[b + 5];
                s6 += h[a + 6] * xp[b + 6];
                s7 += h[a + 7] * xp[b + 7];
            }
            y[k] = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
            n0 += whole;
            phase += part;
            if (phase >= up) {
                phase -= up;
                n0++;
            }
        }
    }

    private static void applyInterpolated(Filter f, float[] xp, int n0, int phase, int count, float[] y, int yOff) {
        final float[] kernel = f.kernel;
        final int taps = f.taps, up = f.up, whole = f.down / up, part = f.down % up, left = f.left;
        final double scale = f.r * KERNEL_OVERSAMPLING;
        final int last = kernel.length - 1;
        float[] h = new float[taps];
        for (int k = yOff; k < yOff + count; k++) {
            double frac = (double) phase / up, sum = 0;
            for (int j = 0; j < taps; j++) {
                double pos = Math.abs(frac + left - j) * scale;
                int i = (int) pos;
                float v = 0;
                if (i < last) {
                    float w = (float) (pos - i);
                    v = kernel[i] + w * (kernel[i + 1] - kernel[i]);
                }
                h[j] = v;
                sum += v;
            }
            float norm = (float) (1 / sum);
            float s = 0;
            for (int j = 0; j < taps; j++) s += h[j] * xp[n0 + j];
            y[k] = s * norm;
            n0 += whole;
            phase += part;
            if (phase >= up) {
                phase -= up;
                n0++;
            }
        }
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

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Test hook: resample through the interpolated-kernel path even where a table would fit. */
    static float[] resampleInterpolated(float[] x, int fromRate, int toRate) {
        Stream s = new Stream(new Filter(fromRate, toRate, true));
        float[] y = new float[(int) outputLength(x.length, fromRate, toRate)];
        int written = s.processInto(x, 0, x.length, y, 0);
        s.finishInto(y, written);
        return y;
    }
}
