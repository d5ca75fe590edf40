package sep.prediction;

import sep.models.SavedModel;
import sep.runs.RunFolder;
import sep.util.Progress;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code sep-predict}: classifies every audio file under the given paths with one model and writes a row per file (and
 * per segment), a readable table and a run folder whose manifest records the model, the settings and the counts.
 *
 * <p>Nothing is written beside the user's audio: rows go to {@code --out} (or the run folder's
 * {@code predictions.csv}), everything else to the run folder.
 */
public final class PredictRun {
    private PredictRun() {}

    /**
     * @param model   {@code --model} value (run id or folder), or null for the default model
     * @param out     output file (.csv or .json), or null for {@code predictions.csv} in the run folder
     * @param threads worker threads (0 = one per core)
     */
    public record Config(List<String> paths, String model, Path out, boolean resume, boolean overwrite, Segmentation segmentation,
                         int threads, boolean table) {
        public Config {
            if (paths == null || paths.isEmpty()) throw new IllegalArgumentException("name at least one audio file or folder");
            paths = List.copyOf(paths);
            if (resume && out == null) throw new IllegalArgumentException("--resume continues an --out file: name it");
            if (threads < 0) throw new IllegalArgumentException("--threads must be >= 0 (0 = one per core), got " + threads);
        }

        public int workerThreads() {
            return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        }
    }

    /** Counts of one run; {@code skipped} files were finished by an earlier run of the same output. */
    public record Result(long classified, long silent, long failed, long skipped, long passedOver, String model, Path output,
                         Path runDir, double seconds) {
        /** E.g. {@code "1975 classified, 3 failed"}; silent, resumed and passed-over files are added when there are any. */
        public String summaryLine() {
            StringBuilder sb = new StringBuilder().append(classified).append(" classified");
            if (silent > 0) sb.append(", ").append(silent).append(" silent");
            sb.append(", ").append(failed).append(" failed");
            if (skipped > 0) sb.append(" (").append(skipped).append(" done earlier, skipped)");
            if (passedOver > 0) sb.append("; ").append(passedOver).append(" non-audio file").append(passedOver == 1 ? "" : "s").append(" passed over");
            return sb.toString();
        }

        /** 0 when every file was read; 1 when any failed. */
        public int exitCode() {
            return failed > 0 ? 1 : 0;
        }
    }

    public static Result run(Config config, PrintStream out, Progress.Factory progressFactory) throws IOException {
        ModelRef ref = ModelRef.resolve(config.model());
        try (SavedModel saved = ref.load()) {
            out.println("using " + ref.describe(saved));
            Map<String, Object> manifestConfig = new LinkedHashMap<>();
            manifestConfig.put("paths", config.paths().stream().map(p -> Path.of(p).toAbsolutePath().normalize().toString()).toList());
            manifestConfig.put("model", ref.dir().toString());
            manifestConfig.put("model_id", ref.id());
            manifestConfig.put("out", config.out() == null ? null : config.out().toAbsolutePath().normalize().toString());
            manifestConfig.put("resume", config.resume());
            manifestConfig.put("segmentation", config.segmentation());
            manifestConfig.put("threads", config.workerThreads());
            RunFolder run = RunFolder.create("predict", saved.model().kind(), manifestConfig, 0);
            run.put("model", Map.of("id", ref.id(), "kind", saved.model().kind(), "labels", saved.labels(), "default", ref.isDefault()));
            Path output = config.out() != null ? config.out() : run.file("predictions.csv");
            try {
                Result result = classifyAll(config, saved, ref.id(), output, run, out, progressFactory);
                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("classified", result.classified());
                counts.put("silent", result.silent());
                counts.put("failed", result.failed());
                counts.put("skipped_done_earlier", result.skipped());
                counts.put("non_audio_passed_over", result.passedOver());
                counts.put("files_per_second", result.seconds() > 0
                        ? (result.classified() + result.silent() + result.failed()) / result.seconds() : null);
                run.put("summary", counts);
                run.put("output", output.toAbsolutePath().normalize().toString());
                run.finish(result.failed() > 0 ? "ok, " + result.failed() + " failed" : "ok");
                return result;
            } catch (IOException | RuntimeException e) {
                run.finish("failed: " + e.getMessage());
                throw e;
            }
        }
    }

    private static Result classifyAll(Config config, SavedModel saved, String modelId, Path output, RunFolder run, PrintStream out,
                                      Progress.Factory progressFactory) throws IOException {
        AudioFiles files = new AudioFiles(config.paths().stream().map(Path::of).toList());
        long total = files.count();
        Predictor predictor = new Predictor(saved, config.segmentation());
        long[] counts = new long[4]; // classified, silent, failed, skipped
        long t0 = System.nanoTime();
        try (PredictionOutput writer = PredictionOutput.open(output, saved.labels(), modelId, config.resume(), config.overwrite());
             Progress progress = progressFactory.start("classify", total, "files")) {
            // Interactive: table lines go through the progress reporter so they do not tear its redrawn line.
            boolean interactive = System.console() != null && out == System.out;
            PredictionTable table = new PredictionTable(config.segmentation().splits(),
                    line -> { if (interactive) progress.message(line); else out.println(line); });
            if (config.table()) table.header();
            Iterator<AudioFiles.Found> todo = skipDone(files.iterator(), writer, progress, counts);
            ParallelClassifier.run(todo, predictor, config.workerThreads(), ParallelClassifier.DEFAULT_BATCH, result -> {
                try {
                    writer.write(result);
                } catch (IOException e) {
                    throw new UncheckedIOException(output + ": cannot write: " + e.getMessage(), e);
                }
                PredictionRow row = result.fileRow();
                if (row.isOk()) counts[0]++;
                else if (row.isSilent()) counts[1]++;
                else counts[2]++;
                if (config.table()) table.print(result);
                else if (row.isError()) out.println(row.path() + ": " + row.status());
                progress.step(1);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Result result = new Result(counts[0], counts[1], counts[2], counts[3], files.passedOver(), modelId, output, run.dir(), seconds);
        out.println(result.summaryLine());
        out.println("rows: " + output + "   run: " + run.dir());
        return result;
    }

    /** The items not finished by an earlier run of the same output; finished ones count as skipped progress. */
    private static Iterator<AudioFiles.Found> skipDone(Iterator<AudioFiles.Found> all, PredictionOutput writer, Progress progress,
                                                       long[] counts) {
        if (writer.done().isEmpty()) return all;
        return new Iterator<>() {
            private AudioFiles.Found next;

            @Override
            public boolean hasNext() {
                while (next == null && all.hasNext()) {
                    AudioFiles.Found f = all.next();
                    if (writer.done().contains(f.path().toString())) {
                        counts[3]++;
                        progress.skip(1);
                    } else {
                        next = f;
                    }
                }
                return next != null;
            }

            @Override
            public AudioFiles.Found next() {
                if (!hasNext()) throw new NoSuchElementException();
                AudioFiles.Found f = next;
                next = null;
                return f;
            }
        };
    }

}
