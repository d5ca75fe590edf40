package sep.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Publishing a report into results/: a re-run that makes the same report leaves the committed copy untouched. */
class PublishTest {
    @Test
    void theSameReportLeavesThePublishedCopyAndItsManifestAlone(@TempDir Path tmp) throws IOException {
        Path first = run(tmp.resolve("run1"), "{\"id\": \"run1\"}", "counts 1,2,3");
        Path target = tmp.resolve("results/explore");
        assertTrue(Publish.copyRun(first, target));
        assertEquals("{\"id\": \"run1\"}", Files.readString(target.resolve("manifest.json")));

        // Another run, same report: its manifest (new id, times, commit) must not replace the published one.
        Path second = run(tmp.resolve("run2"), "{\"id\": \"run2\"}", "counts 1,2,3");
        assertFalse(Publish.copyRun(second, target));
        assertEquals("{\"id\": \"run1\"}", Files.readString(target.resolve("manifest.json")));

        // A changed report arrives whole, with the manifest of the run that made it; files it no longer has go.
        Files.writeString(target.resolve("stale.png"), "old chart");
        Path third = run(tmp.resolve("run3"), "{\"id\": \"run3\"}", "counts 1,2,4");
        assertTrue(Publish.copyRun(third, target));
        assertEquals("{\"id\": \"run3\"}", Files.readString(target.resolve("manifest.json")));
        assertEquals("counts 1,2,4", Files.readString(target.resolve("summary.md")));
        assertFalse(Files.exists(target.resolve("stale.png")));
        assertFalse(Files.exists(target.resolve("folds")), "only the run's files are published, not its sub-folders");
    }

    private static Path run(Path dir, String manifest, String summary) throws IOException {
        Files.createDirectories(dir.resolve("folds"));
        Files.writeString(dir.resolve("manifest.json"), manifest);
        Files.writeString(dir.resolve("summary.md"), summary);
        Files.writeString(dir.resolve("folds/ignored.txt"), "x");
        return dir;
    }
}
