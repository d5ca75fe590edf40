package sep.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.cli.UsageException;
import sep.data.Clip;
import sep.data.Emotion;
import sep.data.Fold;
import sep.prediction.QuickModel;
import sep.prediction.TestAudio;
import sep.util.Csv;
import sep.util.Json;
import sep.util.Progress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/** sep-eval on labelled audio and on protocols, with a small model trained with EmoDB speakers held out. */
class LabelledEvaluationTest {
    @TempDir
    static Path runs;
    static Fold split;

    @BeforeAll
    static void model() throws IOException {
        System.setProperty("SEP_RUNS_DIR", runs.toString());
        QuickModel.run();
        split = ProtocolRunner.folds(QuickModel.CONFIG, QuickModel.inputs()).get(0);
    }

    @AfterAll
    static void clear() {
        System.clearProperty("SEP_RUNS_DIR");
    }

    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** A labels CSV of clips, paths relative to the CSV, labels as {@code label} names them. */
    static Path labelsCsv(Path csv, List<Clip> clips, boolean header, Function<Emotion, String> label) throws IOException {
        Files.createDirectories(csv.getParent());
        StringBuilder sb = new StringBuilder(header ? "path,label\n" : "");
        for (Clip c : clips) {
            sb.append(Csv.line(List.of(csv.getParent().relativize(c.file().toAbsolutePath()).toString(), label.apply(c.emotion())))).append('\n');
        }
        return Files.writeString(csv, sb.toString());
    }

    static LabelledEvaluation.Result eval(Path csv, List<String> map, boolean includeSeen) throws IOException {
        return LabelledEvaluation.run(new LabelledEvaluation.Config(QuickModel.run().toString(), csv, map, includeSeen, 2), QUIET,
                Progress.Factory.QUIET);
    }

    @Test
    void labelsOfTheHeldOutSpeakersGiveExactlyTheProtocolsNumbers(@TempDir Path tmp) throws IOException {
        Path csv = labelsCsv(tmp.resolve("labels/held-out.csv"), split.test(), true, Emotion::label);
        LabelledEvaluation.Result viaLabels = eval(csv, null, false);
        JsonNode protocol = Json.read(QuickModel.run().resolve("folds/split/test_metrics.json"));
        assertEquals(split.test().size(), viaLabels.metrics().total());
        assertEquals(0, viaLabels.seen());
        assertEquals(protocol.get("wa").asDouble(), viaLabels.metrics().wa(), 0);
        assertEquals(protocol.get("ua").asDouble(), viaLabels.metrics().ua(), 0);
        assertEquals(protocol.get("macro_f1").asDouble(), viaLabels.metrics().macroF1(), 0);
        assertEquals(protocol.get("confusion").toString(), Json.tree(viaLabels.metrics().confusion()).toString());
        for (String f : List.of("metrics.json", "confusion.csv", "confusion.png", "predictions.csv", "manifest.json")) {
            assertTrue(Files.isRegularFile(viaLabels.runDir().resolve(f)), f);
        }
        assertTrue(viaLabels.runDir().getFileName().toString().matches("\\d{8}-\\d{6}-eval-held-out"), viaLabels.runDir().toString());
        JsonNode manifest = Json.read(viaLabels.runDir().resolve("manifest.json"));
        assertEquals("ok", manifest.get("status").asText());
        assertTrue(manifest.get("summary").get("held_out").asBoolean());

        // The protocol evaluation of the run, recomputed by sep-eval, says the same.
        ProtocolEvaluation.Result rescored = ProtocolEvaluation.run(new ProtocolEvaluation.Config(QuickModel.run().toString(), null, null, null), QUIET);
        assertEquals(1, rescored.folds().size());
        assertEquals(viaLabels.metrics().ua(), rescored.folds().get(0).ua(), 0);
        assertEquals(viaLabels.metrics().wa(), rescored.folds().get(0).wa(), 0);
        assertEquals(QuickModel.result().folds().get(0).ua(), rescored.pooled().ua(), 0);
        assertTrue(Files.isRegularFile(rescored.runDir().resolve("folds/split/test_confusion.png")));
        assertTrue(Files.isRegularFile(rescored.runDir().resolve("pooled_metrics.json")));
    }

    @Test
    void foreignLabelsAreMappedListedWhenUnknownAndMissingFilesAreNamed(@TempDir Path tmp) throws IOException {
        Map<Emotion, String> words = Map.of(Emotion.ANGER, "Angry", Emotion.HAPPINESS, "happy", Emotion.SADNESS, "sad",
                Emotion.NEUTRAL, "neutral", Emotion.FEAR, "fearful", Emotion.DISGUST, "disgusted", Emotion.BOREDOM, "bored");
        Path csv = labelsCsv(tmp.resolve("mine.csv"), split.test(), false, words::get);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> eval(csv, null, false));
        for (String w : List.of("'angry'", "'happy'", "'sad'", "'fearful'", "'disgusted'", "'bored'")) {
            assertTrue(unknown.getMessage().contains(w), w + " must be listed: " + unknown.getMessage());
        }
        assertTrue(unknown.getMessage().contains("--map") && unknown.getMessage().contains("mine.csv"), unknown.getMessage());

        List<String> map = List.of("angry=anger,happy=happiness,sad=sadness", "fearful=fear,disgusted=disgust,bored=boredom");
        LabelledEvaluation.Result mapped = eval(csv, map, false);
        JsonNode protocol = Json.read(QuickModel.run().resolve("folds/split/test_metrics.json"));
        assertEquals(protocol.get("ua").asDouble(), mapped.metrics().ua(), 0, "no header, mapped labels: the same clips, the same score");

        long bored = split.test().stream().filter(c -> c.emotion() == Emotion.BOREDOM).count();
        assertTrue(bored > 0);
        LabelledEvaluation.Result dropped = eval(csv, List.of(String.join(",", map).replace("bored=boredom", "bored=-")), false);
        assertEquals(split.test().size() - bored, dropped.metrics().total());
        assertEquals(bored, dropped.dropped());

        IllegalArgumentException badTarget = assertThrows(IllegalArgumentException.class, () -> eval(csv, List.of("angry=furious"), false));
        assertTrue(badTarget.getMessage().contains("furious"), badTarget.getMessage());

        Path missing = Files.writeString(tmp.resolve("missing.csv"), "path,label\nnowhere/a.wav,anger\n"
                + Csv.line(List.of(tmp.relativize(split.test().get(0).file()).toString(), "anger")) + "\n\"gone, too.wav\",sadness\n");
        IllegalArgumentException notFound = assertThrows(IllegalArgumentException.class, () -> eval(missing, null, false));
        assertTrue(notFound.getMessage().contains("2 files not found") && notFound.getMessage().contains("line 2: nowhere/a.wav")
                && notFound.getMessage().contains("line 4: gone, too.wav"), notFound.getMessage());
    }

    @Test
    void clipsSeenInTrainingAreLeftOutUnlessAskedFor(@TempDir Path tmp) throws IOException {
        List<Clip> trained = split.train().subList(0, 10);
        List<Clip> mixed = new ArrayList<>(trained);
        mixed.addAll(split.test().subList(0, 10));
        Path csv = labelsCsv(tmp.resolve("mixed.csv"), mixed, true, Emotion::label);
        LabelledEvaluation.Result held = eval(csv, null, false);
        assertEquals(10, held.seen());
        assertEquals(10, held.metrics().total(), "the ten training clips are not scored");
        assertFalse(held.includesSeen());
        LabelledEvaluation.Result all = eval(csv, null, true);
        assertEquals(20, all.metrics().total());
        assertTrue(all.includesSeen());
        JsonNode manifest = Json.read(all.runDir().resolve("manifest.json"));
        assertFalse(manifest.get("summary").get("held_out").asBoolean(), "a score with training clips is not a held-out result");
        assertEquals(10, manifest.get("data").get("labels_file").get("seen_in_training").asInt());

        Path onlySeen = labelsCsv(tmp.resolve("seen.csv"), trained, true, Emotion::label);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> eval(onlySeen, null, false));
        assertTrue(refused.getMessage().contains("proves nothing"), refused.getMessage());
    }

    @Test
    void unreadableFilesAreListedAndLeftOutWithAFailingStatus(@TempDir Path tmp) throws IOException {
        Path good = TestAudio.copy(split.test().get(0).file(), tmp.resolve("clips/a, quoted name.wav"));
        Files.write(tmp.resolve("clips/empty.wav"), new byte[0]);
        Files.createDirectories(tmp.resolve("clips/folder.wav"));
        Path csv = Files.writeString(tmp.resolve("labels.csv"), "label,speaker,path\n"
                + split.test().get(0).emotion().label() + ",x,\"clips/a, quoted name.wav\"\nanger,y,clips/empty.wav\nsadness,z,clips/folder.wav\n");
        LabelledEvaluation.Result r = eval(csv, null, false);
        assertTrue(Files.isRegularFile(good));
        assertEquals(1, r.metrics().total(), "columns found by the header's names, quoted path read");
        assertEquals(2, r.failed());
        assertEquals(1, r.exitCode());
        String failed = Files.readString(r.runDir().resolve("failed.csv"));
        assertTrue(failed.contains("clips/empty.wav,3,empty file (0 bytes)"), failed);
        assertTrue(failed.contains("clips/folder.wav,4,is a directory, not an audio file") || failed.contains("clips/folder.wav,4,\"is a directory"), failed);
    }

    /** The tester's cases: each problem of a labels file gets one clear message (or a warning), never a silent wrong score. */
    @Test
    void repeatedAndContradictoryRowsAreScoredOnceOrRefused(@TempDir Path tmp) throws IOException {
        List<Clip> clips = split.test().subList(0, 6);
        Path csv = labelsCsv(tmp.resolve("labels.csv"), clips, true, Emotion::label);
        String first = Files.readAllLines(csv).get(1);
        String second = Files.readAllLines(csv).get(2);
        // The first row again as written, and the second row again spelled another way (./ in front).
        Files.writeString(csv, Files.readString(csv) + first + "\n./" + second + "\n");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LabelledEvaluation.Result r = LabelledEvaluation.run(new LabelledEvaluation.Config(QuickModel.run().toString(), csv, null, false, 2),
                new PrintStream(console, true, StandardCharsets.UTF_8), Progress.Factory.QUIET);
        assertEquals(clips.size(), r.metrics().total(), "each file is scored once");
        String said = console.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("warning: " + csv + ": 2 rows repeat an earlier one (same file, same label); each file is scored once:"), said);
        assertTrue(said.contains("line 8 repeats line 2") && said.contains("line 9 repeats line 3"), said);

        String other = clips.get(0).emotion() == Emotion.ANGER ? "sadness" : "anger";
        Path contradictory = Files.writeString(tmp.resolve("contradictory.csv"), Files.readString(csv) + first.replaceFirst(",[^,]+$", "," + other) + "\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> eval(contradictory, null, false));
        assertTrue(refused.getMessage().contains("1 file has two different labels") && refused.getMessage().contains("line 10 says " + other),
                refused.getMessage());
    }

    @Test
    void malformedLabelFilesAreRefusedWithOneClearMessage(@TempDir Path tmp) throws IOException {
        List<String> labels = List.of("neutral", "happiness", "sadness", "anger", "fear", "disgust");
        Path clip = TestAudio.copy(split.test().get(0).file(), tmp.resolve("a.wav"));
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("a.wav,anger,extra\n", "line 1 has 3 fields, expected 2 (path,label)");
        cases.put("path,label\n", "has a header row but no rows of path,label under it");
        cases.put("path,label,speaker\na.wav,anger,03,x\n", "line 2 has 4 fields, the header has 3");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path csv = Files.writeString(tmp.resolve("case.csv"), c.getKey());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelsFile.read(csv, Map.of(), labels), c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            assertFalse(e.getMessage().contains("mapping"), "no mapping was given: " + e.getMessage());
        }
        Path binary = Files.write(tmp.resolve("labels.xlsx.csv"), new byte[]{'P', 'K', 3, 4, (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelsFile.read(binary, Map.of(), labels));
        assertTrue(e.getMessage().startsWith(binary + ": not a text CSV"), e.getMessage());
        Path nul = Files.write(tmp.resolve("zeros.csv"), new byte[64]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelsFile.read(nul, Map.of(), labels)).getMessage()
                .contains("not a text CSV"));
        // A trailing empty field, as spreadsheets write it, is fine.
        Path trailing = Files.writeString(tmp.resolve("trailing.csv"), "a.wav,anger,\n");
        assertEquals(List.of(new LabelsFile.Entry(1, "a.wav", clip, "anger")), LabelsFile.read(trailing, Map.of(), labels).entries());
        // Only --map can leave every row out, and then it is named.
        Path mapped = Files.writeString(tmp.resolve("mapped.csv"), "a.wav,calm\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelsFile.read(mapped, Map.of("calm", "-"), labels)).getMessage()
                .contains("--map leaves out every row"));
    }

    @Test
    void sepEvalOptionsAreCheckedAsUsageErrors() {
        assertThrows(UsageException.class, () -> new LabelledEvaluation.Config(null, Path.of("l.csv"), null, false, -1));
        assertThrows(UsageException.class, () -> new LabelledEvaluation.Config(null, null, null, false, 0));
        assertThrows(UsageException.class, () -> LabelsFile.parseMap(List.of("angry"), List.of("anger")));
        assertThrows(UsageException.class, () -> LabelsFile.parseMap(List.of("angry=furious"), List.of("anger")));
        UsageException protocol = assertThrows(UsageException.class, () -> new ProtocolEvaluation.Config(null, "losso", "emodb", null));
        assertTrue(protocol.getMessage().startsWith("--protocol: unknown protocol 'losso'"), protocol.getMessage());
    }

    @Test
    void oneModelIsScoredOnlyOnTheFoldsItHasNotSeen() throws IOException {
        ProtocolEvaluation.Result loso = ProtocolEvaluation.run(new ProtocolEvaluation.Config(QuickModel.modelDir().toString(), "loso", "emodb",
                null), QUIET);
        List<String> scored = loso.folds().stream().map(ProtocolEvaluation.FoldScore::fold).toList();
        List<String> expected = split.testSpeakers().stream().map(s -> "speaker-" + s.substring(s.indexOf(':') + 1)).sorted().toList();
        assertEquals(expected, scored.stream().sorted().toList(), "only the split's test speakers were never seen");
        assertEquals(10 - expected.size(), loso.leftOut().size());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ProtocolEvaluation.run(
                new ProtocolEvaluation.Config(QuickModel.modelDir().toString(), "random-80-20", "emodb", null), QUIET));
        assertTrue(refused.getMessage().contains("proves nothing"), refused.getMessage());
    }
}
