package sep.prediction;

import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.AudioWriter;
import sep.audio.Resampler;
import sep.data.Clip;
import sep.data.Corpus;
import sep.models.SavedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Speed of {@code sep-predict}: files per second through the whole path (find the files, decode, preprocess, model,
 * write the rows) on all cores, on 3-second 16-bit WAV clips cut from the real corpora and written to a temporary
 * folder. JVM start-up and model loading are left out: they are paid once per run, not per file. The clips can
 * also be written at another sample rate, which puts the resampler on the path of every file as it is for users
 * whose audio is not at the model's rate.
 */
public final class PredictBenchmark {
    private PredictBenchmark() {}

    public static final double CLIP_SECONDS = 3.0;

    /**
     * @param files   clips to classify per timed pass
     * @param threads worker threads (0 = one per core)
     * @param repeats timed passes; the fastest is reported (the least disturbed by other work on the machine)
     * @param clipRate sample rate the clips are written at, 0 = the corpus's own
     */
    public record Config(String model, List<String> datasets, int files, int threads, int repeats, int clipRate) {
        public Config {
            if (files < 1) throw new IllegalArgumentException("files must be >= 1, got " + files);
            if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
            if (clipRate < 0) throw new IllegalArgumentException("clipRate must be >= 0 (0 = as stored), got " + clipRate);
        }

        public Config(String model, List<String> datasets, int files, int threads, int repeats) {
            this(model, datasets, files, threads, repeats, 0);
        }

        Config atRate(int rate) {
            return new Config(model, datasets, files, threads, repeats, rate);
        }
    }

    /**
     * {@link #run} on the clips as stored, then on the same clips converted to {@code otherRate}, and the ratio of
     * the two speeds (the cost of resampling on the whole path). The corpora are 16 kHz, the models' rate.
     */
    public static Map<String, Object> runWithOtherRate(Config config, int otherRate) throws IOException {
        Map<String, Object> result = run(config);
        if (otherRate <= 0) return result;
        double asStored = (Double) result.get("predict_files_per_second");
        double other = (Double) run(config.atRate(otherRate)).get("predict_files_per_second");
        result.put("predict_files_per_second_" + otherRate + "_hz_clips", other);
        result.put("predict_" + otherRate + "_hz_vs_as_stored_speed_ratio", Math.round(other / asStored * 100) / 100.0);
        return result;
    }

    public static Map<String, Object> run(Config config) throws IOException {
        ModelRef ref = ModelRef.resolve(config.model());
        int threads = config.threads() == 0 ? Runtime.getRuntime().availableProcessors() : config.threads();
        Path dir = Files.createTempDirectory("sep-bench-predict");
        try (SavedModel saved = ref.load()) {
            int made = writeClips(config, dir.resolve("clips"));
            Predictor predictor = new Predictor(saved, Segmentation.none());
            AudioFiles files = new AudioFiles(List.of(dir.resolve("clips")));
            // Warm-up pass: JIT compilation and the model's first calls are not what a long run pays per file.
            pass(files, predictor, threads, saved, ref, dir.resolve("warmup.csv"));
            double best = Double.MAX_VALUE;
            for (int i = 0; i < config.repeats(); i++) {
                long t0 = System.nanoTime();
                long n = pass(files, predictor, threads, saved, ref, dir.resolve("pass.csv"));
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (n != made) throw new IllegalStateException("classified " + n + " of " + made + " benchmark clips");
                best = Math.min(best, seconds);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("predict_files_per_second", Math.round(made / best * 10) / 10.0);
            result.put("predict_files", made);
            result.put("predict_clip_seconds", CLIP_SECONDS);
            result.put("predict_threads", threads);
            result.put("predict_model", ref.id());
            result.put("predict_model_kind", saved.model().kind());
            return result;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Classifies every clip once, writing the rows as sep-predict does; returns how many were classified. */
    private static long pass(AudioFiles files, Predictor predictor, int threads, SavedModel saved, ModelRef ref, Path out)
            throws IOException {
        long[] ok = {0};
        try (PredictionOutput writer = PredictionOutput.open(out, saved.labels(), ref.id(), false, true)) {
            ParallelClassifier.run(files.iterator(), predictor, threads, ParallelClassifier.DEFAULT_BATCH, r -> {
                try {
                    writer.write(r);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (r.fileRow().isOk()) ok[0]++;
            });
        }
        return ok[0];
    }

    /**
     * The first clips of the corpora at least 3 s long, cut to their first 3 s, as 16-bit WAV (at the configured
     * rate); returns how many.
     */
    static int writeClips(Config config, Path dir) throws IOException {
        Files.createDirectories(dir);
        int made = 0;
        for (String dataset : config.datasets()) {
            for (Clip clip : Corpus.load(dataset).clips()) {
                if (made == config.files()) return made;
                Audio a = AudioDecoder.readMono(clip.file());
                if (config.clipRate() > 0) a = Resampler.resample(a, config.clipRate());
                int n = (int) Math.round(CLIP_SECONDS * a.sampleRate());
                if (a.samples().length < n) continue;
                AudioWriter.writeWav(dir.resolve(String.format("%05d.wav", made)), new float[][]{Arrays.copyOf(a.samples(), n)},
                        a.sampleRate(), AudioWriter.Encoding.PCM_16);
                made++;
            }
        }
        if (made < config.files()) throw new IllegalArgumentException("only " + made + " clips of " + config.datasets() + " last 3 s or more");
        return made;
    }
}
