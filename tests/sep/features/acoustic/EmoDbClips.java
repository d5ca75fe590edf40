package sep.features.acoustic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import sep.audio.Audio;
import sep.features.ReferenceData;

/**
 * Test fixture: the EmoDB clips, read with the test-only WAV reader, trimmed the way a caller of
 * {@link AcousticFeatures} would, and their feature vectors (computed once per test JVM and shared
 * by the feature and model tests, since extracting all 535 clips is the slow part).
 */
public final class EmoDbClips {
    private EmoDbClips() {}

    /** EmoDB emotion letters in a fixed order; the index is the class id used by the model tests. */
    public static final List<String> LABELS = List.of("anger", "boredom", "disgust", "fear", "happiness", "sadness", "neutral");
    private static final String LETTERS = "WLEAFTN";

    /** One utterance: file name SSTTTEV, speaker SS, emotion letter E. */
    public record Clip(String name, int speaker, int label, Path path) {}

    private static List<Clip> clips;
    private static final java.util.Map<AcousticFeatures.Version, float[][]> features = new java.util.EnumMap<>(AcousticFeatures.Version.class);
    private static final java.util.Map<AcousticFeatures.Version, Double> extractionSeconds = new java.util.EnumMap<>(AcousticFeatures.Version.class);

    public static synchronized List<Clip> all() {
        if (clips == null) {
            Path dir = ReferenceData.dataFile("emodb/wav");
            List<Clip> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.sorted().toList()) {
                    String f = p.getFileName().toString();
                    if (!f.endsWith(".wav")) continue;
                    int label = LETTERS.indexOf(f.charAt(5));
                    if (label < 0) throw new IllegalStateException("unknown emotion letter in " + f);
                    out.add(new Clip(f.substring(0, f.length() - 4), Integer.parseInt(f.substring(0, 2)), label, p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (out.size() != 535) throw new IllegalStateException("expected the 535 EmoDB clips in " + dir + ", found " + out.size());
            clips = List.copyOf(out);
        }
        return clips;
    }

    /** The clip at 16 kHz, leading and trailing silence trimmed. */
    public static Audio load(Clip clip) {
        try {
            return new Audio(trim(ReferenceData.wav16(clip.path()), 16000), 16000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops leading and trailing 10 ms blocks whose level is more than 40 dB below the loudest
     * block: the trimming {@link AcousticFeatures#extract} expects its callers to have done.
     */
    static float[] trim(float[] x, int sr) {
        int block = sr / 100;
        int blocks = x.length / block;
        if (blocks < 3) return x;
        double[] ms = new double[blocks];
        double max = 0;
        for (int b = 0; b < blocks; b++) {
            double s = 0;
            for (int i = b * block; i < (b + 1) * block; i++) s += (double) x[i] * x[i];
            ms[b] = s / block;
            max = Math.max(max, ms[b]);
        }
        double floor = max * 1e-4;
        int first = 0, last = blocks - 1;
        while (first < last && ms[first] < floor) first++;
        while (last > first && ms[last] < floor) last--;
        int from = first * block;
        int to = last == blocks - 1 ? x.length : (last + 1) * block;
        return java.util.Arrays.copyOfRange(x, from, to);
    }

    /** Feature vectors of {@link #all()} ({@link AcousticFeatures#DEFAULT_VERSION}), in the same order; extracted once, on 2 threads. */
    public static synchronized float[][] features() {
        return features(AcousticFeatures.DEFAULT_VERSION);
    }

    /** Feature vectors of {@link #all()} in one version's layout; extracted once per version, on 2 threads. */
    public static synchronized float[][] features(AcousticFeatures.Version version) {
        float[][] cached = features.get(version);
        if (cached == null) {
            List<Clip> list = all();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                long t0 = System.nanoTime();
                List<Future<float[]>> jobs = new ArrayList<>();
                for (Clip c : list) jobs.add(pool.submit(() -> AcousticFeatures.extract(load(c), version)));
                float[][] out = new float[list.size()][];
                for (int i = 0; i < out.length; i++) out[i] = jobs.get(i).get();
                double seconds = (System.nanoTime() - t0) / 1e9;
                extractionSeconds.put(version, seconds);
                System.out.printf("EmoDB: read, trimmed and extracted %d clips x %d features (%s) in %.2f s on 2 threads%n",
                        out.length, AcousticFeatures.size(version), version.id(), seconds);
                features.put(version, out);
                cached = out;
            } catch (Exception e) {
                throw new IllegalStateException("feature extraction failed", e);
            } finally {
                pool.shutdown();
            }
        }
        return cached;
    }

    /** Wall time of {@link #features()}'s extraction (reading included). */
    public static synchronized double extractionSeconds() {
        features();
        return extractionSeconds.get(AcousticFeatures.DEFAULT_VERSION);
    }
}
