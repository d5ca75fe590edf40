package sep.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** The corpus readers on the real data: counts, label traps, speakers and sexes, bad names. */
class CorpusTest {
    static Corpus emodb;
    static Corpus ravdess;

    @BeforeAll
    static void load() {
        emodb = Corpus.load(Corpus.EMODB);
        ravdess = Corpus.load(Corpus.RAVDESS);
    }

    @Test
    void emodbHasTheDocumentedCountsPerEmotion() {
        assertEquals(535, emodb.size());
        Map<Emotion, Long> counts = emodb.countsByEmotion();
        assertEquals(Map.of(Emotion.ANGER, 127L, Emotion.BOREDOM, 81L, Emotion.DISGUST, 46L, Emotion.FEAR, 69L,
                Emotion.HAPPINESS, 71L, Emotion.SADNESS, 62L, Emotion.NEUTRAL, 79L), counts);
    }

    @Test
    void emodbLetterTrapsAreRead() {
        // A is Angst (fear), F is Freude (happiness), E is Ekel (disgust), W is Wut (anger).
        assertEquals(Emotion.FEAR, byId(emodb, "14a07Aa").emotion());
        assertEquals(Emotion.HAPPINESS, byId(emodb, "03a01Fa").emotion());
        assertEquals(Emotion.DISGUST, byId(emodb, "14a07Eb").emotion());
        assertEquals(Emotion.ANGER, byId(emodb, "03a01Wa").emotion());
        Clip clip = byId(emodb, "03a01Fa");
        assertEquals("03", clip.speaker());
        assertEquals(Sex.MALE, clip.sex());
        assertEquals("a01", clip.attributes().get("text"));
        assertEquals("a", clip.attributes().get("version"));
    }

    @Test
    void emodbSpeakersMatchTheDocumentation() {
        Map<String, Long> perSpeaker = emodb.clips().stream().collect(Collectors.groupingBy(Clip::speaker, Collectors.counting()));
        assertEquals(Map.of("03", 49L, "08", 58L, "09", 43L, "10", 38L, "11", 55L, "12", 35L, "13", 61L, "14", 69L,
                "15", 56L, "16", 71L), perSpeaker);
        assertEquals(5, emodb.clips().stream().filter(c -> c.sex() == Sex.FEMALE).map(Clip::speaker).distinct().count());
    }

    @Test
    void ravdessHasTheDocumentedCounts() {
        assertEquals(1440, ravdess.size());
        Map<Emotion, Long> counts = ravdess.countsByEmotion();
        assertEquals(96L, counts.get(Emotion.NEUTRAL));
        for (Emotion e : List.of(Emotion.CALM, Emotion.HAPPINESS, Emotion.SADNESS, Emotion.ANGER, Emotion.FEAR,
                Emotion.DISGUST, Emotion.SURPRISE)) {
            assertEquals(192L, counts.get(e), e.label());
        }
        assertEquals(24, ravdess.speakers().size());
        Clip clip = byId(ravdess, "03-01-05-02-01-01-01");
        assertEquals(Emotion.ANGER, clip.emotion());
        assertEquals("strong", clip.attributes().get("intensity"));
        assertEquals(Sex.MALE, clip.sex());
        assertEquals(Sex.FEMALE, byId(ravdess, "03-01-05-02-01-01-24").sex());
    }

    @Test
    void theTwoIdenticalRavdessFilesShareOneContentHash() {
        Clip a = byId(ravdess, "03-01-03-01-02-01-07");
        Clip b = byId(ravdess, "03-01-03-01-02-02-07");
        assertEquals(a.sha256(), b.sha256());
        long distinct = ravdess.clips().stream().map(Clip::sha256).distinct().count();
        assertEquals(1439, distinct, "exactly one pair of byte-identical files");
    }

    @Test
    void sharedSixSelectsThePapersSubsets() {
        // The paper: EmoDB without boredom 454 clips, RAVDESS without calm and surprised 1056.
        assertEquals(454, LabelSpace.SHARED6.select(emodb.clips()).size());
        assertEquals(1056, LabelSpace.SHARED6.select(ravdess.clips()).size());
        assertEquals(List.of("neutral", "happiness", "sadness", "anger", "fear", "disgust"), LabelSpace.SHARED6.labels());
        assertEquals(7, LabelSpace.of(Corpus.EMODB, "native").size());
        assertEquals(8, LabelSpace.of(Corpus.RAVDESS, "native").size());
        assertEquals(9, LabelSpace.of(Corpus.JOINT, "native").size());
    }

    @Test
    void jointCorpusKeepsSpeakersApart() {
        Corpus joint = Corpus.load(Corpus.JOINT);
        assertEquals(1975, joint.size());
        assertEquals(34, joint.speakers().size(), "emodb:03 and ravdess:03 are different people");
    }

    @Test
    void unknownLabelsAreRefusedWithTheFileName(@TempDir Path dir) throws IOException {
        Path wav = Files.createDirectories(dir.resolve("emodb/wav"));
        Files.write(wav.resolve("03a01Xa.wav"), new byte[]{1});
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> Corpus.load(Corpus.EMODB, dir, false));
        assertTrue(e.getMessage().contains("03a01Xa.wav") && e.getMessage().contains("unknown EmoDB emotion letter 'X'"), e.getMessage());

        Path actor = Files.createDirectories(dir.resolve("ravdess/Actor_01"));
        Files.write(actor.resolve("03-01-09-01-01-01-01.flac"), new byte[]{1});
        e = assertThrows(CorpusFormatException.class, () -> Corpus.load(Corpus.RAVDESS, dir, false));
        assertTrue(e.getMessage().contains("03-01-09-01-01-01-01.flac") && e.getMessage().contains("emotion code '09'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromLabel("angry"));
    }

    @Test
    void missingOrIncompleteDataSaysWhatToDo(@TempDir Path dir) throws IOException {
        CorpusFormatException missing = assertThrows(CorpusFormatException.class, () -> Corpus.load(Corpus.EMODB, dir, true));
        assertTrue(missing.getMessage().contains("does not exist") && missing.getMessage().contains("sep-data download"),
                missing.getMessage());
        Path wav = Files.createDirectories(dir.resolve("emodb/wav"));
        Files.copy(emodb.clips().get(0).file(), wav.resolve(emodb.clips().get(0).file().getFileName()));
        CorpusFormatException incomplete = assertThrows(CorpusFormatException.class, () -> Corpus.load(Corpus.EMODB, dir, true));
        assertTrue(incomplete.getMessage().contains("found 1 of the 535"), incomplete.getMessage());
        assertEquals(1, Corpus.load(Corpus.EMODB, dir, false).size());
    }

    static Clip byId(Corpus corpus, String id) {
        return corpus.clips().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
