package sep.prediction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** File discovery: recursion, order, what is taken from folders and what is passed over. */
class AudioFilesTest {
    @Test
    void walksFoldersInNameOrderTakingAudioByNameOrContent(@TempDir Path dir) throws IOException {
        Map<Path, Path> made = TestAudio.mixedFolder(dir);
        // An audio file without an audio extension is found by its first bytes; a folder named like audio is reported.
        Path noExtension = TestAudio.copy(TestAudio.emodb("03a01Fa"), dir.resolve("b/recording-without-extension"));
        Path folderNamedLikeAudio = Files.createDirectories(dir.resolve("b/take.wav"));
        Files.writeString(dir.resolve("b/mp3-named.mp3"), "ID3 not really");
        AudioFiles files = new AudioFiles(List.of(dir));
        List<Path> found = new ArrayList<>();
        for (AudioFiles.Found f : files) found.add(f.path());
        List<Path> expected = List.of(dir.resolve("a/deeper/ravdess.flac"), dir.resolve("a/neutral.aiff"), dir.resolve("a/original.wav"),
                dir.resolve("b/mp3-named.mp3"), dir.resolve("b/neutral-24bit.wav"), dir.resolve("b/really-aiff.wav"), noExtension,
                dir.resolve("b/sad-96k-stereo.wav"), folderNamedLikeAudio);
        assertEquals(expected, found, "depth first, names in order, hidden .hidden.wav skipped");
        assertTrue(found.containsAll(made.keySet()));
        assertEquals(1, files.passedOver(), "notes.txt is passed over");
        assertEquals(expected.size(), new AudioFiles(List.of(dir)).count());
    }

    @Test
    void namedFilesAreTakenWhateverTheirNameAndMissingOnesAreReported(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path missing = dir.resolve("nowhere.wav");
        List<AudioFiles.Found> found = new ArrayList<>();
        new AudioFiles(List.of(text, missing)).forEach(found::add);
        assertEquals(2, found.size());
        assertEquals(text, found.get(0).path(), "a file named on the command line is tried even if it is not audio by name");
        assertEquals(missing, found.get(1).path(), "a missing path is passed on, so that it is reported");
        assertThrows(IllegalArgumentException.class, () -> new AudioFiles(List.of()));
    }

    @Test
    void aFolderThatLinksToItselfIsWalkedOnce(@TempDir Path dir) throws IOException {
        TestAudio.copy(TestAudio.emodb("03a01Fa"), dir.resolve("x/a.wav"));
        Files.createSymbolicLink(dir.resolve("x/loop"), dir.resolve("x"));
        assertEquals(1, new AudioFiles(List.of(dir)).count());
    }
}
