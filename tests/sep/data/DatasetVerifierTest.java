package sep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sep.util.Progress;

class DatasetVerifierTest {
    static final Path SHARED_DATA = DataLocation.dataDir();
    private final DatasetVerifier verifier = new DatasetVerifier(Runtime.getRuntime().availableProcessors(),
            Progress.Factory.QUIET);

    static Path sharedManifest() {
        Path manifest = SHARED_DATA.resolve(Manifest.FILE_NAME);
        assertTrue(Files.isRegularFile(manifest), "the shared data with its MANIFEST.tsv is expected at " + manifest
                + " (set -DSEP_DATA_DIR=...)");
        return manifest;
    }

    @Test
    void sharedDataMatchesItsManifest() throws IOException {
        sharedManifest();
        long start = System.nanoTime();
        VerificationReport report = verifier.verify(SHARED_DATA, false);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(report.isOk(), report.render());
        assertEquals(2035, report.checked());
        assertEquals(2035, report.ok());
        assertEquals(535, report.dataset("emodb").ok());
        assertEquals(1440, report.dataset("ravdess").ok());
        assertEquals(60, report.dataset("ravdess-48k").ok());
        assertTrue(report.fromManifest());
        assertTrue(report.summary().startsWith("OK: all 2035 files"), report.summary());
        assertTrue(seconds < 20, "hashing 2035 files took " + seconds + " s");
    }

    @Test
    void quickCheckOfSharedDataPasses() throws IOException {
        sharedManifest();
        VerificationReport report = verifier.verify(SHARED_DATA, true);
        assertTrue(report.isOk(), report.render());
        assertTrue(report.quick());
        assertEquals(2035, report.checked());
    }

    /** Copies a few listed files into {@code dir} and writes a MANIFEST.tsv for them; returns their paths. */
    static List<ExpectedFile> copySubset(Path dir, int perDataset, boolean withBytes) throws IOException {
        List<ExpectedFile> all = Manifest.read(sharedManifest());
        List<ExpectedFile> chosen = new ArrayList<>();
        for (String dataset : List.of("emodb", "ravdess", "ravdess-48k")) {
            all.stream().filter(f -> f.dataset().equals(dataset)).limit(perDataset).forEach(chosen::add);
        }
        StringBuilder manifest = new StringBuilder("dataset\trelative_path\tsha256" + (withBytes ? "\tbytes" : "") + "\n");
        for (ExpectedFile f : chosen) {
            Path target = dir.resolve(f.path());
            Files.createDirectories(target.getParent());
            Files.copy(SHARED_DATA.resolve(f.path()), target);
            manifest.append(f.dataset()).append('\t').append(f.path()).append('\t').append(f.sha256());
            if (withBytes) manifest.append('\t').append(Files.size(target));
            manifest.append('\n');
        }
        Files.writeString(dir.resolve(Manifest.FILE_NAME), manifest.toString());
        return chosen;
    }

    static void flipOneByte(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= 0x01;
        Files.write(file, bytes);
    }

    @Test
    void changedAndMissingFilesAreReported(@TempDir Path dir) throws IOException {
        List<ExpectedFile> files = copySubset(dir, 3, false);
        ExpectedFile changed = files.get(1);      // an EmoDB file
        ExpectedFile missing = files.get(4);      // a RAVDESS file
        flipOneByte(dir.resolve(changed.path()), 1000);
        Files.delete(dir.resolve(missing.path()));

        VerificationReport report = verifier.verify(dir, false);
        assertFalse(report.isOk());
        assertEquals(9, report.checked());
        assertEquals(7, report.ok());
        assertEquals(List.of(missing.path()), report.missing());
        assertEquals(List.of(changed.path()), report.mismatchedPaths());
        assertEquals(List.of(changed.path()), report.dataset("emodb").mismatchedPaths());
        assertEquals(List.of(missing.path()), report.dataset("ravdess").missing());
        assertTrue(report.dataset("ravdess-48k").isOk());
        assertTrue(report.mismatched().get(0).problem().startsWith("SHA-256 "), report.mismatched().toString());

        String text = report.render();
        assertTrue(text.startsWith("FAILED: 1 missing, 1 differ of 9 files in " + dir), text);
        assertTrue(text.contains("missing: " + missing.path()), text);
        assertTrue(text.contains("differs: " + changed.path()), text);
        assertTrue(text.contains("SEP_DATA_DIR"), text);

        // Without hashes the changed byte goes unnoticed (same size, and this manifest gives no sizes),
        // the missing file does not.
        VerificationReport quick = verifier.verify(dir, true);
        assertEquals(List.of(missing.path()), quick.missing());
        assertEquals(List.of(), quick.mismatched());
    }

    @Test
    void quickCheckComparesSizesWhenTheListGivesThem(@TempDir Path dir) throws IOException {
        List<ExpectedFile> files = copySubset(dir, 2, true);
        Path truncated = dir.resolve(files.get(0).path());
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 2));

        VerificationReport quick = verifier.verify(dir, true);
        assertEquals(List.of(files.get(0).path()), quick.mismatchedPaths());
        assertEquals("size " + (bytes.length - 2) + " bytes, expected " + bytes.length,
                quick.mismatched().get(0).problem());
        assertEquals(5, quick.ok());
    }

    @Test
    void withoutAManifestTheOfficialSumsAreUsed(@TempDir Path dir) throws IOException {
        // The EmoDB files of the shared data are the original ones, and ravdess-48k/Actor_24 holds the
        // original 48 kHz files of one RAVDESS actor: linked into the downloaded layout they must pass.
        Path emodbLink = dir.resolve("emodb/wav");
        Path ravdessLink = dir.resolve("ravdess/Actor_24");
        Files.createDirectories(emodbLink.getParent());
        Files.createSymbolicLink(emodbLink, SHARED_DATA.resolve("emodb/wav"));
        Files.createDirectories(ravdessLink.getParent());
        Files.createSymbolicLink(ravdessLink, SHARED_DATA.resolve("ravdess-48k/Actor_24"));
        try {
            checkOfficialLayout(dir);
        } finally {
            // Removed here so JUnit's cleanup does not warn about links pointing out of the temp folder.
            Files.delete(emodbLink);
            Files.delete(ravdessLink);
        }
    }

    private void checkOfficialLayout(Path dir) throws IOException {
        VerificationReport report = verifier.verify(dir, false);
        assertFalse(report.fromManifest());
        assertTrue(report.dataset("emodb").isOk(), report.render());
        assertEquals(535, report.dataset("emodb").ok());
        VerificationReport.DatasetResult ravdess = report.dataset("ravdess");
        assertEquals(1440, ravdess.checked());
        assertEquals(60, ravdess.ok());
        assertEquals(1380, ravdess.missing().size());
        assertTrue(ravdess.missing().contains("ravdess/Actor_01/03-01-01-01-01-01-01.wav"), ravdess.missing().get(0));
        assertTrue(report.render().contains("./jbang sep-data download --dataset ravdess --dir " + dir), report.render());

        VerificationReport emodbOnly = verifier.verify(dir, false, "emodb");
        assertTrue(emodbOnly.isOk(), emodbOnly.render());
        assertEquals(535, emodbOnly.checked());
    }

    @Test
    void anEmptyFolderIsReportedAsAllMissingWithTheDownloadCommand(@TempDir Path dir) throws IOException {
        VerificationReport report = verifier.verify(dir, true);
        assertEquals(1975, report.checked());
        assertEquals(1975, report.missing().size());
        assertTrue(report.dataset("emodb").isAbsent() && report.dataset("ravdess").isAbsent());
        String text = report.render();
        assertTrue(text.contains("emodb     535 files: all missing"), text);
        assertTrue(text.contains("run `./jbang sep-data download --dir " + dir + "`"), text);
    }

    @Test
    void unknownDatasetIsAClearError(@TempDir Path dir) {
        DataException e = assertThrows(DataException.class, () -> verifier.verify(dir, false, "iemocap"));
        assertTrue(e.getMessage().contains("'iemocap'") && e.getMessage().contains("emodb"), e.getMessage());
    }

    @Test
    void aManifestWithoutTheNeededColumnsIsRejectedByName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(Manifest.FILE_NAME), "path\thash\nemodb/wav/x.wav\tabc\n");
        DataException e = assertThrows(DataException.class, () -> verifier.verify(dir, false));
        assertTrue(e.getMessage().contains(dir.resolve(Manifest.FILE_NAME).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("relative_path"), e.getMessage());
    }

    @Test
    void aManifestCannotPointOutsideTheDataFolder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(Manifest.FILE_NAME), "dataset\trelative_path\tsha256\nemodb\t../etc/passwd\t"
                + "0".repeat(64) + "\n");
        DataException e = assertThrows(DataException.class, () -> verifier.verify(dir, false));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains(".."), e.getMessage());
    }

    @Test
    void shippedOfficialSumsAreTheOnesOfTheSharedData() throws IOException {
        byte[] shipped;
        try (InputStream in = OfficialSums.class.getResourceAsStream(OfficialSums.RESOURCE)) {
            assertTrue(in != null, "resource " + OfficialSums.RESOURCE + " missing from the classpath");
            shipped = in.readAllBytes();
        }
        Path original = SHARED_DATA.resolve("OFFICIAL-SHA256.tsv");
        assertEquals(Files.readString(original), new String(shipped, StandardCharsets.UTF_8),
                "shared/sep/data/official-sha256.tsv must be a copy of " + original);

        OfficialSums sums = OfficialSums.bundled();
        assertEquals(535, sums.expectedFiles(OfficialDataset.EMODB).size());
        assertEquals(1440, sums.expectedFiles(OfficialDataset.RAVDESS).size());
        ExpectedFile first = sums.expectedFiles(OfficialDataset.RAVDESS).get(0);
        assertTrue(first.path().matches("ravdess/Actor_\\d\\d/03-01-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d\\.wav"), first.path());
        assertTrue(sums.expectedFiles().stream().allMatch(f -> f.bytes() > 44), "every official file has its size");
        assertEquals(sums.expectedFiles().size(),
                sums.expectedFiles().stream().map(ExpectedFile::path).collect(Collectors.toSet()).size(),
                "paths are unique");
    }

    @Test
    void sha256MatchesAKnownValue(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("abc.txt");
        Files.writeString(file, "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DatasetVerifier.sha256(file));
    }
}
