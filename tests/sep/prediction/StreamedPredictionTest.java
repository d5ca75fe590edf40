package sep.prediction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.audio.AudioWriter;
import sep.audio.FlacBlockWriter;
import sep.audio.Resampler;
import sep.features.Preprocessor;
import sep.models.SavedModel;
import sep.util.Csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Long recordings are classified as they are read: the streamed paths give the rows the whole-file path gives, a
 * recording of hours is classified with a small heap, and a file that exhausts the heap fails alone.
 */
class StreamedPredictionTest {
    @TempDir
    static Path runs;

    @BeforeAll
    static void model() {
        System.setProperty("SEP_RUNS_DIR", runs.toString());
    }

    @AfterAll
    static void clear() {
        System.clearProperty("SEP_RUNS_DIR");
    }

    /** Real clips in several formats, and three of them joined by pauses (for the silence segmentation). */
    private static List<Path> clips(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(TestAudio.emodb("03a01Wa"));
        files.add(TestAudio.ravdess("03-01-05-02-01-01-01"));
        float[] sad = TestAudio.read(TestAudio.emodb("16b10Tb")).samples();
        float[] s96 = Resampler.resample(sad, 16000, 96000);
        Path hi = dir.resolve("sad-96k-stereo.wav");
        AudioWriter.writeWav(hi, new float[][]{s96, s96}, 96000, AudioWriter.Encoding.FLOAT_32);
        files.add(hi);
        float[] a = TestAudio.read(TestAudio.emodb("08a01Na")).samples(), b = TestAudio.read(TestAudio.emodb("11a02Fb")).samples();
        float[] joined = new float[a.length + sad.length + b.length + 2 * 16000];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(sad, 0, joined, a.length + 16000, sad.length);
        System.arraycopy(b, 0, joined, a.length + sad.length + 32000, b.length);
        Path talk = dir.resolve("talk.wav");
        TestAudio.writeWav(talk, joined, 16000);
        files.add(talk);
        // The same talk as a FLAC whose header does not give its length: read once to measure it.
        Path unknown = dir.resolve("talk-unknown-length.flac");
        int[] ints = new int[joined.length];
        for (int i = 0; i < ints.length; i++) ints[i] = Math.round(joined[i] * 32768f);
        FlacBlockWriter.write(unknown, 16000, 1, 16, ints.length, 0, (start, size) -> new int[][]{Arrays.copyOfRange(ints, (int) start, (int) start + size)});
        files.add(unknown);
        return files;
    }

    private static List<FileResult> classify(SavedModel saved, Segmentation segmentation, long wholeDecodeSamples, double longFileSeconds,
                                             List<Path> files) {
        Predictor p = new Predictor(saved.model(), new Preprocessor(saved.preprocess()), segmentation, wholeDecodeSamples, longFileSeconds);
        return p.classify(files.stream().map(f -> new AudioFiles.Found(f, null)).toList());
    }

    private static void assertSameRows(List<FileResult> expected, List<FileResult> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int f = 0; f < expected.size(); f++) {
            List<PredictionRow> e = expected.get(f).rows(), a = actual.get(f).rows();
            assertEquals(e.size(), a.size(), what + ": rows of " + expected.get(f).path());
            for (int r = 0; r < e.size(); r++) {
                PredictionRow x = e.get(r), y = a.get(r);
                String where = what + ": " + x.path() + " row " + r;
                assertEquals(x.status(), y.status(), where);
                assertEquals(x.scope(), y.scope(), where);
                assertEquals(x.startSeconds(), y.startSeconds(), 1e-9, where);
                assertEquals(x.endSeconds(), y.endSeconds(), 1e-9, where);
                assertEquals(x.durationSeconds(), y.durationSeconds(), 1e-9, where);
                assertEquals(x.emotion(), y.emotion(), where);
                assertArrayEquals(x.probabilities(), y.probabilities(), where);
            }
        }
    }

    /**
     * Short clips sent down the streamed paths (decoded in blocks; then classified whole or, as a long recording would
     * be, segment by segment as read) get exactly the rows of the whole-file path.
     */
    @Test
    void theStreamedPathsGiveTheRowsOfTheWholeFilePath(@TempDir Path dir) throws IOException {
        List<Path> files = clips(dir);
        try (SavedModel saved = SavedModel.load(QuickModel.modelDir())) {
            for (Segmentation s : List.of(Segmentation.none(), Segmentation.windows(1, 0.5), Segmentation.windows(2.5, 2.5),
                    Segmentation.silence(Segmentation.DEFAULT_TOP_DB, Segmentation.DEFAULT_MIN_PAUSE, Segmentation.DEFAULT_MIN_SEGMENT, 2))) {
                List<FileResult> whole = classify(saved, s, Predictor.WHOLE_DECODE_SAMPLES, Predictor.LONG_FILE_SECONDS, files);
                assertTrue(whole.stream().allMatch(r -> r.fileRow().isOk()), whole.toString());
                assertSameRows(whole, classify(saved, s, 0, Predictor.LONG_FILE_SECONDS, files), s.mode() + ", decoded in blocks");
                if (s.splits()) {
                    assertSameRows(whole, classify(saved, s, 0, 0.5, files), s.mode() + ", classified as read");
                }
            }
            // Without segmentation a long recording's one row is the summary of its windows of 3 s.
            List<FileResult> windows = classify(saved, Segmentation.windows(StreamedRecording.WINDOW_SECONDS, StreamedRecording.WINDOW_SECONDS),
                    Predictor.WHOLE_DECODE_SAMPLES, Predictor.LONG_FILE_SECONDS, files);
            List<FileResult> fileRows = windows.stream().map(r -> new FileResult(r.path(), List.of(r.fileRow()))).toList();
            assertSameRows(fileRows, classify(saved, Segmentation.none(), 0, 0.5, files), "long, no segmentation");
        }
    }

    /** {@code hours} of 16 kHz mono silence with a real clip every five minutes, as a FLAC. */
    static Path speechEveryFiveMinutes(Path file, double hours) throws IOException {
        float[] clip = TestAudio.read(TestAudio.emodb("03a01Wa")).samples();
        int[] speech = new int[clip.length];
        for (int i = 0; i < clip.length; i++) speech[i] = Math.round(clip[i] * 32768f);
        long every = 16000L * 300;
        long frames = (long) (hours * 3600 * 16000);
        FlacBlockWriter.write(file, 16000, 1, 16, frames, frames, (start, size) -> {
            int[] block = new int[size];
            boolean any = false;
            for (int i = 0; i < size; i++) {
                long inClip = (start + i) % every;
                if (inClip < speech.length) {
                    block[i] = speech[(int) inClip];
                    any = true;
                }
            }
            return any ? new int[][]{block} : null;
        });
        return file;
    }

    /** Two hours of 16 kHz speech and silence: 460 MB as floats, classified in a JVM of 256 MB beside a damaged file. */
    @Test
    void aRecordingOfHoursIsClassifiedWithASmallHeapAndABadFileFailsAlone(@TempDir Path dir) throws Exception {
        Path longFile = speechEveryFiveMinutes(dir.resolve("two-hours.flac"), 2);
        Path good = TestAudio.copy(TestAudio.emodb("08a01Na"), dir.resolve("a-good.wav"));
        byte[] whole = Files.readAllBytes(TestAudio.emodb("11a02Fb"));
        Path bad = dir.resolve("b-cut.wav");
        Files.write(bad, Arrays.copyOf(whole, 3000));
        Path good2 = TestAudio.copy(TestAudio.emodb("16b10Tb"), dir.resolve("z-good.wav"));

        Child none = child(dir, "256m", "none", List.of(good, bad, longFile, good2));
        assertEquals(1, none.exit(), none.output()); // the damaged file fails, the run goes on
        Map<String, List<String>> rows = none.rowsByPath();
        assertEquals(4, rows.size(), none.output());
        assertEquals("ok", rows.get(longFile.toString()).get(0), none.output());
        assertEquals("7200.000", rows.get(longFile.toString()).get(1));
        assertEquals("ok", rows.get(good.toString()).get(0));
        assertEquals("ok", rows.get(good2.toString()).get(0));
        assertTrue(rows.get(bad.toString()).get(0).startsWith("error: truncated"), rows.toString());
        assertTrue(none.peakRssMb() < 700, "peak RSS " + none.peakRssMb() + " MB");

        // A one-hour window cannot fit in 256 MB: that file fails with a reason, the files around it are classified.
        Child huge = child(dir, "256m", "window:3600:3600", List.of(good, longFile, good2));
        assertEquals(1, huge.exit(), huge.output());
        Map<String, List<String>> hugeRows = huge.rowsByPath();
        assertTrue(hugeRows.get(longFile.toString()).get(0).startsWith("error: out of memory"), huge.output());
        assertEquals("ok", hugeRows.get(good.toString()).get(0));
        assertEquals("ok", hugeRows.get(good2.toString()).get(0));
    }

    /**
     * The files before a long recording in the same batch are handed on (and written) before it is read, not when the
     * whole batch is done: a recording that takes minutes does not hold finished rows back.
     */
    @Test
    void filesBeforeALongRecordingAreHandedOnBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path longFile = speechEveryFiveMinutes(dir.resolve("c-one-hour.flac"), 1);
        List<AudioFiles.Found> items = List.of(new AudioFiles.Found(TestAudio.emodb("08a01Na"), null),
                new AudioFiles.Found(TestAudio.emodb("16b10Tb"), null), new AudioFiles.Found(longFile, null));
        try (SavedModel saved = SavedModel.load(QuickModel.modelDir())) {
            Predictor predictor = new Predictor(saved, Segmentation.none());
            predictor.classify(items.subList(0, 2)); // warm up, so that the timing below is the long file's
            List<Long> handedOn = new ArrayList<>();
            List<FileResult> results = new ArrayList<>();
            long t0 = System.nanoTime();
            ParallelClassifier.run(items.iterator(), predictor, 1, ParallelClassifier.DEFAULT_BATCH, r -> {
                handedOn.add(System.nanoTime());
                results.add(r);
            });
            assertEquals(3, results.size());
            assertTrue(results.stream().allMatch(r -> r.fileRow().isOk()), results.toString());
            long shortFiles = handedOn.get(1) - t0, longFileTime = handedOn.get(2) - handedOn.get(1);
            assertTrue(longFileTime > shortFiles, "the short files' rows came " + shortFiles / 1_000_000 + " ms after the start, the long "
                    + "file's " + longFileTime / 1_000_000 + " ms after them: they did not wait for it");
        }
    }

    record Child(int exit, String output, Path csv, long peakRssMb) {
        /** Status and duration of each file row, by path. */
        Map<String, List<String>> rowsByPath() throws IOException {
            List<Csv.Record> records = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
            List<String> header = records.get(0).fields();
            Map<String, List<String>> out = new java.util.LinkedHashMap<>();
            for (Csv.Record r : records.subList(1, records.size())) {
                List<String> f = r.fields();
                if (!f.get(header.indexOf("scope")).equals("file")) continue;
                out.put(f.get(0), List.of(f.get(header.indexOf("status")), f.get(header.indexOf("duration_s"))));
            }
            return out;
        }
    }

    /** Runs sep-predict's {@link PredictRun} in a JVM of its own with the given heap ({@link PredictInChildJvm}). */
    static Child child(Path dir, String heap, String segmentation, List<Path> files) throws Exception {
        Path csv = Files.createTempFile(dir, "rows", ".csv");
        Files.delete(csv);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"), "-DSEP_RUNS_DIR=" + runs, PredictInChildJvm.class.getName(),
                QuickModel.run().toString(), csv.toString(), segmentation));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        long rss = -1;
        for (String line : output.split("\n")) if (line.startsWith("peak_rss_mb=")) rss = Long.parseLong(line.substring(12).trim());
        return new Child(p.exitValue(), output, csv, rss);
    }
}
