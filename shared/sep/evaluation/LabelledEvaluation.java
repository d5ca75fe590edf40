package sep.evaluation;

import sep.cli.UsageException;
import sep.data.DatasetVerifier;
import sep.models.SavedModel;
import sep.prediction.AudioFiles;
import sep.prediction.FileResult;
import sep.prediction.ModelRef;
import sep.prediction.ParallelClassifier;
import sep.prediction.PredictRun;
import sep.prediction.PredictionRow;
import sep.prediction.Predictor;
import sep.prediction.Segmentation;
import sep.runs.RunFolder;
import sep.util.Csv;
import sep.util.Files2;
import sep.util.Progress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * {@code sep-eval --labels}: scores a model on any labelled audio, through exactly the path {@code sep-predict} takes
 * (the model's own preprocessing), and writes the project's one report format ({@link EvaluationReport}) into a run
 * folder {@code runs/<stamp>-eval-<csv name>/}.
 *
 * <p>Clips the model was trained or validated on (same content hash as in its {@code training_clips.txt}) are left
 * out by default and counted: a score on them proves nothing. {@code --include-seen} keeps them, and the report's
 * title and manifest then say so. Files that cannot be read or are silent are listed in {@code failed.csv}, left out
 * of the score, and make the exit status 1.
 */
public final class LabelledEvaluation {
    private LabelledEvaluation() {}

    public record Config(String model, Path labels, List<String> map, boolean includeSeen, int threads) {
        public Config {
            if (labels == null) throw new UsageException("--labels needs a CSV of path,label rows");
            map = map == null ? List.of() : List.copyOf(map);
            if (threads < 0 || threads > PredictRun.MAX_THREADS) {
                throw new UsageException("--threads must be 0 (one per core) to " + PredictRun.MAX_THREADS + ", got " + threads);
            }
        }
    }

    /**
     * @param seen   clips the model had seen in training
     * @param scored clips in the metrics ({@code seen} among them only with {@code --include-seen})
     */
    public record Result(Metrics metrics, int rows, int dropped, int seen, int scored, int failed, boolean includesSeen, Path runDir) {
        public int exitCode() {
            return failed > 0 ? 1 : 0;
        }
    }

    public static Result run(Config config, PrintStream out, Progress.Factory progress) throws IOException {
        ModelRef ref = ModelRef.resolve(config.model());
        try (SavedModel saved = ref.load()) {
            out.println("using " + ref.describe(saved));
            List<String> labels = saved.labels();
            LabelsFile.Contents contents = LabelsFile.read(config.labels(), LabelsFile.parseMap(config.map(), labels), labels);
            for (String warning : contents.warnings()) out.println("warning: " + warning);
            List<LabelsFile.Entry> entries = contents.entries();
            boolean[] seen = seenInTraining(entries, saved, config.threads());
            int seenCount = 0;
            for (boolean s : seen) if (s) seenCount++;
            List<LabelsFile.Entry> toScore = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) if (config.includeSeen() || !seen[i]) toScore.add(entries.get(i));
            if (toScore.isEmpty()) {
                throw new IllegalArgumentException(config.labels() + ": all " + entries.size() + " clips were used to train or validate "
                        + ref.id() + "; a score on them proves nothing. Score clips of other speakers, or add --include-seen to "
                        + "score them anyway (reported as seen)");
            }
            if (seenCount > 0) {
                out.println(String.format(Locale.ROOT, "note: %d of %d clips were used to train or validate this model; %s", seenCount,
                        entries.size(), config.includeSeen() ? "they are INCLUDED (--include-seen): the numbers are not a held-out result"
                                : "they are left out of the score (--include-seen keeps them)"));
            }

            Map<String, Object> manifestConfig = new LinkedHashMap<>();
            manifestConfig.put("model", ref.dir().toString());
            manifestConfig.put("model_id", ref.id());
            manifestConfig.put("labels", config.labels().toAbsolutePath().normalize().toString());
            manifestConfig.put("labels_sha256", DatasetVerifier.sha256(config.labels()));
            manifestConfig.put("map", config.map());
            manifestConfig.put("include_seen", config.includeSeen());
            String name = config.labels().getFileName().toString().replaceFirst("\\.[^.]*$", "");
            RunFolder run = RunFolder.create("eval", name, manifestConfig, 0);
            try {
                Result result = score(config, saved, ref, contents, toScore, seenCount, run, out, progress);
                run.finish(result.failed() > 0 ? "ok, " + result.failed() + " failed" : "ok");
                return result;
            } catch (IOException | RuntimeException e) {
                run.finish("failed: " + e.getMessage());
                throw e;
            }
        }
    }

    private static Result score(Config config, SavedModel saved, ModelRef ref, LabelsFile.Contents contents,
                                List<LabelsFile.Entry> toScore, int seenCount, RunFolder run, PrintStream out,
                                Progress.Factory progressFactory) throws IOException {
        List<String> labels = saved.labels();
        List<EvaluationReport.Prediction> predictions = new ArrayList<>();
        StringBuilder failed = new StringBuilder("path,line,reason\n");
        int[] failures = {0};
        Predictor predictor = new Predictor(saved, Segmentation.none());
        int threads = config.threads() == 0 ? Runtime.getRuntime().availableProcessors() : config.threads();
        Iterator<AudioFiles.Found> items = toScore.stream().map(e -> new AudioFiles.Found(e.file(), null)).iterator();
        // Entries are consumed in order, so the i-th result belongs to the i-th entry (LabelsFile lists each file once).
        Iterator<LabelsFile.Entry> owners = toScore.iterator();
        try (Progress progress = progressFactory.start("score", toScore.size(), "files")) {
            ParallelClassifier.run(items, predictor, threads, ParallelClassifier.DEFAULT_BATCH, (FileResult r) -> {
                LabelsFile.Entry entry = owners.next();
                PredictionRow row = r.fileRow();
                if (row.isOk()) {
                    predictions.add(new EvaluationReport.Prediction(entry.written(), labels.indexOf(entry.label()), row.probabilities()));
                } else {
                    failures[0]++;
                    String reason = row.isError() ? row.status().substring(PredictionRow.ERROR_PREFIX.length()) : row.status();
                    failed.append(Csv.line(List.of(entry.written(), Integer.toString(entry.line()), reason))).append('\n');
                    out.println(entry.written() + " (line " + entry.line() + "): " + reason);
                }
                progress.step(1);
            });
        }
        if (failures[0] > 0) Files2.writeAtomically(run.file("failed.csv"), failed.toString().getBytes(StandardCharsets.UTF_8));
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException(config.labels() + ": none of the " + toScore.size() + " files could be classified (see "
                    + run.file("failed.csv") + ")");
        }
        boolean includesSeen = config.includeSeen() && seenCount > 0;
        String title = saved.model().kind() + " on " + contents.csv().getFileName() + (includesSeen ? " (INCLUDES " + seenCount
                + " clips seen in training)" : "");
        Metrics metrics = EvaluationReport.write(run.dir(), "", title, labels, predictions);

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("rows_after_map", contents.entries().size());
        counts.put("left_out_by_map", contents.droppedByLabel());
        counts.put("seen_in_training", seenCount);
        counts.put("seen_in_training_included", includesSeen);
        counts.put("failed", failures[0]);
        counts.put("scored", predictions.size());
        run.data("labels_file", counts);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("n", metrics.total());
        summary.put("wa", metrics.wa());
        summary.put("ua", metrics.ua());
        summary.put("macro_f1", metrics.macroF1());
        summary.put("held_out", !includesSeen);
        run.put("summary", summary);

        out.println(report(metrics, includesSeen));
        out.println(String.format(Locale.ROOT, "%d scored, %d failed%s%s", predictions.size(), failures[0],
                seenCount > 0 ? ", " + seenCount + " seen in training " + (includesSeen ? "(included)" : "(left out)") : "",
                contents.dropped() > 0 ? ", " + contents.dropped() + " left out by --map" : ""));
        out.println("report: " + run.dir());
        return new Result(metrics, contents.entries().size() + contents.dropped(), contents.dropped(), seenCount, predictions.size(),
                failures[0], includesSeen, run.dir());
    }

    /** The metrics as a few readable lines: WA, UA, macro-F1, then recall per class. */
    public static String report(Metrics m, boolean includesSeen) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "WA %.1f%%  UA %.1f%%  macro-F1 %.1f%%  (n=%d)%s", 100 * m.wa(),
                100 * m.ua(), 100 * m.macroF1(), m.total(), includesSeen ? "  INCLUDES CLIPS SEEN IN TRAINING: not a held-out result" : ""));
        sb.append("\nrecall:");
        for (int c = 0; c < m.labels().size(); c++) {
            sb.append(' ').append(m.labels().get(c)).append(' ');
            sb.append(Double.isNaN(m.recall()[c]) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * m.recall()[c]));
            sb.append(" (").append(m.support()[c]).append(')');
        }
        return sb.toString();
    }

    /** Whether each file's content is one the model was trained or validated on. */
    private static boolean[] seenInTraining(List<LabelsFile.Entry> entries, SavedModel saved, int threads) {
        boolean[] seen = new boolean[entries.size()];
        if (saved.trainingHashes().isEmpty()) return seen;
        ForkJoinPool pool = new ForkJoinPool(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        try {
            pool.submit(() -> java.util.stream.IntStream.range(0, entries.size()).parallel().forEach(i -> {
                try {
                    seen[i] = saved.trainingHashes().contains(DatasetVerifier.sha256(entries.get(i).file()));
                } catch (IOException e) {
                    seen[i] = false; // unreadable: the classifier reports why
                }
            })).join();
        } finally {
            pool.shutdown();
        }
        return seen;
    }
}
