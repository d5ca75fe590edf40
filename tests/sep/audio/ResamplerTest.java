package sep.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    private static double db(double ratio) {
        return 10 * Math.log10(ratio);
    }

    /**
     * Acceptance test: the 60 original 48 kHz files of RAVDESS actor 24, resampled here to 16 kHz,
     * against the distributed 16 kHz versions (a high-quality 95 % linear-phase conversion with TPDF
     * dither to 16 bits). The dither alone caps the SNR of the quietest file near 43 dB.
     */
    @Test
    void ravdessActor24MatchesReferenceConversion() throws Exception {
        Path originals = TestFiles.data().resolve("ravdess-48k/Actor_24");
        List<Path> files;
        try (var s = Files.list(originals)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        assertEquals(60, files.size());
        double min = Double.POSITIVE_INFINITY, sum = 0;
        String worst = null;
        List<float[]> inputs = new ArrayList<>();
        for (Path p : files) {
            Audio in = AudioDecoder.readMono(p);
            assertEquals(48000, in.sampleRate());
            inputs.add(in.samples());
            String name = p.getFileName().toString().replace(".wav", ".flac");
            float[] ref = AudioDecoder.readMono(TestFiles.data().resolve("ravdess/Actor_24/" + name)).samples();
            Audio ours = Resampler.resample(in, 16000);
            assertEquals(16000, ours.sampleRate());
            assertEquals(Math.round(in.samples().length / 3.0), ours.samples().length, name);
            assertEquals(ref.length, ours.samples().length, name);
            double signal = 0, error = 0;
            for (int i = 0; i < ref.length; i++) {
                signal += (double) ref[i] * ref[i];
                double d = ref[i] - ours.samples()[i];
                error += d * d;
            }
            double snr = db(signal / error);
            assertTrue(snr >= 40, name + ": SNR " + snr + " dB");
            sum += snr;
            if (snr < min) {
                min = snr;
                worst = name;
            }
        }
        System.out.printf("Resampler 48k->16k vs RAVDESS reference: SNR min %.2f dB (%s), mean %.2f dB over %d files%n",
                min, worst, sum / files.size(), files.size());
        assertTrue(sum / files.size() >= 50, "mean SNR " + sum / files.size());
        reportSpeed(inputs);
    }

    /** One thread, warm JIT: seconds of audio per second of wall time. Bound is loose: the machine is shared. */
    private static void reportSpeed(List<float[]> at48k) {
        List<float[]> at16k = new ArrayList<>();
        for (float[] x : at48k) at16k.add(Resampler.resample(x, 48000, 16000));
        double best48 = 0, best16 = 0;
        for (int round = 0; round < 2; round++) {
            double audio = 0;
            long t0 = System.nanoTime();
            for (float[] x : at48k) {
                Resampler.resample(x, 48000, 16000);
                audio += x.length / 48000.0;
            }
            best48 = Math.max(best48, audio / ((System.nanoTime() - t0) / 1e9));
            audio = 0;
            t0 = System.nanoTime();
            for (float[] x : at16k) {
                Resampler.resample(x, 16000, 22050);
                audio += x.length / 16000.0;
            }
            best16 = Math.max(best16, audio / ((System.nanoTime() - t0) / 1e9));
        }
        System.out.printf("Resampler speed (1 thread): 48k->16k %.0fx real time, 16k->22.05k %.0fx real time%n", best48, best16);
        assertTrue(best48 > 30 && best16 > 30, "far slower than expected: " + best48 + ", " + best16);
    }

    /**
     * Least-squares fit of a*cos + b*sin at {@code freq} over the interior of {@code y}; returns
     * {amplitude, phase, residual power / signal power}.
     */
    private static double[] fitTone(float[] y, int rate, double freq, int margin) {
        double cc = 0, ss = 0, cs = 0, yc = 0, ys = 0, yy = 0;
        for (int k = margin; k < y.length - margin; k++) {
            double w = 2 * Math.PI * freq * k / rate, c = Math.cos(w), s = Math.sin(w);
            cc += c * c;
            ss += s * s;
            cs += c * s;
            yc += y[k] * c;
            ys += y[k] * s;
            yy += (double) y[k] * y[k];
        }
        double det = cc * ss - cs * cs;
        double a = (yc * ss - ys * cs) / det, b = (ys * cc - yc * cs) / det;
        double residual = 0; // summed directly: yy - fitted would cancel catastrophically at these accuracies
        for (int k = margin; k < y.length - margin; k++) {
            double w = 2 * Math.PI * freq * k / rate;
            residual += Math.pow(y[k] - a * Math.cos(w) - b * Math.sin(w), 2);
        }
        return new double[] {Math.hypot(a, b), Math.atan2(-b, a), residual / yy};
    }

    private static float[] tone(int n, int rate, double freq, double amp, double phase) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (amp * Math.cos(2 * Math.PI * freq * i / rate + phase));
        return x;
    }

    @ParameterizedTest
    @CsvSource({"16000, 22050", "22050, 16000", "48000, 16000", "16000, 48000", "44100, 16000", "8000, 16000", "96000, 16000"})
    void toneKeepsFrequencyAmplitudeAndPhase(int from, int to) {
        double freq = 1000, amp = 0.5, phase = 0.7;
        float[] y = Resampler.resample(tone(from, from, freq, amp, phase), from, to);
        assertEquals(to, y.length);
        double[] fit = fitTone(y, to, freq, to / 20);
        assertEquals(amp, fit[0], amp * 1e-4, "amplitude"); // pass-band ripple is ~1e-5
        assertEquals(phase, fit[1], 1e-4, "phase: output k must sit at input time k*from/to");
        assertTrue(db(fit[2]) < -90, "residual (images, aliases, noise) " + db(fit[2]) + " dB");
    }

    @ParameterizedTest
    @CsvSource({"48000, 16000, 8000", "48000, 16000, 8500", "48000, 16000, 9000", "48000, 16000, 12000",
                "48000, 16000, 23000", "44100, 16000, 9000", "22050, 16000, 10000", "16000, 8000, 4500"})
    void stopBandToneIsRemoved(int from, int to, double freq) {
        int n = from * 2;
        float[] x = tone(n, from, freq, 0.9, 0.3);
        float[] y = Resampler.resample(x, from, to);
        double in = 0.9 * 0.9 / 2, out = 0;
        int margin = to / 10; // skip the onset and end, where the tone is switched on and off
        for (int k = margin; k < y.length - margin; k++) out += (double) y[k] * y[k];
        out /= y.length - 2 * margin;
        double attenuation = -db(out / in);
        assertTrue(attenuation >= 90, freq + " Hz attenuated only " + attenuation + " dB");
    }

    @Test
    void outputLengthIsRoundedRatio() {
        int[][] pairs = {{48000, 16000}, {16000, 22050}, {44100, 16000}, {22050, 16000}, {8000, 16000}, {22254, 16000}};
        for (int[] p : pairs) {
            for (int n : new int[] {0, 1, 2, 3, 4, 5, 100, 177778, 99_999}) {
                long expected = Math.round((double) n * p[1] / p[0]);
                assertEquals(expected, Resampler.resample(new float[n], p[0], p[1]).length, p[0] + "->" + p[1] + " n=" + n);
            }
        }
    }

    @Test
    void equalRatesReturnTheInputAndBadArgumentsAreRejected() {
        Audio a = new Audio(new float[] {1, 2, 3}, 16000);
        assertSame(a, Resampler.resample(a, 16000));
        assertSame(a.samples(), Resampler.resample(a.samples(), 16000, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[3], 0, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[3], 16000, -1));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample((float[]) null, 16000, 8000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[10], Integer.MAX_VALUE, 1));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[1 << 20], 1, Integer.MAX_VALUE));
    }

    @Test
    void constantStaysConstantAwayFromTheEdges() {
        float[] x = new float[30000];
        java.util.Arrays.fill(x, 0.25f);
        for (int[] p : new int[][] {{48000, 16000}, {16000, 22050}, {44100, 16000}, {22254, 16000}}) {
            float[] y = Resampler.resample(x, p[0], p[1]);
            for (int k = y.length / 4; k < 3 * y.length / 4; k++) assertEquals(0.25f, y[k], 1e-6f, p[0] + "->" + p[1]);
        }
    }

    /** A smooth pulse must come out as the same pulse sampled at the new times: checks delay and shape together. */
    @Test
    void pulseIsAlignedAtTheSameInstant() {
        int from = 16000, to = 22050;
        double centre = 5000.37, width = 12; // samples at 16 kHz; far inside the pass band
        float[] x = new float[10000];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.exp(-0.5 * Math.pow((i - centre) / width, 2));
        float[] y = Resampler.resample(x, from, to);
        double err = 0, sig = 0;
        for (int k = 0; k < y.length; k++) {
            double t = (double) k * from / to;
            double expected = Math.exp(-0.5 * Math.pow((t - centre) / width, 2));
            err += Math.pow(y[k] - expected, 2);
            sig += expected * expected;
        }
        assertTrue(db(err / sig) < -90, "pulse mismatch " + db(err / sig) + " dB");
    }

    @ParameterizedTest
    @CsvSource({"22254, 16000", "24414, 16000", "16000, 22254", "44101, 16000", "96001, 16000"})
    void oddRatePairUsesTwoStagesWithTheSameResponse(int from, int to) {
        Resampler.Plan odd = Resampler.plan(from, to);
        assertNotNull(odd.second, "8000 phases should not get a full table but two stages");
        assertNotNull(odd.first.table, "the sharp first stage takes the table path");
        float[] y = Resampler.resample(tone(from * 2, from, 1000, 0.5, 0.2), from, to);
        assertEquals(Resampler.outputLength(from * 2L, from, to), y.length);
        double[] fit = fitTone(y, to, 1000, to / 10);
        assertEquals(0.5, fit[0], 0.5e-4);
        assertEquals(0.2, fit[1], 1e-4);
        assertTrue(db(fit[2]) < -90, "residual " + db(fit[2]));

        // The same as one stage with the sharp filter evaluated at every output's own phase, edges included.
        float[] x = noise(20000, 9);
        float[] twoStages = Resampler.resample(x, from, to), oneStage = Resampler.resampleInterpolated(x, from, to);
        assertEquals(oneStage.length, twoStages.length);
        double e = 0, sig = 0, edge = 0;
        for (int k = 0; k < oneStage.length; k++) {
            double d = Math.pow(twoStages[k] - oneStage[k], 2);
            e += d;
            sig += (double) oneStage[k] * oneStage[k];
            if (k < 50 || k >= oneStage.length - 50) edge = Math.max(edge, Math.abs(twoStages[k] - oneStage[k]));
        }
        assertTrue(db(e / sig) < -100, "two stages differ from one by " + db(e / sig) + " dB");
        assertTrue(edge < 1e-4, "edges differ by " + edge);
    }

    /**
     * The FFT path computes the same filter as the direct form, only the rounding differs (float
     * FFT, about -125 dB); where it adds an interpolator stage, within -116 dB of the one-stage form.
     */
    @ParameterizedTest
    @CsvSource({"48000, 16000", "32000, 16000", "96000, 16000", "44100, 16000", "24414, 16000", "48000, 22050", "44100, 22050",
                "8000, 16000", "16000, 48000"})
    void fftPathAgreesWithTheDirectForm(int from, int to) {
        assertNotNull(Resampler.plan(from, to).fft, from + "->" + to + " should take the FFT path");
        float[] x = noise(100_003, 11);
        float[] fft = Resampler.resample(x, from, to), direct = Resampler.resampleDirect(x, from, to);
        assertEquals(direct.length, fft.length);
        double e = 0, s = 0;
        for (int k = 0; k < direct.length; k++) {
            e += Math.pow(fft[k] - direct[k], 2);
            s += (double) direct[k] * direct[k];
        }
        assertTrue(db(e / s) < -100, from + "->" + to + ": FFT and direct forms differ by " + db(e / s) + " dB");
    }

    /** Rational upsampling (the FFT would run at the upsampled rate), and 22.05 kHz (folded sidelobes short of 100 dB). */
    @ParameterizedTest
    @CsvSource({"22050, 16000", "16000, 22050", "16000, 44100", "96001, 16000"})
    void otherPairsStayDirect(int from, int to) {
        assertEquals(null, Resampler.plan(from, to).fft, from + "->" + to);
    }

    @Test
    void interpolatedPathAgreesWithTheTable() {
        float[] x = new float[20000];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian() * 0.1f;
        float[] table = Resampler.resample(x, 16000, 22050), interp = Resampler.resampleInterpolated(x, 16000, 22050);
        double e = 0, s = 0;
        for (int k = 0; k < table.length; k++) {
            e += Math.pow(table[k] - interp[k], 2);
            s += (double) table[k] * table[k];
        }
        assertTrue(db(e / s) < -100, "paths differ by " + db(e / s) + " dB");
    }

    @Test
    void concurrentUseGivesIdenticalResults() throws Exception {
        float[] x = new float[50000];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * 0.37) * 0.3f;
        int[][] pairs = {{48000, 16000}, {16000, 22050}, {44100, 16000}, {32000, 16000}};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int rep = 0; rep < 2; rep++) for (int[] p : pairs) results.add(pool.submit(() -> Resampler.resample(x, p[0], p[1])));
            for (int i = 0; i < pairs.length; i++) {
                assertArrayEquals(results.get(i).get(), results.get(i + pairs.length).get());
                assertArrayEquals(Resampler.resample(x, pairs[i][0], pairs[i][1]), results.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static float[] noise(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian() * 0.2f;
        return x;
    }

    /** Feeds x to a stream in blocks whose sizes come from {@code sizes}, and concatenates the outputs. */
    private static float[] streamed(float[] x, int from, int to, java.util.function.IntSupplier sizes) {
        Resampler.Stream s = Resampler.stream(from, to);
        float[] out = new float[0];
        int pos = 0;
        while (pos < x.length) {
            int len = Math.min(x.length - pos, sizes.getAsInt());
            out = concat(out, s.process(x, pos, len));
            pos += len;
        }
        return concat(out, s.finish());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @ParameterizedTest
    @CsvSource({"48000, 16000", "32000, 16000", "44100, 16000", "24414, 16000", "22050, 16000", "8000, 16000", "16000, 22050", "16000, 16000"})
    void streamInRandomBlocksEqualsWholeSignal(int from, int to) {
        java.util.Random r = new java.util.Random(from * 31L + to);
        for (int n : new int[] {0, 1, 2, 7, 100, 1000, 30011}) {
            float[] x = noise(n, n + 1);
            float[] whole = Resampler.resample(x, from, to);
            // Mostly short blocks (one sample, none at all, a few) with some longer than the filter, and some long
            // enough for the vectorised form even at 44.1 kHz (160 phase groups).
            float[] ragged = streamed(x, from, to, () -> switch (r.nextInt(6)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> r.nextInt(40);
                case 3 -> r.nextInt(700);
                case 4 -> r.nextInt(5000);
                default -> 8000 + r.nextInt(20000);
            });
            assertArrayEquals(whole, ragged, from + "->" + to + " n=" + n + " ragged blocks");
            assertArrayEquals(whole, streamed(x, from, to, () -> 1), from + "->" + to + " n=" + n + " one sample at a time");
        }
    }

    @Test
    void streamMemoryIsBoundedByTheFilterNotTheSignal() {
        for (int[] p : new int[][] {{48000, 16000}, {44100, 16000}, {24414, 16000}, {8000, 16000}, {16000, 22050}}) {
            Resampler.Stream s = Resampler.stream(p[0], p[1]);
            Resampler.Plan plan = Resampler.plan(p[0], p[1]);
            int taps = plan.filterTaps();
            // The FFT path holds one frame of inputs and the outputs of one frame on top of the filter.
            int bound = 2 * taps + 32 + (plan.fft == null ? 0 : plan.fft.frameInputs + 2 * plan.fft.outputsPerFrame);
            float[] block = noise(4096, 5);
            long outputs = 0;
            for (int i = 0; i < 500; i++) {
                outputs += s.process(block, 0, block.length).length;
                assertTrue(s.heldCapacity() <= bound, p[0] + "->" + p[1] + " holds " + s.heldCapacity() + " samples, filter " + taps);
            }
            outputs += s.finish().length;
            assertEquals(Resampler.outputLength(500L * block.length, p[0], p[1]), outputs);
        }
    }

    @Test
    void streamRejectsMisuse() {
        Resampler.Stream s = Resampler.stream(48000, 16000);
        assertThrows(IndexOutOfBoundsException.class, () -> s.process(new float[10], 5, 6));
        assertThrows(IllegalArgumentException.class, () -> s.process(null, 0, 0));
        s.finish();
        assertThrows(IllegalStateException.class, () -> s.process(new float[10], 0, 10));
        assertThrows(IllegalStateException.class, s::finish);
        assertThrows(IllegalArgumentException.class, () -> Resampler.stream(0, 16000));
    }
}
