package sep.prediction;

import sep.audio.AudibleSound;
import sep.cli.UsageException;
import sep.models.SavedModel;
import sep.runs.RunFolder;
import sep.util.Progress;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code sep-predict}: classifies every audio file under the given paths with one model and writes a row per file (and
 * per segment), a readable table and a run folder whose manifest records the model, the settings and the counts.
 *
 * <p>Nothing is written beside the user's audio: rows go to {@code --out} (or the run folder's
 * {@code predictions.csv}), everything else to the run folder.
 */
public final class PredictRun {
    private PredictRun() {}

    /** Most worker threads accepted: more than this is a typo, not a machine. */
    public static final int MAX_THREADS = 1024;

    /**
     * Validated {@code sep-predict} options; a wrong one is a {@link UsageException} (exit status 2).
     *
     * @param model     {@code --model} value (run id or folder), or null for the default model
     * @param out       output file (.csv or .json), or null for {@code predictions.csv} in the run folder
     * @param resume    keep the files {@code out} already has (failed ones are tried again) and classify the rest
     * @param overwrite replace an existing {@code out}
     * @param threads   worker threads (0 = one per core)
     */
    public record Config(List<String> paths, String model, Path out, boolean resume, boolean overwrite, Segmentation segmentation,
                         int threads, boolean table) {
        public Config {
            if (paths == null || paths.isEmpty()) throw new UsageException("name at least one audio file or folder");
            paths = List.copyOf(paths);
            for (String p : paths) if (p == null || p.isBlank()) throw new UsageException("an empty path was given; name a file or folder");
            if (resume && out == null) throw new UsageException("--resume continues an --out file: name it");
            if (resume && overwrite) {
                throw new UsageException("--resume keeps the rows of --out, --force replaces them: give one, not both");
            }
            if (out != null) PredictionOutput.formatOf(out);
            if (segmentation == null) throw new UsageException("a segmentation is needed (Segmentation.none() for whole files)");
            if (threads < 0 || threads > MAX_THREADS) {
                throw new UsageException("--threads must be 0 (one per core) to " + MAX_THREADS + ", got " + threads);
            }
        }

        public int workerThreads() {
            return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        }
    }

    /**
     * Counts of one run; {@code skipped} files were finished by an earlier run of the same output; {@code repeated}
     * names were given up because they named a file already listed.
     */
    public record Result(long classified, long silent, long tooShort, long failed, long skipped, long passedOver, long repeated,
                         String model, Path output, Path runDir, double seconds) {
        /**
         * E.g. {@code "1975 classified, 3 failed"}; silent, too short, resumed, repeated and passed-over files are added
         * when there are any.
         */
        public String summaryLine() {
            StringBuilder sb = new StringBuilder().append(classified).append(" classified");
            if (silent > 0) sb.append(", ").append(silent).append(" silent");
            if (tooShort > 0) sb.append(", ").append(tooShort).append(" too short to judge (under ").append(AudibleSound.MIN_SECONDS)
                    .append(" s of sound)");
            sb.append(", ").append(failed).append(" failed");
            if (skipped > 0) sb.append(" (").append(skipped).append(" done earlier, skipped)");
            if (repeated > 0) sb.append("; ").append(repeated).append(repeated == 1 ? " file was" : " files were").append(" named twice, classified once");
            if (passedOver > 0) sb.append("; ").append(passedOver).append(" non-audio file").append(passedOver == 1 ? "" : "s").append(" passed over");
            return sb.toString();
        }

        /** 0 when every file was read (silent and too-short files were read); 1 when any failed. */
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
                counts.put("too_short", result.tooShort());
                counts.put("failed", result.failed());
                counts.put("skipped_done_earlier", result.skipped());
                counts.put("non_audio_passed_over", result.passedOver());
                counts.put("named_twice_classified_once", result.repeated());
                counts.put("files_per_second", result.seconds() > 0
                        ? (result.classified() + result.silent() + result.tooShort() + result.failed()) / result.seconds() : null);
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
        // Rows name files by absolute paths: an output read (or resumed) from another folder still means the same files.
        AudioFiles files = new AudioFiles(config.paths().stream().map(PredictRun::absolute).toList());
        // A resumed run tries again the files it meets that failed before; it must know which files it will meet.
        Set<String> meets = new HashSet<>();
        long total = files.count(f -> { if (config.resume()) meets.add(AudioFiles.identity(f.path())); });
        Predictor predictor = new Predictor(saved, config.segmentation());
        long[] counts = new long[5]; // classified, silent, too short, failed, skipped
        long t0 = System.nanoTime();
        try (PredictionOutput writer = PredictionOutput.open(output, saved.labels(), modelId, config.resume(), config.overwrite(),
                meets::contains);
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
                else if (row.isTooShort()) counts[2]++;
                else counts[3]++;
                if (config.table()) table.print(result);
                else if (row.isError()) out.println(row.path() + ": " + row.status());
                progress.step(1);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Result result = new Result(counts[0], counts[1], counts[2], counts[3], counts[4], files.passedOver(), files.repeated(), modelId,
                output, run.dir(), seconds);
        out.println(result.summaryLine());
        out.println("rows: " + output + "   run: " + run.dir());
        return result;
    }

    /** A path as the user named it, absolute, with {@code ..} folded away unless a link makes the folded name another place. */
    static Path absolute(String named) {
        Path absolute = Path.of(named).toAbsolutePath();
        Path folded = absolute.normalize();
        try {
            return Files.isSameFile(absolute, folded) ? folded : absolute;
        } catch (IOException e) {
            return folded; // does not exist: its row says so under the plainest name
        }
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
                    if (writer.done().contains(AudioFiles.identity(f.path()))) {
                        counts[4]++;
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
