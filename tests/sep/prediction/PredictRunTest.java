package sep.prediction;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.audio.Audio;
import sep.audio.AudioWriter;
import sep.audio.Segmenter;
import sep.audio.SilenceTrimmer;
import sep.cli.UsageException;
import sep.models.SavedModel;
import sep.util.Csv;
import sep.util.Json;
import sep.util.Progress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** sep-predict end to end with a small trained model, on real clips in mixed formats, bad files and long recordings. */
class PredictRunTest {
    @TempDir
    static Path runs;
    static List<String> labels;
    static String modelId;

    @BeforeAll
    static void model() throws IOException {
        System.setProperty("SEP_RUNS_DIR", runs.toString());
        try (SavedModel saved = SavedModel.load(QuickModel.modelDir())) {
            labels = saved.labels();
        }
        modelId = ModelRef.resolve(QuickModel.run().toString()).id();
    }

    @AfterAll
    static void clear() {
        System.clearProperty("SEP_RUNS_DIR");
    }

    record Run(PredictRun.Result result, String console) {}

    static Run predict(List<Path> paths, Path out, boolean resume, boolean force, Segmentation segmentation, int threads) throws IOException {
        return predictNamed(paths.stream().map(Path::toString).toList(), out, resume, force, segmentation, threads);
    }

    /** As {@link #predict}, with the paths spelled as a user typed them. */
    static Run predictNamed(List<String> paths, Path out, boolean resume, boolean force, Segmentation segmentation, int threads)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var config = new PredictRun.Config(paths, QuickModel.run().toString(), out, resume, force, segmentation, threads, true);
        PredictRun.Result result = PredictRun.run(config, console, Progress.Factory.QUIET);
        return new Run(result, bytes.toString(StandardCharsets.UTF_8));
    }

    /** Data rows of a CSV output, keyed by column name. */
    static List<Map<String, String>> rows(Path csv) throws IOException {
        List<Csv.Record> records = Csv.parse(Files.readString(csv));
        assertEquals(PredictionOutput.columns(labels), records.get(0).fields());
        List<Map<String, String>> out = new ArrayList<>();
        for (Csv.Record r : records.subList(1, records.size())) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < r.fields().size(); i++) m.put(records.get(0).fields().get(i), r.fields().get(i));
            out.add(m);
        }
        return out;
    }

    static double[] probabilities(Map<String, String> row) {
        return labels.stream().mapToDouble(l -> Double.parseDouble(row.get("p_" + l))).toArray();
    }

    static Map<Path, Long> snapshot(Path dir) throws IOException {
        Map<Path, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) m.put(p, Files.isRegularFile(p) ? Files.size(p) : -1);
        }
        return m;
    }

    @Test
    void mixedFormatsInNestedFoldersGiveOneRowPerFileAndNothingIsWrittenBesideTheAudio(@TempDir Path tmp) throws IOException {
        Path audio = tmp.resolve("my recordings");
        Map<Path, Path> made = TestAudio.mixedFolder(audio);
        Map<Path, Long> before = snapshot(audio);
        Path out = tmp.resolve("out/emotions.csv");
        Run run = predict(List.of(audio), out, false, false, Segmentation.none(), 2);

        assertEquals(0, run.result().exitCode(), run.console());
        assertEquals(made.size(), run.result().classified());
        assertEquals(1, run.result().passedOver(), "notes.txt");
        assertTrue(run.console().contains(made.size() + " classified, 0 failed"), run.console());
        assertEquals(before, snapshot(audio), "nothing may be written beside the user's audio");
        List<String> header = Csv.parse(Files.readString(out)).get(0).fields();
        assertEquals(List.of("path", "start_s", "end_s", "emotion", "confidence"), header.subList(0, 5), "CONVENTIONS' columns first");
        assertEquals("status", header.get(5 + labels.size()));

        List<Map<String, String>> rows = rows(out);
        assertEquals(made.size(), rows.size());
        Map<String, Map<String, String>> byPath = new HashMap<>();
        for (Map<String, String> r : rows) {
            byPath.put(r.get("path"), r);
            assertEquals("ok", r.get("status"));
            assertEquals("file", r.get("scope"));
            assertEquals(modelId, r.get("model"));
            double[] p = probabilities(r);
            assertEquals(1.0, java.util.Arrays.stream(p).sum(), 2e-3);
            int best = PredictionRow.argmax(p);
            assertEquals(labels.get(best), r.get("emotion"));
            assertEquals(p[best], Double.parseDouble(r.get("confidence")), 1e-9);
            assertEquals(r.get("duration_s"), r.get("end_s"));
            assertTrue(run.console().contains(r.get("path")), "the table names every file");
        }
        // Each copy is classified as its original: exactly when the samples are the same (AIFF, 24-bit, AIFF named .wav).
        Path originalsOut = tmp.resolve("originals.csv");
        List<Path> originals = new ArrayList<>(new java.util.LinkedHashSet<>(made.values()));
        Map<String, Map<String, String>> originalRows = new HashMap<>();
        predict(originals, originalsOut, false, false, Segmentation.none(), 1);
        for (Map<String, String> r : rows(originalsOut)) originalRows.put(r.get("path"), r);
        for (Map.Entry<Path, Path> e : made.entrySet()) {
            Map<String, String> copy = byPath.get(e.getKey().toString());
            Map<String, String> original = originalRows.get(e.getValue().toString());
            assertNotNull(copy, e.getKey().toString());
            assertEquals(Double.parseDouble(original.get("duration_s")), Double.parseDouble(copy.get("duration_s")), 1e-3, e.getKey().toString());
            double[] a = probabilities(copy), b = probabilities(original);
            if (e.getKey().toString().contains("96k")) {
                double l1 = 0;
                for (int i = 0; i < a.length; i++) l1 += Math.abs(a[i] - b[i]);
                assertTrue(l1 < 0.15, "96 kHz stereo float copy of " + e.getValue() + " differs by " + l1);
            } else {
                assertArrayEquals(b, a, 1e-12, e.getKey() + " holds the same samples as " + e.getValue());
            }
        }
        // One thread or two: the same rows in the same order.
        Path oneThread = tmp.resolve("one-thread.csv");
        predict(List.of(audio), oneThread, false, false, Segmentation.none(), 1);
        assertEquals(Files.readString(out), Files.readString(oneThread));
    }

    @Test
    void jsonOutputHasTheSameFieldsOneObjectPerRow(@TempDir Path tmp) throws IOException {
        Path broken = Files.write(tmp.resolve("broken.wav"), new byte[]{'R', 'I', 'F', 'F', 1, 2});
        List<Path> inputs = List.of(TestAudio.emodb("12a01Fb"), broken, TestAudio.ravdess("03-01-05-02-01-01-13"));
        Path csv = tmp.resolve("p.csv"), json = tmp.resolve("p.json");
        predict(inputs, csv, false, false, Segmentation.none(), 2);
        Run run = predict(inputs, json, false, false, Segmentation.none(), 2);
        assertEquals(1, run.result().exitCode());
        JsonNode array = Json.read(json);
        List<Map<String, String>> csvRows = rows(csv);
        assertEquals(3, array.size());
        assertEquals(Files.readAllLines(json).size(), 2 + array.size(), "one object per line between the brackets");
        for (int i = 0; i < array.size(); i++) {
            JsonNode o = array.get(i);
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            assertEquals(PredictionOutput.columns(labels), names);
            for (String c : names) {
                String fromCsv = csvRows.get(i).get(c);
                if (fromCsv.isEmpty()) assertTrue(o.get(c).isNull(), c + " of row " + i);
                else if (o.get(c).isNumber()) assertEquals(Double.parseDouble(fromCsv), o.get(c).asDouble(), 0, c);
                else assertEquals(fromCsv, o.get(c).asText(), c);
            }
        }
        assertTrue(array.get(1).get("status").asText().startsWith("error: truncated"), array.get(1).toString());
        assertTrue(array.get(1).get("emotion").isNull());
    }

    @Test
    void badFilesAreReportedWithTheirReasonAndTheRunGoesOn(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        TestAudio.copy(TestAudio.emodb("03a01Wa"), dir.resolve("good.wav"));
        Files.write(dir.resolve("empty.wav"), new byte[0]);
        byte[] real = Files.readAllBytes(TestAudio.emodb("08a01Na"));
        Files.write(dir.resolve("truncated.wav"), java.util.Arrays.copyOf(real, 2000));
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        Files.write(dir.resolve("random.wav"), noise);
        byte[] mp3 = new byte[400];
        System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, mp3, 0, 3);
        mp3[3] = 4;
        Files.write(dir.resolve("song.mp3"), mp3);
        Files.createDirectories(dir.resolve("folder.wav"));
        AudioWriter.writeWav(dir.resolve("silence.wav"), new float[][]{new float[32000]}, 16000, AudioWriter.Encoding.PCM_16);
        Path locked = TestAudio.copy(TestAudio.emodb("03a01Fa"), dir.resolve("locked.wav"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        // Root reads any file: the permission case is then checked only for its message, below.
        boolean lockedIsUnreadable = !Files.isReadable(locked);

        Path out = tmp.resolve("preds.csv");
        Run run = predict(List.of(dir), out, false, false, Segmentation.none(), 2);
        Map<String, String> status = new TreeMap<>();
        Map<String, Map<String, String>> byName = new HashMap<>();
        for (Map<String, String> r : rows(out)) {
            String name = Path.of(r.get("path")).getFileName().toString();
            status.put(name, r.get("status"));
            byName.put(name, r);
        }
        assertEquals("ok", status.get("good.wav"));
        assertEquals("silent", status.get("silence.wav"));
        assertEquals("", byName.get("silence.wav").get("emotion"), "no confident label for silence");
        assertEquals("", byName.get("silence.wav").get("p_" + labels.get(0)));
        assertEquals("error: empty file (0 bytes)", status.get("empty.wav"));
        assertTrue(status.get("truncated.wav").startsWith("error: truncated"), status.get("truncated.wav"));
        assertTrue(status.get("random.wav").startsWith("error: not a WAV, AIFF or FLAC file"), status.get("random.wav"));
        assertTrue(status.get("song.mp3").startsWith("error: MP3 is not supported"), status.get("song.mp3"));
        assertEquals("error: is a directory, not an audio file", status.get("folder.wav"));
        int failed = 5;
        if (lockedIsUnreadable) {
            assertEquals("error: cannot read file: permission denied", status.get("locked.wav"));
            failed++;
        } else {
            assertEquals("ok", status.get("locked.wav"));
        }
        assertEquals(failed, run.result().failed());
        assertEquals(1, run.result().silent());
        assertEquals(1, run.result().exitCode(), "failures make the exit status non-zero");
        assertTrue(run.console().contains((8 - failed - 1) + " classified, 1 silent, " + failed + " failed"), run.console());
        assertTrue(run.console().contains(dir.resolve("empty.wav") + "") && run.console().contains("empty file (0 bytes)"), run.console());
    }

    @Test
    void anInterruptedRunResumesWhereItStopped(@TempDir Path tmp) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(TestAudio.emodb("03a01Fa").getParent())) {
            s.sorted().filter(p -> p.getFileName().toString().startsWith("13a")).limit(12).forEach(files::add);
        }
        for (String ext : List.of("csv", "json")) {
            Path full = tmp.resolve("full." + ext);
            predict(files, full, false, false, Segmentation.none(), 2);
            String complete = Files.readString(full);
            // Cut the output in the middle of the 6th file's row, as a killed run would leave it.
            String[] lines = complete.split("\n");
            String cut = String.join("\n", List.of(lines).subList(0, 6)) + "\n" + lines[6].substring(0, lines[6].length() / 2);
            Path partial = Files.writeString(tmp.resolve("partial." + ext), cut);

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> predict(files, partial, false, false, Segmentation.none(), 2));
            assertTrue(refused.getMessage().contains("--resume"), refused.getMessage());
            Run resumed = predict(files, partial, true, false, Segmentation.none(), 2);
            assertEquals(5, resumed.result().skipped(), ext);
            assertEquals(7, resumed.result().classified(), ext);
            assertEquals(complete, Files.readString(partial), ext + ": the resumed output equals an uninterrupted one");
            Run again = predict(files, partial, true, false, Segmentation.none(), 2);
            assertEquals(12, again.result().skipped());
            assertEquals(0, again.result().classified());
            assertEquals(complete, Files.readString(partial));
        }
        Path other = Files.writeString(tmp.resolve("other.csv"), Files.readString(tmp.resolve("full.csv")).replace(modelId, "another-model"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> predict(files, other, true, false, Segmentation.none(), 2));
        assertTrue(refused.getMessage().contains("another model"), refused.getMessage());
        Run forced = predict(files.subList(0, 1), other, false, true, Segmentation.none(), 1);
        assertEquals(1, rows(other).size(), "--force replaces the file");
        assertEquals(1, forced.result().classified());
    }

    @Test
    void aLongRecordingIsSplitAtPausesAndByWindows(@TempDir Path tmp) throws IOException {
        String[] ids = {"03a01Wa", "08a01Na", "16b10Tb"};
        int rate = 16000, gap = rate;
        List<float[]> clips = new ArrayList<>();
        int total = gap;
        for (String id : ids) {
            float[] x = SilenceTrimmer.trim(TestAudio.read(TestAudio.emodb(id)), 40).samples();
            clips.add(x);
            total += x.length + gap;
        }
        float[] joined = new float[total];
        double[][] placed = new double[ids.length][];
        int at = gap;
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(clips.get(i), 0, joined, at, clips.get(i).length);
            placed[i] = new double[]{at / (double) rate, (at + clips.get(i).length) / (double) rate};
            at += clips.get(i).length + gap;
        }
        Path dir = Files.createDirectories(tmp.resolve("long"));
        Path file = dir.resolve("conversation.wav");
        TestAudio.writeWav(file, joined, rate);
        Path silent = dir.resolve("room-tone.wav");
        TestAudio.writeWav(silent, new float[rate * 5], rate);
        Path out = tmp.resolve("segments.csv");
        Run run = predict(List.of(file, silent), out, false, false, Segmentation.silence(40, 0.5, 0.3, 10), 2);
        List<Map<String, String>> rows = rows(out);
        assertEquals(ids.length + 2, rows.size(), "three segments and the file row, then the silent file's row");
        double[] mean = new double[labels.size()];
        Map<String, Integer> votes = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            Map<String, String> r = rows.get(i);
            assertEquals("segment", r.get("scope"));
            assertEquals(file.toString(), r.get("path"));
            assertEquals(placed[i][0], Double.parseDouble(r.get("start_s")), 0.15, "start of " + ids[i]);
            assertEquals(placed[i][1], Double.parseDouble(r.get("end_s")), 0.15, "end of " + ids[i]);
            double[] p = probabilities(r);
            for (int c = 0; c < p.length; c++) mean[c] += p[c] / ids.length;
            votes.merge(r.get("emotion"), 1, Integer::sum);
            // The stretch the row names, cut out and classified on its own, gets the same probabilities: the times are
            // those of the audio that was classified (segment edges fall on 512-sample frames, exact in milliseconds).
            int from = (int) Math.round(Double.parseDouble(r.get("start_s")) * rate);
            int to = (int) Math.round(Double.parseDouble(r.get("end_s")) * rate);
            Path cut = dir.resolve("cut-" + i + ".wav");
            TestAudio.writeWav(cut, java.util.Arrays.copyOfRange(joined, from, to), rate);
            Path cutOut = tmp.resolve("cut-" + i + ".csv");
            predict(List.of(cut), cutOut, false, false, Segmentation.none(), 1);
            assertArrayEquals(probabilities(rows(cutOut).get(0)), p, 1e-12, "segment " + i);
        }
        Map<String, String> summary = rows.get(ids.length);
        assertEquals("file", summary.get("scope"));
        assertEquals("0.000", summary.get("start_s"));
        assertEquals(joined.length / (double) rate, Double.parseDouble(summary.get("end_s")), 1e-3);
        assertArrayEquals(mean, probabilities(summary), 2e-4, "the file row holds the mean probabilities");
        int most = votes.values().stream().max(Integer::compare).orElseThrow();
        assertEquals(most, votes.get(summary.get("emotion")), "the file's emotion is the majority label");
        assertEquals("silent", rows.get(ids.length + 1).get("status"));
        assertEquals("file", rows.get(ids.length + 1).get("scope"));
        assertEquals(0, run.result().exitCode());
        assertEquals(1, run.result().silent());

        Path windowsOut = tmp.resolve("windows.json");
        predict(List.of(file), windowsOut, false, false, Segmentation.windows(2, 1), 2);
        JsonNode w = Json.read(windowsOut);
        List<Segmenter.Segment> expected = Segmenter.windows(joined.length, rate, 2, 1);
        assertEquals(expected.size() + 1, w.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).startSeconds(rate), w.get(i).get("start_s").asDouble(), 1e-3);
            assertEquals(expected.get(i).endSeconds(rate), w.get(i).get("end_s").asDouble(), 1e-3);
            if (i < expected.size() - 1) assertEquals(2.0, w.get(i).get("end_s").asDouble() - w.get(i).get("start_s").asDouble(), 1e-3);
        }
        assertEquals(joined.length / (double) rate, w.get(expected.size() - 1).get("end_s").asDouble(), 1e-3, "windows reach the end");
    }

    /** The tester's near-silences: dithered digital silence and -60 dBFS noise got a label; a 0.05 s clip was judged. */
    @Test
    void nearSilenceIsSilentAndAClipTooShortToJudgeSaysSo(@TempDir Path tmp) throws IOException {
        int rate = 16000;
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Random random = new Random(5);
        float[] dither = new float[rate * 3]; // sox -n -r 16000 -b 16 s.wav trim 0 3: TPDF dither of one 16-bit step
        for (int i = 0; i < dither.length; i++) dither[i] = Math.round(random.nextDouble() - random.nextDouble()) / 32768f;
        TestAudio.writeWav(dir.resolve("dithered-silence.wav"), dither, rate);
        float[] noise = new float[rate * 3]; // peaks at -60 dBFS
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (0.001 * (2 * random.nextDouble() - 1));
        TestAudio.writeWav(dir.resolve("noise-60dBFS.wav"), noise, rate);
        float[] speech = TestAudio.read(TestAudio.emodb("03a01Wa")).samples();
        int from = SilenceTrimmer.nonSilentRange(speech, 20)[0];
        TestAudio.writeWav(dir.resolve("blip-50ms.wav"), java.util.Arrays.copyOfRange(speech, from, from + rate / 20), rate);
        TestAudio.copy(TestAudio.emodb("03a01Wa"), dir.resolve("speech.wav"));

        Path out = tmp.resolve("out.csv");
        Run run = predict(List.of(dir), out, false, false, Segmentation.none(), 2);
        Map<String, Map<String, String>> byName = new HashMap<>();
        for (Map<String, String> r : rows(out)) byName.put(Path.of(r.get("path")).getFileName().toString(), r);
        assertEquals("silent", byName.get("dithered-silence.wav").get("status"));
        assertEquals("silent", byName.get("noise-60dBFS.wav").get("status"));
        assertEquals("too-short", byName.get("blip-50ms.wav").get("status"));
        assertEquals("", byName.get("blip-50ms.wav").get("emotion"), "no label for what cannot be judged");
        assertEquals("0.050", byName.get("blip-50ms.wav").get("duration_s"));
        assertEquals("ok", byName.get("speech.wav").get("status"));
        assertEquals(0, run.result().exitCode(), "silent and too short files were read: not failures");
        assertEquals(2, run.result().silent());
        assertEquals(1, run.result().tooShort());
        assertTrue(run.console().contains("1 classified, 2 silent, 1 too short to judge (under 0.25 s of sound), 0 failed"), run.console());
        assertTrue(run.console().contains("[too-short]"), run.console());

        // In a timeline, windows of near-silence are silent too, and the file row is the speech's.
        float[] joined = new float[speech.length + dither.length];
        System.arraycopy(speech, 0, joined, 0, speech.length);
        System.arraycopy(dither, 0, joined, speech.length, dither.length);
        Path file = tmp.resolve("speech-then-silence.wav");
        TestAudio.writeWav(file, joined, rate);
        Path windows = tmp.resolve("windows.csv");
        predict(List.of(file), windows, false, false, Segmentation.windows(1, 1), 1);
        List<Map<String, String>> rows = rows(windows);
        assertEquals("silent", rows.get(rows.size() - 2).get("status"), "the last window holds only dither");
        assertEquals("ok", rows.get(0).get("status"));
        assertEquals("ok", rows.get(rows.size() - 1).get("status"));
    }

    /** The tester's case: the same folder named relative, then absolute or with {@code ..}, re-classified every file. */
    @Test
    void resumeKnowsTheSameFilesHoweverTheyAreSpelledAndRetriesFailures(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("clips"));
        List<String> ids = List.of("03a01Fa", "03a01Nc", "08a01Na", "16b10Tb");
        for (String id : ids) TestAudio.copy(TestAudio.emodb(id), dir.resolve(id + ".wav"));
        Path broken = Files.write(dir.resolve("zz-broken.wav"), java.util.Arrays.copyOf(Files.readAllBytes(TestAudio.emodb("03a01Wa")), 300));
        Path out = tmp.resolve("out.csv");
        Path cwd = Path.of("").toAbsolutePath();
        String relative = cwd.relativize(dir).toString();
        Run first = predictNamed(List.of(relative), out, false, false, Segmentation.none(), 2);
        assertEquals(1, first.result().failed());
        for (Map<String, String> r : rows(out)) assertTrue(Path.of(r.get("path")).isAbsolute(), "rows name files absolutely: " + r.get("path"));

        for (String spelled : List.of(dir.toString(), dir.resolve("../clips").toString(), relative + "/")) {
            Run resumed = predictNamed(List.of(spelled), out, true, false, Segmentation.none(), 2);
            assertEquals(ids.size(), resumed.result().skipped(), spelled + ": " + resumed.console());
            assertEquals(0, resumed.result().classified(), spelled);
            assertEquals(1, resumed.result().failed(), spelled + ": the broken file is tried again");
            assertEquals(1, resumed.result().exitCode(), "the exit status still says a file failed");
            List<Map<String, String>> rows = rows(out);
            assertEquals(ids.size() + 1, rows.size(), spelled + ": one row per file, no duplicates");
            assertEquals(ids.size() + 1, rows.stream().map(r -> r.get("path")).distinct().count());
        }
        // Mended, the broken file is classified by the next resume and its error row gives way.
        TestAudio.copy(TestAudio.emodb("03a01Wa"), tmp.resolve("mended.wav"));
        Files.copy(tmp.resolve("mended.wav"), broken, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run mended = predictNamed(List.of(relative), out, true, false, Segmentation.none(), 2);
        assertEquals(1, mended.result().classified());
        assertEquals(0, mended.result().exitCode());
        List<Map<String, String>> rows = rows(out);
        assertEquals(ids.size() + 1, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.get("status").equals("ok")), rows.toString());
        // A failed file the resumed run does not meet keeps its row: nothing the user was told is lost.
        Path other = Files.write(tmp.resolve("other-broken.wav"), new byte[]{'R', 'I', 'F', 'F'});
        predict(List.of(other), out, true, false, Segmentation.none(), 1);
        predict(List.of(dir), out, true, false, Segmentation.none(), 1);
        assertEquals(ids.size() + 2, rows(out).size());
    }

    /** The tester's case: a file named twice, or a folder and a file inside it, gave duplicate rows. */
    @Test
    void everyFileGetsOneRowHoweverOftenItIsNamed(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("clips"));
        Path a = TestAudio.copy(TestAudio.emodb("03a01Fa"), dir.resolve("a.wav"));
        Path b = TestAudio.copy(TestAudio.emodb("08a01Na"), dir.resolve("b.wav"));
        Path cwd = Path.of("").toAbsolutePath();
        Path out = tmp.resolve("out.csv");
        Run run = predictNamed(List.of(a.toString(), dir.toString(), a.toString(), cwd.relativize(b).toString(),
                dir.resolve("../clips").toString()), out, false, false, Segmentation.none(), 2);
        List<Map<String, String>> rows = rows(out);
        assertEquals(List.of(a.toString(), b.toString()), rows.stream().map(r -> r.get("path")).toList(), "one row per file");
        assertEquals(2, run.result().classified());
        assertEquals(3, run.result().repeated(), "a.wav again, a.wav inside the folder, b.wav inside the folder");
        assertTrue(run.console().contains("3 files were named twice, classified once"), run.console());
    }

    /** The tester's case: .w64 and WavPack files in folders were passed over without a word. */
    @Test
    void wave64AndWavPackInFoldersGetARowSayingTheyAreNotSupported(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        byte[] w64 = new byte[200];
        byte[] riffGuid = {'r', 'i', 'f', 'f', 0x2E, (byte) 0x91, (byte) 0xCF, 0x11, (byte) 0xA5, (byte) 0xD6, 0x28, (byte) 0xDB, 0x04,
                (byte) 0xC1, 0x00, 0x00};
        byte[] waveGuid = {'w', 'a', 'v', 'e', (byte) 0xF3, (byte) 0xAC, (byte) 0xD3, 0x11, (byte) 0x8C, (byte) 0xD1, 0x00, (byte) 0xC0,
                0x4F, (byte) 0x8E, (byte) 0xDB, (byte) 0x8A};
        System.arraycopy(riffGuid, 0, w64, 0, 16);
        System.arraycopy(waveGuid, 0, w64, 24, 16);
        Files.write(dir.resolve("take.w64"), w64);
        Files.write(dir.resolve("w64-without-extension"), w64);
        byte[] wv = new byte[200];
        System.arraycopy("wvpk".getBytes(StandardCharsets.US_ASCII), 0, wv, 0, 4);
        Files.write(dir.resolve("take.wv"), wv);
        Files.writeString(dir.resolve("notes.txt"), "not audio");
        Path out = tmp.resolve("out.csv");
        Run run = predict(List.of(dir), out, false, false, Segmentation.none(), 1);
        Map<String, String> status = new TreeMap<>();
        for (Map<String, String> r : rows(out)) status.put(Path.of(r.get("path")).getFileName().toString(), r.get("status"));
        assertEquals("error: Sony Wave64 (W64) is not supported; convert it to WAV or FLAC", status.get("take.w64"));
        assertEquals(status.get("take.w64"), status.get("w64-without-extension"), "content decides");
        assertEquals("error: WavPack is not supported; convert it to WAV or FLAC", status.get("take.wv"));
        assertEquals(3, status.size(), status.toString());
        assertEquals(1, run.result().passedOver(), "notes.txt");
        assertEquals(1, run.result().exitCode());
    }

    /** The tester's case: --out in an unwritable place named a temporary file ({@code /proc/.x.csv1751...tmp}). */
    @Test
    void anUnwritableOutputIsNamedWithTheReason(@TempDir Path tmp) throws IOException {
        Path clip = TestAudio.copy(TestAudio.emodb("03a01Fa"), tmp.resolve("a.wav"));
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
        for (Path out : List.of(Path.of("/proc/x.csv"), notAFolder.resolve("x.csv"))) {
            IOException e = assertThrows(IOException.class, () -> predict(List.of(clip), out, false, false, Segmentation.none(), 1));
            assertTrue(e.getMessage().startsWith("cannot write --out " + out + ": "), e.getMessage());
            assertFalse(e.getMessage().contains(".tmp"), "no temporary file the user never named: " + e.getMessage());
        }
    }

    @Test
    void everyOptionIsValidatedAsAUsageError() {
        Set<String> none = Set.of();
        List<org.junit.jupiter.api.function.Executable> bad = List.of(
                () -> Segmentation.fromOptions("none", 1e-9, 0, 40, 0.5, 0.3, 10, Set.of("--window")),
                () -> Segmentation.fromOptions("none", Double.NaN, 0, 40, 0.5, 0.3, 10, Set.of("--window")),
                () -> Segmentation.fromOptions("none", Double.POSITIVE_INFINITY, 0, 40, 0.5, 0.3, 10, Set.of("--window")),
                () -> Segmentation.fromOptions("none", -1, 0, 40, 0.5, 0.3, 10, Set.of("--window")),
                () -> Segmentation.fromOptions("none", 3, Double.NaN, 40, 0.5, 0.3, 10, Set.of("--window", "--hop")),
                () -> Segmentation.fromOptions("none", 3, 0.001, 40, 0.5, 0.3, 10, Set.of("--window", "--hop")),
                () -> Segmentation.fromOptions("none", 3, 4, 40, 0.5, 0.3, 10, Set.of("--window", "--hop")),
                () -> Segmentation.fromOptions("none", 10, 0.25, 40, 0.5, 0.3, 10, Set.of("--window", "--hop")),
                () -> Segmentation.fromOptions("none", 0, 1, 40, 0.5, 0.3, 10, Set.of("--hop")),
                () -> Segmentation.fromOptions("none", 0, 0, 40, 0.5, 0.3, 20, Set.of("--max-segment")),
                () -> Segmentation.fromOptions("none", 3, 0, 30, 0.5, 0.3, 10, Set.of("--window", "--top-db")),
                () -> Segmentation.fromOptions("silence", 3, 0, 40, 0.5, 0.3, 10, Set.of("--window")),
                () -> Segmentation.fromOptions("silence", 0, 0, Double.NaN, 0.5, 0.3, 10, Set.of("--top-db")),
                () -> Segmentation.fromOptions("silence", 0, 0, 40, -1, 0.3, 10, Set.of("--min-pause")),
                () -> Segmentation.fromOptions("silence", 0, 0, 40, 0.5, 0.01, 10, Set.of("--min-segment")),
                () -> Segmentation.fromOptions("silence", 0, 0, 40, 0.5, 0.3, 0.4, Set.of("--max-segment")),
                () -> Segmentation.fromOptions("silence", 0, 0, 40, 0.5, 0.3, Double.NaN, Set.of("--max-segment")),
                () -> Segmentation.fromOptions("speech", 0, 0, 40, 0.5, 0.3, 10, none),
                () -> new PredictRun.Config(List.of("a.wav"), null, Path.of("o.csv"), true, true, Segmentation.none(), 0, true),
                () -> new PredictRun.Config(List.of("a.wav"), null, null, true, false, Segmentation.none(), 0, true),
                () -> new PredictRun.Config(List.of("a.wav"), null, Path.of("o.txt"), false, false, Segmentation.none(), 0, true),
                () -> new PredictRun.Config(List.of("a.wav"), null, null, false, false, Segmentation.none(), -1, true),
                () -> new PredictRun.Config(List.of("a.wav"), null, null, false, false, Segmentation.none(), 100000, true),
                () -> new PredictRun.Config(List.of(), null, null, false, false, Segmentation.none(), 0, true),
                () -> new PredictRun.Config(List.of(" "), null, null, false, false, Segmentation.none(), 0, true));
        for (int i = 0; i < bad.size(); i++) {
            UsageException e = assertThrows(UsageException.class, bad.get(i), "case " + i);
            assertTrue(e.getMessage().startsWith("--") || e.getMessage().contains(" --") || e.getMessage().contains("file or folder"),
                    "case " + i + " names the option: " + e.getMessage());
        }
        assertEquals(Segmentation.windows(3, 3), Segmentation.fromOptions("none", 3, 0, 40, 0.5, 0.3, 10, Set.of("--window")));
        assertEquals(Segmentation.silence(30, 0.5, 0.3, 20), Segmentation.fromOptions("silence", 0, 0, 30, 0.5, 0.3, 20,
                Set.of("--segment", "--top-db", "--max-segment")));
        assertEquals(Segmentation.none(), Segmentation.fromOptions("none", 0, 0, 40, 0.5, 0.3, 10, none));
    }

    @Test
    void theModelIsFoundFromARunAFoldOrTheDefaultPlace(@TempDir Path tmp) throws IOException {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ModelRef.resolve(null, tmp.resolve("models/default")));
        assertTrue(none.getMessage().contains("make model"), none.getMessage());
        ModelRef fromRun = ModelRef.resolve(QuickModel.run().toString());
        assertEquals(QuickModel.modelDir().toAbsolutePath().normalize(), fromRun.dir());
        assertEquals(QuickModel.run().getFileName() + "/split", fromRun.id());
        assertEquals(fromRun.dir(), ModelRef.resolve(QuickModel.run().resolve("folds/split").toString()).dir());
        assertEquals(fromRun.id(), ModelRef.resolve(QuickModel.modelDir().toString()).id());

        // A run with several folds holds several models: the user must name one.
        Path run = tmp.resolve("runs/20260101-000000-classic-svm-emodb-loso");
        for (String fold : List.of("speaker-03", "speaker-08")) {
            Path m = Files.createDirectories(run.resolve("folds/" + fold + "/model"));
            Files.copy(QuickModel.modelDir().resolve("model.json"), m.resolve("model.json"));
            Files.copy(QuickModel.modelDir().resolve("preprocess.json"), m.resolve("preprocess.json"));
        }
        IllegalArgumentException several = assertThrows(IllegalArgumentException.class, () -> ModelRef.resolve(run.toString()));
        assertTrue(several.getMessage().contains("speaker-03") && several.getMessage().contains("speaker-08"), several.getMessage());
        IllegalArgumentException notAModel = assertThrows(IllegalArgumentException.class, () -> ModelRef.resolve(tmp.toString()));
        assertTrue(notAModel.getMessage().contains("not a model folder"), notAModel.getMessage());
    }
}
