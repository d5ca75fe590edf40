package sep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sep.util.Progress;

/** The downloader against a real HTTP server on 127.0.0.1 serving a zip built here from real EmoDB files. */
class DatasetDownloaderTest {
    static final Path SHARED_DATA = DataLocation.dataDir();
    static List<OfficialSums.Entry> subset;        // 5 EmoDB files with their official sums
    static byte[] archive;                         // a zip laid out like EmoDB's download.zip, with those 5
    static List<long[]> dataRanges;                // where each entry's data lies in the archive

    @TempDir Path dataDir;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void buildArchive() throws IOException {
        subset = OfficialSums.bundled().entries().stream()
                .filter(e -> e.archive().equals(OfficialDataset.EMODB.archiveName())).limit(5)
                .collect(Collectors.toList());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("erkennung.txt", "not audio, stays in the archive\n".getBytes(StandardCharsets.UTF_8));
        for (OfficialSums.Entry e : subset) {
            files.put(e.pathInArchive(), Files.readAllBytes(SHARED_DATA.resolve("emodb").resolve(e.pathInArchive())));
            files.put("lablaut/" + e.pathInArchive().substring(4).replace(".wav", ".lab"), "0.1 a\n".getBytes(StandardCharsets.UTF_8));
        }
        dataRanges = new ArrayList<>();
        archive = zip(files, dataRanges);
    }

    /** Builds a zip; records for each entry the [start, end) of its compressed data. */
    static byte[] zip(Map<String, byte[]> files, List<long[]> ranges) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.flush();
                long start = bytes.size();
                zip.write(f.getValue());
                zip.closeEntry();
                if (ranges != null) ranges.add(new long[] {start, bytes.size()});
            }
        }
        return bytes.toByteArray();
    }

    DatasetDownloader.Builder downloader(List<OfficialSums.Entry> sums) {
        return DatasetDownloader.builder().sums(new OfficialSums(sums)).retries(3).backoff(Duration.ofMillis(5))
                .progress(Progress.Factory.QUIET).log(log::add);
    }

    Path archivePath() {
        return dataDir.resolve(".downloads").resolve(OfficialDataset.EMODB.archiveName());
    }

    List<Path> regularFilesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    void assertSubsetInstalled() throws IOException {
        for (OfficialSums.Entry e : subset) {
            Path installed = dataDir.resolve("emodb").resolve(e.pathInArchive());
            assertArrayEquals(Files.readAllBytes(SHARED_DATA.resolve("emodb").resolve(e.pathInArchive())),
                    Files.readAllBytes(installed), installed.toString());
        }
        assertEquals(5, regularFilesIn(dataDir.resolve("emodb")).size(), "only the audio files are unpacked");
    }

    /** The offset of a {@code bytes=N-} request; a dropped connection may lose data in flight, so N is at most {@code sent}. */
    static long resumedAt(String range, long sent) {
        Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
        assertTrue(m.matches(), "a resume request, got " + range);
        long offset = Long.parseLong(m.group(1));
        assertTrue(offset > 0 && offset <= sent, "resumed at " + offset + " after " + sent + " bytes were sent");
        return offset;
    }

    @Test
    void downloadsUnpacksAndVerifies() throws IOException {
        try (TestHttpServer server = new TestHttpServer(archive)) {
            DatasetDownloader dl = downloader(subset).build();
            DatasetDownloader.InstallResult result = dl.install(OfficialDataset.EMODB, server.url(), dataDir);
            assertFalse(result.alreadyPresent());
            assertTrue(result.downloaded());
            assertEquals(5, result.unpacked());
            assertTrue(result.report().isOk(), result.report().render());
            assertEquals(5, result.report().checked());
            assertSubsetInstalled();
            assertFalse(Files.exists(dataDir.resolve(".downloads")), "archive, .part and staging all gone");
            assertEquals(List.of(TestHttpServer.NO_RANGE), server.ranges());

            // A second run finds everything in place and does not touch the network.
            DatasetDownloader.InstallResult again = dl.install(OfficialDataset.EMODB, server.url(), dataDir);
            assertTrue(again.alreadyPresent());
            assertEquals(1, server.ranges().size());
            assertTrue(again.summary().contains("all 5 files already present"), again.summary());
        }
    }

    @Test
    void refusesToUnpackIntoAPreparedCopyWithItsOwnManifest() throws IOException {
        Files.writeString(dataDir.resolve(Manifest.FILE_NAME), "dataset\trelative_path\tsha256\n");
        try (TestHttpServer server = new TestHttpServer(archive)) {
            DataException e = assertThrows(DataException.class, () ->
                    downloader(subset).build().install(OfficialDataset.EMODB, server.url(), dataDir));
            assertTrue(e.getMessage().startsWith(dataDir + " holds a prepared copy"), e.getMessage());
            assertTrue(e.getMessage().contains("--dir"), e.getMessage());
            assertEquals(List.of(), server.ranges(), "nothing was requested");
            assertEquals(List.of(dataDir.resolve(Manifest.FILE_NAME)), regularFilesIn(dataDir));
        }
    }

    @Test
    void keepsTheArchiveWhenAsked() throws IOException {
        try (TestHttpServer server = new TestHttpServer(archive)) {
            downloader(subset).keepArchives(true).build().install(OfficialDataset.EMODB, server.url(), dataDir);
            assertArrayEquals(archive, Files.readAllBytes(archivePath()));
        }
    }

    @Test
    void resumesADroppedConnectionWithARangeRequest() throws IOException {
        int half = archive.length / 2;
        try (TestHttpServer server = new TestHttpServer(archive)) {
            server.behaviour((exchange, body, n) -> {
                if (n == 0) TestHttpServer.dropAfter(exchange, body, half);
                else TestHttpServer.serveWithRanges(exchange, body, n);
            });
            Path target = dataDir.resolve("download.zip");
            downloader(subset).build().fetch(server.url(), target);
            List<String> ranges = server.ranges();
            assertEquals(2, ranges.size(), ranges.toString());
            assertEquals(TestHttpServer.NO_RANGE, ranges.get(0));
            long resumedAt = resumedAt(ranges.get(1), half);
            assertArrayEquals(archive, Files.readAllBytes(target));
            assertFalse(Files.exists(dataDir.resolve("download.zip.part")));
            assertTrue(log.stream().anyMatch(m -> m.contains("interrupted at " + resumedAt + " bytes")), log.toString());
        }
    }

    @Test
    void resumesAPartialFileLeftByAnEarlierRunAndInstalls() throws IOException {
        Path part = archivePath().resolveSibling(archivePath().getFileName() + ".part");
        Files.createDirectories(part.getParent());
        Files.write(part, Arrays.copyOf(archive, 1000));
        try (TestHttpServer server = new TestHttpServer(archive)) {
            DatasetDownloader.InstallResult result = downloader(subset).keepArchives(true).build()
                    .install(OfficialDataset.EMODB, server.url(), dataDir);
            assertEquals(List.of("bytes=1000-"), server.ranges());
            assertArrayEquals(archive, Files.readAllBytes(archivePath()));
            assertEquals(5, result.unpacked());
            assertSubsetInstalled();
        }
    }

    @Test
    void startsOverWhenTheServerIgnoresRange() throws IOException {
        int half = archive.length / 2;
        try (TestHttpServer server = new TestHttpServer(archive)) {
            server.behaviour((exchange, body, n) -> {
                if (n == 0) TestHttpServer.dropAfter(exchange, body, half);
                else TestHttpServer.serveWhole(exchange, body, n);
            });
            Path target = dataDir.resolve("download.zip");
            // The partial file holds zeros where the archive has data: appending the whole body to it, or
            // keeping any of it, would give a different file.
            downloader(subset).build().fetch(server.url(), target);
            List<String> ranges = server.ranges();
            assertEquals(2, ranges.size(), ranges.toString());
            assertEquals(TestHttpServer.NO_RANGE, ranges.get(0));
            resumedAt(ranges.get(1), half);
            assertArrayEquals(archive, Files.readAllBytes(target));
            assertTrue(log.stream().anyMatch(m -> m.contains("ignored the request to resume")), log.toString());
        }
    }

    @Test
    void aStalledTransferIsAbandonedAndResumed() throws IOException {
        int third = archive.length / 3;
        try (TestHttpServer server = new TestHttpServer(archive)) {
            server.behaviour((exchange, body, n) -> {
                if (n == 0) {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body, 0, third);
                    exchange.getResponseBody().flush();
                    try {
                        Thread.sleep(5_000);   // sends nothing more: the client must give up on its own
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("test server: giving up on the stalled answer");
                }
                TestHttpServer.serveWithRanges(exchange, body, n);
            });
            Path target = dataDir.resolve("download.zip");
            long start = System.nanoTime();
            downloader(subset).stallTimeout(Duration.ofMillis(300)).build().fetch(server.url(), target);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertArrayEquals(archive, Files.readAllBytes(target));
            assertEquals(2, server.ranges().size(), server.ranges().toString());
            resumedAt(server.ranges().get(1), third);
            assertTrue(seconds < 4, "the stall was detected after " + seconds + " s; " + log);
            assertTrue(log.stream().anyMatch(m -> m.contains("no data received")), log.toString());
        }
    }

    @Test
    void aCorruptArchiveLeavesNoFilesBehind() throws IOException {
        byte[] corrupt = archive.clone();
        long[] third = dataRanges.get(5);   // the 3rd wav (entries alternate: txt, wav, lab, wav, lab, wav, ...)
        for (long i = third[0] + 100; i < third[0] + 110; i++) corrupt[(int) i] ^= (byte) 0x5A;
        try (TestHttpServer server = new TestHttpServer(corrupt)) {
            DataException e = assertThrows(DataException.class, () ->
                    downloader(subset).build().install(OfficialDataset.EMODB, server.url(), dataDir));
            assertTrue(e.getMessage().contains(archivePath() + " is damaged"), e.getMessage());
            assertTrue(e.getMessage().contains(subset.get(2).pathInArchive()), e.getMessage());
            assertTrue(e.getMessage().contains("deleted the archive, run the command again"), e.getMessage());
            assertEquals(List.of(), regularFilesIn(dataDir), "no unpacked, staged, partial or damaged file is left");
        }
    }

    @Test
    void somethingThatIsNotAZipIsRejectedAndDeleted() throws IOException {
        byte[] page = "<html><body>Service temporarily unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(archive, archive.length * 2 / 3);
        for (byte[] body : List.of(page, truncated)) {
            try (TestHttpServer server = new TestHttpServer(body)) {
                DataException e = assertThrows(DataException.class, () ->
                        downloader(subset).build().install(OfficialDataset.EMODB, server.url(), dataDir));
                assertTrue(e.getMessage().startsWith(archivePath() + " is not a readable zip archive"), e.getMessage());
                assertTrue(e.getMessage().contains("Deleted it"), e.getMessage());
                assertEquals(List.of(), regularFilesIn(dataDir));
            }
        }
    }

    @Test
    void anArchiveThatDiffersFromTheSumsIsKeptButNothingIsInstalled() throws IOException {
        List<OfficialSums.Entry> wrong = new ArrayList<>(subset);
        OfficialSums.Entry e3 = wrong.get(3);
        wrong.set(3, new OfficialSums.Entry(e3.archive(), e3.pathInArchive(), "0".repeat(64), e3.bytes()));
        try (TestHttpServer server = new TestHttpServer(archive)) {
            DataException e = assertThrows(DataException.class, () ->
                    downloader(wrong).build().install(OfficialDataset.EMODB, server.url(), dataDir));
            assertTrue(e.getMessage().contains("1 files in " + archivePath() + " differ from the official sums"), e.getMessage());
            assertTrue(e.getMessage().contains(e3.pathInArchive()) && e.getMessage().contains("kept"), e.getMessage());
            assertEquals(List.of(archivePath()), regularFilesIn(dataDir), "only the archive remains");
        }
    }

    @Test
    void anArchiveLackingListedFilesIsRejected() throws IOException {
        List<OfficialSums.Entry> more = new ArrayList<>(subset);
        more.add(OfficialSums.bundled().entries().stream()
                .filter(e -> e.archive().equals(OfficialDataset.EMODB.archiveName())).skip(10).findFirst().orElseThrow());
        try (TestHttpServer server = new TestHttpServer(archive)) {
            DataException e = assertThrows(DataException.class, () ->
                    downloader(more).build().install(OfficialDataset.EMODB, server.url(), dataDir));
            assertTrue(e.getMessage().contains("lacks 1 of the 6 files"), e.getMessage());
            assertTrue(e.getMessage().contains(more.get(5).pathInArchive()), e.getMessage());
            assertEquals(List.of(archivePath()), regularFilesIn(dataDir));
        }
    }

    @Test
    void zipSlipPathsAreRefused() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (OfficialSums.Entry e : subset) {
            files.put(e.pathInArchive(), Files.readAllBytes(SHARED_DATA.resolve("emodb").resolve(e.pathInArchive())));
        }
        files.put("wav/../../../evil.wav", "RIFF".getBytes(StandardCharsets.UTF_8));
        byte[] evil = zip(files, null);
        try (TestHttpServer server = new TestHttpServer(evil)) {
            DataException e = assertThrows(DataException.class, () ->
                    downloader(subset).build().install(OfficialDataset.EMODB, server.url(), dataDir));
            assertTrue(e.getMessage().contains("unsafe path 'wav/../../../evil.wav'"), e.getMessage());
            assertEquals(List.of(archivePath()), regularFilesIn(dataDir));
            assertFalse(Files.exists(dataDir.getParent().resolve("evil.wav")));
        }
        assertFalse(DatasetDownloader.isSafeEntryName("/etc/evil.wav"));
        assertFalse(DatasetDownloader.isSafeEntryName("wav\\..\\..\\evil.wav"));
        assertFalse(DatasetDownloader.isSafeEntryName("C:/evil.wav"));
        assertTrue(DatasetDownloader.isSafeEntryName("wav/03a01Fa.wav"));
    }

    @Test
    void keepsGoodFilesAndReplacesDamagedOnes() throws IOException {
        Path good = dataDir.resolve("emodb").resolve(subset.get(0).pathInArchive());
        Path damaged = dataDir.resolve("emodb").resolve(subset.get(1).pathInArchive());
        Files.createDirectories(good.getParent());
        Files.copy(SHARED_DATA.resolve("emodb").resolve(subset.get(0).pathInArchive()), good);
        Files.copy(SHARED_DATA.resolve("emodb").resolve(subset.get(1).pathInArchive()), damaged);
        DatasetVerifierTest.flipOneByte(damaged, 500);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(good, old);
        try (TestHttpServer server = new TestHttpServer(archive)) {
            DatasetDownloader.InstallResult result = downloader(subset).build()
                    .install(OfficialDataset.EMODB, server.url(), dataDir);
            assertEquals(4, result.unpacked());
            assertEquals(1, result.alreadyGood());
            assertEquals(old, Files.getLastModifiedTime(good), "a file already correct is not rewritten");
            assertSubsetInstalled();
        }
    }

    @Test
    void givesUpWhenRetriesAreExhausted() throws IOException {
        try (TestHttpServer server = new TestHttpServer(archive)) {
            server.behaviour((exchange, body, n) -> TestHttpServer.status(exchange, 503));
            DataException e = assertThrows(DataException.class, () ->
                    downloader(subset).retries(2).build().install(OfficialDataset.EMODB, server.url(), dataDir));
            assertEquals(3, server.ranges().size(), "one attempt and two retries");
            assertTrue(e.getMessage().startsWith("download of " + server.url() + " failed: HTTP 503"), e.getMessage());
            assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
            assertEquals(2, log.stream().filter(m -> m.contains("retrying in")).count(), log.toString());
            assertEquals(List.of(), regularFilesIn(dataDir));
        }
    }

    @Test
    void retriesCountOnlyAttemptsWithoutProgress() throws IOException {
        int half = archive.length / 2;
        try (TestHttpServer server = new TestHttpServer(archive)) {
            // Ignores Range and always drops at the same point: once no attempt gets further than the best
            // one so far, the retry budget runs out, rather than the download looping forever.
            server.behaviour((exchange, body, n) -> TestHttpServer.dropAfter(exchange, body, half));
            Path target = dataDir.resolve("download.zip");
            DataException e = assertThrows(DataException.class, () ->
                    downloader(subset).retries(2).build().fetch(server.url(), target));
            int requests = server.ranges().size();
            assertTrue(requests >= 4 && requests <= 12, requests + " requests: " + log);
            assertTrue(e.getMessage().contains(requests + " attempts, the last 3 without progress"), e.getMessage());
            assertTrue(e.getMessage().matches("(?s).*" + Pattern.quote(target + ".part (") + "\\d+ bytes\\) is kept.*"),
                    e.getMessage());
            assertFalse(Files.exists(target));
        }
    }

    @Test
    void notFoundFailsAtOnceNamingTheUrl() throws IOException {
        try (TestHttpServer server = new TestHttpServer(archive)) {
            server.behaviour((exchange, body, n) -> TestHttpServer.status(exchange, 404));
            DataException e = assertThrows(DataException.class, () ->
                    downloader(subset).build().install(OfficialDataset.EMODB, server.url(), dataDir));
            assertEquals(1, server.ranges().size(), "a 404 is not retried");
            assertTrue(e.getMessage().contains(server.url() + " failed with HTTP 404"), e.getMessage());
            assertTrue(e.getMessage().contains("--emodb-url"), e.getMessage());
        }
    }

    @Test
    void anUnreachableServerIsRetriedThenReported() {
        java.net.URI closed;
        try (TestHttpServer server = new TestHttpServer(archive)) {
            closed = server.url();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        DataException e = assertThrows(DataException.class, () ->
                downloader(subset).retries(1).build().fetch(closed, dataDir.resolve("x.zip")));
        assertTrue(e.getMessage().startsWith("download of " + closed + " failed: cannot connect"), e.getMessage());
        assertTrue(e.getMessage().contains("2 attempts"), e.getMessage());
    }
}
