package sep.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Speaker-disjoint splits and folds on the real corpora. */
class SplitsTest {
    static Corpus emodb;
    static Corpus ravdess;

    @BeforeAll
    static void load() {
        emodb = Corpus.load(Corpus.EMODB);
        ravdess = Corpus.load(Corpus.RAVDESS);
    }

    @Test
    void quickSplitIsSpeakerDisjointSexBalancedAndRepeatable() {
        Fold fold = Splits.speakerSplit(emodb.clips(), 12345);
        assertEquals(2, fold.testSpeakers().size());
        assertEquals(2, fold.validationSpeakers().size());
        assertEquals(emodb.size(), fold.train().size() + fold.validation().size() + fold.test().size());
        assertEquals(Set.of(Sex.MALE, Sex.FEMALE), sexes(fold.test()));
        assertEquals(Set.of(Sex.MALE, Sex.FEMALE), sexes(fold.validation()));
        assertEquals(fold.testSpeakers(), Splits.speakerSplit(emodb.clips(), 12345).testSpeakers());
        assertNotEquals(fold.testSpeakers(), Splits.speakerSplit(emodb.clips(), 99).testSpeakers(), "the seed matters");

        Fold r = Splits.speakerSplit(ravdess.clips(), 12345);
        assertEquals(4, r.testSpeakers().size());
        assertEquals(4, r.validationSpeakers().size());
    }

    @Test
    void leaveOneSpeakerOutCoversEverySpeakerOnce() {
        List<Fold> folds = Splits.leaveOneSpeakerOut(emodb.clips(), 1);
        assertEquals(10, folds.size());
        Set<String> tested = new HashSet<>();
        int testClips = 0;
        for (Fold fold : folds) {
            assertEquals(1, fold.testSpeakers().size());
            assertTrue(tested.addAll(fold.testSpeakers()));
            assertEquals(2, fold.validationSpeakers().size(), "validation comes from the training side");
            assertTrue(fold.validationSpeakers().stream().noneMatch(fold.testSpeakers()::contains));
            testClips += fold.test().size();
        }
        assertEquals(535, testClips);
    }

    @Test
    void ravdessFoldsAreSixGroupsOfFourConsecutiveActors() {
        List<Fold> folds = Splits.speakerFolds(Corpus.RAVDESS, ravdess.clips(), 1);
        assertEquals(6, folds.size());
        assertEquals(Set.of("ravdess:01", "ravdess:02", "ravdess:03", "ravdess:04"), folds.get(0).testSpeakers());
        for (Fold fold : folds) {
            assertEquals(240, fold.test().size());
            assertEquals(Set.of(Sex.MALE, Sex.FEMALE), sexes(fold.test()));
            assertEquals(4, fold.validationSpeakers().size());
            assertEquals(2, fold.validation().stream().filter(c -> c.sex() == Sex.MALE).map(Clip::speaker).distinct().count());
        }
    }

    @Test
    void randomSplitKeepsIdenticalRecordingsTogetherAndIsStratified() {
        List<Clip> six = LabelSpace.SHARED6.select(ravdess.clips());
        for (long seed = 0; seed < 20; seed++) {
            Fold fold = Splits.randomStratified(six, 0.2, seed); // the Fold constructor refuses split duplicates
            assertEquals(six.size(), fold.train().size() + fold.validation().size() + fold.test().size());
            assertTrue(fold.speakersMixed());
            for (Emotion e : LabelSpace.SHARED6.classes()) {
                long all = six.stream().filter(c -> c.emotion() == e).count();
                long test = fold.test().stream().filter(c -> c.emotion() == e).count();
                assertEquals(all * 0.2, test, 1.0, e.label());
            }
        }
    }

    @Test
    void aFoldWithOneRecordingOnTwoSidesIsRefused() {
        Clip a = CorpusTest.byId(ravdess, "03-01-03-01-02-01-07");
        Clip b = CorpusTest.byId(ravdess, "03-01-03-01-02-02-07");
        List<Clip> train = new ArrayList<>(List.of(a));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Fold("bad", train, List.of(), List.of(b), true));
        assertTrue(e.getMessage().contains("content"), e.getMessage());
        Clip other = CorpusTest.byId(ravdess, "03-01-05-02-01-01-07");
        assertThrows(IllegalStateException.class, () -> new Fold("bad", List.of(a), List.of(), List.of(other), false),
                "same speaker on two sides");
    }

    @Test
    void crossCorpusValidatesOnTrainingCorpusSpeakers() {
        Fold fold = Splits.crossCorpus(LabelSpace.SHARED6.select(emodb.clips()), LabelSpace.SHARED6.select(ravdess.clips()), 3);
        assertEquals("emodb->ravdess", fold.name());
        assertEquals(1056, fold.test().size());
        assertTrue(fold.validation().stream().allMatch(c -> c.dataset().equals(Corpus.EMODB)));
        assertEquals(2, fold.validationSpeakers().size());
    }

    private static Set<Sex> sexes(List<Clip> clips) {
        Set<Sex> s = new HashSet<>();
        clips.forEach(c -> s.add(c.sex()));
        return s;
    }
}
