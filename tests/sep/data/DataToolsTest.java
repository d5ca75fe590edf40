package sep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import sep.util.Json;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands behind {@code ./jbang sep-data}: exit codes and what they print. */
class DataToolsTest {
    static final Path SHARED_DATA = DataLocation.dataDir();

    @TempDir Path dataDir;
    @TempDir Path runsDir;
    private String savedDataDir;
    private String savedRunsDir;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void pointDataDirHere() {
        savedDataDir = System.getProperty("SEP_DATA_DIR");
        System.setProperty("SEP_DATA_DIR", dataDir.toString());
        savedRunsDir = System.getProperty("SEP_RUNS_DIR");
        System.setProperty("SEP_RUNS_DIR", runsDir.toString());
    }

    @AfterEach
    void restoreDataDir() {
        if (savedDataDir == null) System.clearProperty("SEP_DATA_DIR");
        else System.setProperty("SEP_DATA_DIR", savedDataDir);
        if (savedRunsDir == null) System.clearProperty("SEP_RUNS_DIR");
        else System.setProperty("SEP_RUNS_DIR", savedRunsDir);
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whereShowsTheDataFolderFromTheSetting() {
        assertEquals(0, DataTools.where(out));
        String text = out();
        assertTrue(text.contains("data          " + dataDir + "  (from -DSEP_DATA_DIR; exists)"), text);
        assertTrue(text.startsWith("project root  "), text);
        assertTrue(text.contains("\ncache  ") && text.contains("\nruns  "), text);
    }

    @Test
    void verifyPassesOnTheSharedDataAndFailsOnAnEmptyFolder() {
        assertEquals(0, DataTools.verify(SHARED_DATA, true, null, out, err), err());
        assertTrue(out().startsWith("OK: all 2035 files"), out());

        assertEquals(1, DataTools.verify(DataTools.defaultDataDir(), false, "emodb", out, err));
        String text = err();
        assertTrue(text.startsWith("FAILED: 535 missing of 535 files in " + dataDir), text);
        // The data folder is the configured one, so the advice needs no --dir.
        assertTrue(text.contains("run `./jbang sep-data download --dataset emodb`"), text);
    }

    @Test
    void verifyWritesARunFolderLikeEveryStep() throws IOException {
        assertEquals(0, DataTools.verify(SHARED_DATA, true, "emodb", out, err), err());
        assertEquals(1, DataTools.verify(dataDir, true, "emodb", out, err));
        List<Path> runs;
        try (Stream<Path> list = Files.list(runsDir)) {
            runs = list.sorted().toList();
        }
        assertEquals(2, runs.size(), runs.toString());
        JsonNode passed = Json.read(runs.get(0).resolve("manifest.json"));
        assertTrue(runs.get(0).getFileName().toString().endsWith("-data-verify"), runs.get(0).toString());
        assertEquals("ok", passed.get("status").asText());
        assertEquals(SHARED_DATA.toAbsolutePath().normalize().toString(), passed.get("config").get("data_dir").asText());
        assertEquals(535, passed.get("data").get("emodb").get("ok").asInt(), passed.toString());
        assertTrue(passed.has("git") && passed.has("ended"), passed.toString());
        assertTrue(Files.readString(runs.get(0).resolve("verification.txt")).startsWith("OK: all 535 files"));
        JsonNode failed = Json.read(runs.get(1).resolve("manifest.json"));
        assertEquals("failed", failed.get("status").asText());
        assertEquals(535, failed.get("data").get("emodb").get("missing").asInt(), failed.toString());
    }

    @Test
    void badArgumentsAreReportedWithExitCode2() {
        assertEquals(2, DataTools.download(dataDir, "iemocap", "http://x/", "http://y/", 0, false, out, err));
        assertTrue(err().contains("unknown dataset 'iemocap'"), err());
        assertEquals(2, DataTools.download(dataDir, "emodb", "ftp://x/download.zip", "http://y/", 0, false, out, err));
        assertTrue(err().contains("--emodb-url must be an http or https URL"), err());
    }

    /**
     * The whole EmoDB corpus through the command: the shared EmoDB files are the original ones, so a zip of
     * them laid out like the official download.zip must pass the shipped official sums.
     */
    @Test
    void downloadInstallsEmoDbFromAnArchiveOfTheOriginalFiles() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (OfficialSums.Entry e : OfficialSums.bundled().forArchive(OfficialDataset.EMODB.archiveName()).values()) {
            files.put(e.pathInArchive(), Files.readAllBytes(SHARED_DATA.resolve("emodb").resolve(e.pathInArchive())));
        }
        byte[] zip = DatasetDownloaderTest.zip(files, null);
        try (TestHttpServer server = new TestHttpServer(zip)) {
            int code = DataTools.download(dataDir, "emodb", server.url().toString(), "http://unused/", 0, false, out, err);
            assertEquals(0, code, err());
            assertEquals("OK: emodb installed and verified in " + dataDir + "\n", out());
            assertTrue(err().contains("emodb: 535 files unpacked; all 535 verified"), err());
        }
        assertArrayEquals(Files.readAllBytes(SHARED_DATA.resolve("emodb/wav/16b10Wb.wav")),
                Files.readAllBytes(dataDir.resolve("emodb/wav/16b10Wb.wav")));
        ByteArrayOutputStream verifyOut = new ByteArrayOutputStream();
        assertEquals(0, DataTools.verify(dataDir, false, "emodb", new PrintStream(verifyOut, true, StandardCharsets.UTF_8), err));
        // The download is a step like any other: its run folder says what it fetched and how it ended.
        try (Stream<Path> list = Files.list(runsDir)) {
            Path download = list.filter(p -> p.getFileName().toString().endsWith("-data-download")).findFirst().orElseThrow();
            JsonNode manifest = Json.read(download.resolve("manifest.json"));
            assertEquals("ok", manifest.get("status").asText());
            assertEquals("installed and verified", manifest.get("data").get("emodb").get("outcome").asText(), manifest.toString());
            assertEquals(dataDir.toAbsolutePath().normalize().toString(), manifest.get("config").get("data_dir").asText());
        }
    }

    @Test
    void aFailedDownloadEndsWithAOneLineSummary() throws IOException {
        // Five files only: the shipped official sums expect 535.
        Map<String, byte[]> files = new LinkedHashMap<>();
        OfficialSums.bundled().forArchive(OfficialDataset.EMODB.archiveName()).values().stream().limit(5)
                .forEach(e -> files.put(e.pathInArchive(), new byte[] {1, 2, 3}));
        try (TestHttpServer server = new TestHttpServer(DatasetDownloaderTest.zip(files, null))) {
            int code = DataTools.download(dataDir, "emodb", server.url().toString(), "http://unused/", 0, false, out, err);
            assertEquals(1, code);
            String[] lines = err().strip().split("\n");
            assertEquals("FAILED: emodb could not be installed in " + dataDir + " (see above)", lines[lines.length - 1]);
            assertTrue(err().contains("lacks 530 of the 535 files"), err());
        }
    }
}
