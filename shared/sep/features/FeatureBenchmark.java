package sep.features;

import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.Resampler;
import sep.data.Clip;
import sep.data.Corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Speed of the front end, as seconds of audio processed per second of wall time (a real-time factor), on one
 * thread and on all cores: the whole path (decode, resample, trim, log-mel), the log-mel alone on decoded audio,
 * decoding alone, and the resampler (48 to 16 kHz on the original RAVDESS files, 16 to 22.05 kHz, and the same
 * files converted to 48, 44.1, 24.414, 22.05 and 8 kHz, each to 16 kHz).
 */
public final class FeatureBenchmark {
    private FeatureBenchmark() {}

    /** Input rates timed on their way to 16 kHz; 24,414 Hz (a ratio of 12207/8000) stands for the awkward ones. */
    static final int[] USER_RATES = {48000, 44100, 24414, 22050, 8000};

    public record Config(List<String> datasets, PreprocessConfig preprocess, int repeats) {}

    public static Map<String, Object> run(Config config, Path dataDir) throws IOException {
        List<Clip> clips = config.datasets().stream().flatMap(d -> Corpus.load(d).clips().stream()).toList();
        List<Path> files = clips.stream().map(Clip::file).toList();
        Preprocessor preprocessor = new Preprocessor(config.preprocess());
        int cores = Runtime.getRuntime().availableProcessors();

        // Decode once to know the audio duration and to time the log-mel without decoding.
        List<Audio> decoded = files.parallelStream().map(FeatureBenchmark::read).toList();
        double audioSeconds = decoded.stream().mapToDouble(Audio::seconds).sum();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cores", cores);
        result.put("clips", files.size());
        result.put("audio_seconds", round(audioSeconds));
        result.put("config", config.preprocess());

        Consumer<Path> fullPath = f -> {
            try {
                preprocessor.process(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        // Warm up the JIT on a slice before timing anything.
        files.stream().limit(200).forEach(fullPath);

        result.put("logmel_realtime_factor_1_thread", round(audioSeconds / best(config.repeats(), () -> files.forEach(fullPath))));
        result.put("logmel_realtime_factor_all_threads", round(audioSeconds / best(config.repeats(), () -> parallel(cores, files, fullPath))));

        Consumer<Audio> melOnly = a -> preprocessor.logMel(a);
        result.put("logmel_only_realtime_factor_1_thread", round(audioSeconds / best(config.repeats(), () -> decoded.forEach(melOnly))));
        result.put("logmel_only_realtime_factor_all_threads",
                round(audioSeconds / best(config.repeats(), () -> parallel(cores, decoded, melOnly))));
        Consumer<Path> decodeOnly = FeatureBenchmark::read;
        result.put("decode_realtime_factor_1_thread", round(audioSeconds / best(config.repeats(), () -> files.forEach(decodeOnly))));

        Path originals = dataDir.resolve("ravdess-48k/Actor_24");
        if (Files.isDirectory(originals)) {
            List<Audio> at48k;
            try (Stream<Path> s = Files.list(originals)) {
                at48k = s.filter(p -> p.toString().endsWith(".wav")).sorted().map(FeatureBenchmark::read).toList();
            }
            double seconds48k = at48k.stream().mapToDouble(Audio::seconds).sum();
            at48k.forEach(a -> Resampler.resample(a, 16000));
            result.put("resample_clips", at48k.size());
            result.put("resample_audio_seconds", round(seconds48k));
            result.put("resample_48k_to_16k_realtime_factor_1_thread",
                    round(seconds48k / best(config.repeats(), () -> at48k.forEach(a -> Resampler.resample(a, 16000)))));
            List<Audio> at16k = at48k.stream().map(a -> Resampler.resample(a, 16000)).toList();
            at16k.forEach(a -> Resampler.resample(a, 22050));
            result.put("resample_16k_to_22050_realtime_factor_1_thread",
                    round(seconds48k / best(config.repeats(), () -> at16k.forEach(a -> Resampler.resample(a, 22050)))));
            // The rates users' files come at, each to the models' 16 kHz: the same clips, first converted to that rate.
            for (int rate : USER_RATES) {
                List<Audio> atRate = at48k.stream().map(a -> Resampler.resample(a, rate)).toList();
                atRate.forEach(a -> Resampler.resample(a, 16000));
                result.put("resample_" + rate + "_to_16k_realtime_factor_1_thread",
                        round(seconds48k / best(config.repeats(), () -> atRate.forEach(a -> Resampler.resample(a, 16000)))));
            }
        }
        return result;
    }

    private static Audio read(Path file) {
        try {
            return AudioDecoder.readMono(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void parallel(int threads, List<T> items, Consumer<T> work) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> items.parallelStream().forEach(work)).join();
        } finally {
            pool.shutdown();
        }
    }

    /** Best wall time of {@code repeats} runs, in seconds: the least disturbed by other work on the machine. */
    private static double best(int repeats, Runnable task) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < Math.max(1, repeats); i++) {
            long t0 = System.nanoTime();
            task.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
