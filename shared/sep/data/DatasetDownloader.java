package sep.data;

import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import sep.util.Progress;

/**
 * Downloads the official archives of EmoDB and RAVDESS, unpacks their audio into the data folder and
 * verifies every file against the official SHA-256 sums.
 *
 * <p>Downloads go to {@code <data>/.downloads/<archive>.part} and are renamed to {@code <archive>} only
 * when complete. A broken download is resumed with an HTTP {@code Range} request (if the server answers
 * 200 instead of 206 it ignored the range, and the file is fetched from the start). Failed attempts are
 * retried with exponential backoff; the retry budget counts attempts that made no progress, so a flaky
 * link that keeps delivering data still finishes.
 *
 * <p>Unpacking writes each audio entry into a staging folder ({@code <data>/.downloads/<archive>.unpack}),
 * checks its CRC and SHA-256, and only when every entry is good moves the files into place, each with one
 * rename. So the data folder never holds a half-written or unverified file, whatever fails.
 */
public final class DatasetDownloader {
    static final String USER_AGENT = "SEP-data-tools/0.1 (java.net.http)";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");

    /** What {@link #install} did for one dataset. */
    public record InstallResult(OfficialDataset dataset, boolean alreadyPresent, boolean downloaded, int unpacked,
                                int alreadyGood, VerificationReport report) {
        public String summary() {
            if (alreadyPresent) {
                return dataset.id() + ": all " + report.checked() + " files already present and verified in "
                        + report.dataDir();
            }
            return dataset.id() + ": " + unpacked + " files unpacked" + (alreadyGood > 0 ? ", " + alreadyGood
                    + " already there" : "") + "; all " + report.checked() + " verified in " + report.dataDir();
        }
    }

    private final HttpClient client;
    private final OfficialSums sums;
    private final int retries;
    private final Duration backoff;
    private final Duration stallTimeout;
    private final Duration responseTimeout;
    private final Progress.Factory progress;
    private final Consumer<String> log;
    private final boolean keepArchives;
    private final DatasetVerifier verifier;

    private DatasetDownloader(Builder b) throws DataException {
        this.client = b.client != null ? b.client : HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                // One long sequential transfer gains nothing from HTTP/2; 1.1 also avoids h2c upgrade
                // attempts against old plain-HTTP servers such as EmoDB's.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.sums = b.sums != null ? b.sums : OfficialSums.bundled();
        this.retries = b.retries;
        this.backoff = b.backoff;
        this.stallTimeout = b.stallTimeout;
        this.responseTimeout = b.responseTimeout;
        this.progress = b.progress;
        this.log = b.log;
        this.keepArchives = b.keepArchives;
        this.verifier = new DatasetVerifier(Runtime.getRuntime().availableProcessors(), b.progress);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private HttpClient client;
        private OfficialSums sums;
        private int retries = 5;
        private Duration backoff = Duration.ofSeconds(2);
        private Duration stallTimeout = Duration.ofSeconds(60);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private Progress.Factory progress = Progress.Factory.STDERR;
        private Consumer<String> log = System.err::println;
        private boolean keepArchives;

        private Builder() {}

        /** The sums to verify against (default: the official table shipped with SEP). */
        public Builder sums(OfficialSums sums) {
            this.sums = sums;
            return this;
        }

        /** Further attempts after a failed one that made no progress (default 5). */
        public Builder retries(int retries) {
            if (retries < 0) throw new IllegalArgumentException("retries must be >= 0, got " + retries);
            this.retries = retries;
            return this;
        }

        /** Wait before the first retry; doubled after each further failure, at most 60 s (default 2 s). */
        public Builder backoff(Duration backoff) {
            this.backoff = backoff;
            return this;
        }

        /** An attempt that receives no data for this long is abandoned and retried (default 60 s). */
        public Builder stallTimeout(Duration stallTimeout) {
            this.stallTimeout = stallTimeout;
            return this;
        }

        /** How long to wait for the response headers (default 60 s). */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public Builder progress(Progress.Factory progress) {
            this.progress = progress;
            return this;
        }

        /** Where status messages go (default: stderr). */
        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        /** Keep the archive in {@code .downloads} after a successful install (default: delete it). */
        public Builder keepArchives(boolean keep) {
            this.keepArchives = keep;
            return this;
        }

        public Builder httpClient(HttpClient client) {
            this.client = client;
            return this;
        }

        /** @throws DataException when no sums were given and the shipped table cannot be read */
        public DatasetDownloader build() throws DataException {
            return new DatasetDownloader(this);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // install: download + unpack + verify

    /**
     * Makes sure {@code dataDir} holds every file of {@code dataset}, verified against the sums: files
     * already present with the right hash are kept, the archive is downloaded (or a complete one left in
     * {@code .downloads} by an earlier run is reused) and the other files are unpacked from it.
     *
     * @throws DataException with a message saying what went wrong and what to do; the data folder then
     *                       holds no new or half-written files
     */
    public InstallResult install(OfficialDataset dataset, URI url, Path dataDir) throws DataException {
        List<ExpectedFile> expected = sums.expectedFiles(dataset);
        if (expected.isEmpty()) {
            throw new DataException("the sums list has no entries for " + dataset.archiveName() + ", so a download of "
                    + dataset.id() + " could not be verified; check the sums table");
        }
        if (Files.isRegularFile(dataDir.resolve(Manifest.FILE_NAME))) {
            // A folder with its own manifest is a prepared copy (such as the shared 16 kHz data, meant to be
            // read-only): the 48 kHz originals do not belong in it, and `verify` would not check them there.
            throw new DataException(dataDir + " holds a prepared copy of the data described by its " + Manifest.FILE_NAME
                    + "; the official archives are not unpacked into it. Choose another folder with --dir (or "
                    + "SEP_DATA_DIR), e.g. --dir data/original.");
        }
        createDirectories(dataDir, "the data folder");
        String sumsName = "the official SHA-256 sums";
        VerificationReport before = verifier.verify(dataDir, expected, false, sumsName, false);
        if (before.isOk()) {
            InstallResult result = new InstallResult(dataset, true, false, 0, expected.size(), before);
            log.accept(result.summary());
            return result;
        }
        Set<String> good = new HashSet<>(expected.stream().map(ExpectedFile::path).collect(Collectors.toSet()));
        good.removeAll(before.missing());
        good.removeAll(before.mismatchedPaths());

        Path downloads = dataDir.resolve(".downloads");
        createDirectories(downloads, "the download folder");
        Path archive = downloads.resolve(dataset.archiveName());
        boolean downloaded = false;
        if (Files.isRegularFile(archive)) {
            log.accept(dataset.id() + ": using the archive downloaded earlier, " + archive);
        } else {
            log.accept(dataset.id() + ": downloading " + url);
            fetch(url, archive);
            downloaded = true;
        }
        int unpacked = unpack(dataset, archive, dataDir, good);
        VerificationReport after = verifier.verify(dataDir, expected, false, sumsName, false);
        if (!after.isOk()) {
            // unpack() already checked each file's hash, so this means something else changed the folder meanwhile.
            throw new DataException("after unpacking " + archive + " the data folder still fails verification:\n"
                    + after.render());
        }
        if (!keepArchives) {
            deleteQuietly(archive);
            log.accept(dataset.id() + ": deleted " + archive + " (all files unpacked and verified; use --keep-archives to keep it)");
            deleteIfEmpty(downloads);
        }
        InstallResult result = new InstallResult(dataset, false, downloaded, unpacked, good.size(), after);
        log.accept(result.summary());
        return result;
    }

    // ------------------------------------------------------------------------------------------------
    // fetch: resumable download of one URL

    /**
     * Downloads {@code url} to {@code target} through {@code target.part}, resuming a partial file left by
     * an earlier attempt or run, and renames it to {@code target} once complete.
     *
     * @return {@code target}
     * @throws DataException when the server refuses the request (4xx), or when {@link Builder#retries} further
     *                       attempts in a row made no progress; the partial file is then kept for the next run
     */
    public Path fetch(URI url, Path target) throws DataException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        createDirectories(target.toAbsolutePath().getParent(), "the download folder");
        int failuresInARow = 0;
        int attempt = 0;
        long mostReceived = sizeOrZero(part);
        while (true) {
            attempt++;
            IOException failure;
            try {
                download(url, part);
                move(part, target);
                return target;
            } catch (PermanentFailure e) {
                throw new DataException(e.getMessage(), e);
            } catch (IOException e) {
                failure = e;
            }
            long after = sizeOrZero(part);
            // An attempt that got further than any before resets the budget, so a flaky link that keeps
            // delivering data still finishes. Measured against the furthest point reached, not the start of
            // the attempt, so a server that ignores Range and drops at the same point cannot loop forever.
            if (after > mostReceived) {
                mostReceived = after;
                failuresInARow = 0;
            } else {
                failuresInARow++;
            }
            if (failuresInARow > retries) {
                String kept = after > 0 ? "; the partial file " + part + " (" + after + " bytes) is kept and the next "
                        + "run resumes from it" : "";
                String attempts = attempt == 1 ? "1 attempt"
                        : attempt + " attempts, the last " + failuresInARow + " without progress";
                throw new DataException("download of " + url + " failed: " + describe(failure) + " (" + attempts + ")"
                        + kept + ". Check the network connection and the URL, then run the command again (or raise "
                        + "--retries).", failure);
            }
            Duration wait = failuresInARow == 0 ? backoff
                    : backoff.multipliedBy(1L << Math.min(failuresInARow - 1, 20));
            if (wait.compareTo(MAX_BACKOFF) > 0) wait = MAX_BACKOFF;
            log.accept("download of " + url + (after > 0 ? " interrupted at " + after + " bytes" : " failed") + " ("
                    + describe(failure) + "); retrying in "
                    + Progress.formatDuration(wait.toMillis() / 1000.0) + " (" + (retries - failuresInARow) + " retries left)");
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataException("download of " + url + " was interrupted; " + part + " is kept for resuming", e);
            }
        }
    }

    /** A failure that retrying will not fix (the server said no). */
    private static final class PermanentFailure extends IOException {
        PermanentFailure(String message) {
            super(message);
        }
    }

    /** One HTTP request; appends to {@code part} or rewrites it. Returns normally only when the file is complete. */
    private void download(URI url, Path part) throws IOException {
        long offset = sizeOrZero(part);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(responseTimeout)
                .header("User-Agent", USER_AGENT);
        if (offset > 0) request.header("Range", "bytes=" + offset + "-");
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + url);
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("cannot request " + url + ": " + e.getMessage());
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            long total;
            boolean append;
            if (status == 206 && offset > 0) {
                String range = response.headers().firstValue("Content-Range").orElse("");
                Matcher m = CONTENT_RANGE.matcher(range);
                if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
                    // The server resumed somewhere else than asked: the data cannot be appended safely.
                    Files.deleteIfExists(part);
                    throw new IOException("server answered the resume request from byte " + offset
                            + " with Content-Range '" + range + "'; starting over");
                }
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                append = true;
            } else if (status == 200) {
                if (offset > 0) {
                    log.accept("server ignored the request to resume at byte " + offset + " (HTTP 200 instead of 206): "
                            + "downloading " + url + " again from the start");
                }
                offset = 0;
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                append = false;
            } else if (status == 416 && offset > 0) {
                // Nothing left after the offset: the partial file may already be the whole file.
                String range = response.headers().firstValue("Content-Range").orElse("");
                Matcher m = UNSATISFIED_RANGE.matcher(range);
                if (m.matches() && Long.parseLong(m.group(1)) == offset) return;
                Files.deleteIfExists(part);
                throw new IOException("server rejected resuming at byte " + offset + " (HTTP 416, Content-Range '"
                        + range + "'); starting over");
            } else if (status >= 500 || status == 408 || status == 429) {
                throw new IOException("HTTP " + status + " from " + url);
            } else {
                throw new PermanentFailure("download of " + url + " failed with HTTP " + status + hint(status)
                        + ". Check the URL (the command line can override it with --emodb-url or --ravdess-url).");
            }
            copyBody(url, body, part, offset, total, append);
        }
    }

    private String stalledMessage() {
        return "no data received for " + Progress.formatDuration(stallTimeout.toMillis() / 1000.0);
    }

    private static String hint(int status) {
        if (status == 404 || status == 410) return " (not found: the file has moved or the URL is wrong)";
        if (status == 401 || status == 403) return " (access denied)";
        return "";
    }

    private void copyBody(URI url, InputStream body, Path part, long offset, long total, boolean append)
            throws IOException {
        String name = part.getFileName().toString().replaceFirst("\\.part$", "");
        AtomicLong lastData = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        // HttpClient has no read timeout for a streamed body: a watchdog closes the body of a transfer that
        // stalls, which wakes the blocked read (interrupting the reading thread does not).
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sep-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long checkMillis = Math.max(50, Math.min(1000, stallTimeout.toMillis() / 4));
        ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastData.get() > stallTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                try {
                    body.close();
                } catch (IOException e) {
                    // Closing is only a way to wake the reader; a failure here changes nothing.
                }
            }
        }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        long written = offset;
        try (OutputStream out = new FileOutputStream(part.toFile(), append);
             Progress p = progress.start("download " + name, total, "bytes")) {
            p.skip(offset);
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    if (stalled.get()) throw new IOException(stalledMessage(), e);
                    throw e;
                }
                if (n < 0) break;
                out.write(buffer, 0, n);
                written += n;
                lastData.set(System.nanoTime());
                p.step(n);
            }
        } finally {
            check.cancel(false);
            watchdog.shutdownNow();
        }
        if (stalled.get()) throw new IOException(stalledMessage());
        if (total >= 0 && written < total) {
            throw new EOFException("connection closed after " + written + " of " + total + " bytes");
        }
        if (total >= 0 && written > total) {
            Files.deleteIfExists(part);
            throw new IOException("received " + written + " bytes from " + url + " but the server announced " + total
                    + "; discarded the file, starting over");
        }
    }

    // ------------------------------------------------------------------------------------------------
    // unpack

    /**
     * Unpacks the audio entries of {@code archive} not in {@code good} into {@code dataDir}. Everything is
     * staged and checked first; files are moved into place only when all entries are good.
     *
     * @return the number of files moved into place
     */
    private int unpack(OfficialDataset dataset, Path archive, Path dataDir, Set<String> good) throws DataException {
        Path staging = archive.resolveSibling(archive.getFileName() + ".unpack");
        deleteTree(staging);
        Map<String, OfficialSums.Entry> official = sums.forArchive(dataset.archiveName());
        ZipFile zip;
        try {
            zip = new ZipFile(archive.toFile());
        } catch (IOException e) {
            deleteQuietly(archive);
            throw new DataException(archive + " is not a readable zip archive (" + e.getMessage() + "), so the download "
                    + "is damaged or the server sent something else (an error page?). Deleted it; run the command "
                    + "again to download it afresh.", e);
        }
        try (zip) {   // closed before a damaged archive is deleted (Windows cannot delete open files)
            List<? extends ZipEntry> entries = entriesOf(zip, archive);
            for (ZipEntry entry : entries) {
                if (!isSafeEntryName(entry.getName())) {
                    throw new DataException(archive + " contains the unsafe path '" + entry.getName() + "' (absolute or "
                            + "with '..'), so it is not the official archive; refusing to unpack anything from it. It is "
                            + "kept for inspection: check the URL, then delete it and run the command again.");
                }
            }
            List<ZipEntry> toUnpack = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<String> unexpected = new ArrayList<>();
            for (ZipEntry entry : entries) {
                if (entry.isDirectory() || !dataset.isAudioEntry(entry.getName())) continue;
                if (!official.containsKey(entry.getName())) {
                    unexpected.add(entry.getName());
                    continue;
                }
                seen.add(entry.getName());
                if (!good.contains(dataset.dataPath(entry.getName()))) toUnpack.add(entry);
            }
            if (!unexpected.isEmpty()) {
                log.accept("warning: " + archive + " holds " + unexpected.size() + " audio files not in the official list, "
                        + "left out: " + abbreviate(unexpected));
            }
            List<String> absent = official.keySet().stream().filter(k -> !seen.contains(k))
                    .filter(k -> !good.contains(dataset.dataPath(k))).collect(Collectors.toList());
            if (!absent.isEmpty()) {
                throw new DataException(archive + " lacks " + absent.size() + " of the " + official.size() + " files of the "
                        + "official archive (" + abbreviate(absent) + "), so it is not the official archive. It is kept for "
                        + "inspection: check the URL, then delete it and run the command again.");
            }
            List<Path[]> moves = new ArrayList<>();
            List<String> differ = new ArrayList<>();
            long totalBytes = toUnpack.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
            try (Progress p = progress.start("unpack " + archive.getFileName(), totalBytes, "bytes")) {
                for (ZipEntry entry : toUnpack) {
                    String dataPath = dataset.dataPath(entry.getName());
                    Path staged = inside(staging, dataPath);
                    Path target = inside(dataDir, dataPath);
                    String sha = extract(zip, entry, archive, staged, p);
                    String expected = official.get(entry.getName()).sha256();
                    if (!sha.equals(expected)) {
                        differ.add(entry.getName() + " (SHA-256 " + sha.substring(0, 12) + "..., expected "
                                + expected.substring(0, 12) + "...)");
                    }
                    moves.add(new Path[] {staged, target});
                }
            }
            if (!differ.isEmpty()) {
                throw new DataException(differ.size() + " files in " + archive + " differ from the official sums: "
                        + abbreviate(differ) + ". The archive is intact (its checksums agree) but is not the official "
                        + "one; nothing was unpacked. It is kept for inspection: check the URL, then delete it and run "
                        + "the command again.");
            }
            for (Path[] move : moves) {
                createDirectories(move[1].getParent(), "the dataset folder");
                move(move[0], move[1]);
            }
            return moves.size();
        } catch (DamagedArchive e) {
            deleteQuietly(archive);
            throw e;
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw new DataException("cannot unpack " + archive + ": " + describe(e), e);
        } finally {
            deleteTree(staging);
        }
    }

    private static List<? extends ZipEntry> entriesOf(ZipFile zip, Path archive) throws DataException {
        List<ZipEntry> list = new ArrayList<>();
        try {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) list.add(en.nextElement());
        } catch (IllegalArgumentException e) {
            // Entry names that are not valid UTF-8: not the official archive, and not safely mappable to files.
            throw new DataException(archive + " has unreadable entry names (" + e.getMessage() + "); it is not the "
                    + "official archive. It is kept for inspection: check the URL, then delete it and try again.", e);
        }
        return list;
    }

    /**
     * Copies one entry to {@code staged}, checking the zip's own CRC and size, and returns its SHA-256.
     * A read failure or CRC mismatch means the archive is damaged: it is deleted so the next run downloads it
     * again.
     */
    private String extract(ZipFile zip, ZipEntry entry, Path archive, Path staged, Progress p) throws DataException {
        createDirectories(staged.getParent(), "the staging folder");
        MessageDigest sha = DatasetVerifier.newSha256();
        CRC32 crc = new CRC32();
        long count = 0;
        try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(staged)) {
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw damaged(archive, entry, describe(e), e);
                }
                if (n < 0) break;
                sha.update(buffer, 0, n);
                crc.update(buffer, 0, n);
                count += n;
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new DataException("cannot write " + staged + " (" + describe(e) + "); check free space and "
                            + "permissions of " + archive.getParent(), e);
                }
                p.step(n);
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw damaged(archive, entry, describe(e), e);
        }
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw damaged(archive, entry, "CRC mismatch", null);
        }
        if (entry.getSize() != -1 && count != entry.getSize()) {
            throw damaged(archive, entry, count + " bytes instead of " + entry.getSize(), null);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The archive itself is broken (not merely different): deleting it lets the next run download it afresh. */
    private static final class DamagedArchive extends DataException {
        DamagedArchive(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static DataException damaged(Path archive, ZipEntry entry, String why, Throwable cause) {
        return new DamagedArchive(archive + " is damaged: entry " + entry.getName() + " cannot be read (" + why + "). "
                + "Nothing was unpacked; deleted the archive, run the command again to download it afresh.", cause);
    }

    /** Zip-slip guard: entry names must be relative and must not climb out with {@code ..}. */
    static boolean isSafeEntryName(String name) {
        try {
            ExpectedFile.checkRelative(name);
            return !name.contains("\0");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Resolves a relative path under {@code root}, refusing anything that would land outside it. */
    private static Path inside(Path root, String relative) throws DataException {
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new DataException("refusing to write '" + relative + "' outside " + root);
        }
        return resolved;
    }

    // ------------------------------------------------------------------------------------------------
    // file helpers

    /** Renames atomically where the file system allows it, so readers see either no file or the whole file. */
    private static void move(Path from, Path to) throws DataException {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new DataException("cannot move " + from + " to " + to + ": " + describe(e), e);
        }
    }

    private static void createDirectories(Path dir, String what) throws DataException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "it is not writable" : describe(e);
            throw new DataException("cannot create " + what + " " + dir + " (" + why + "); choose a writable data folder "
                    + "with --dir or SEP_DATA_DIR", e);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.accept("warning: could not delete " + file + ": " + describe(e) + "; delete it by hand");
        }
    }

    private void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.accept("warning: could not delete the staging folder " + dir + ": " + describe(e) + "; delete it by hand");
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) Files.delete(dir);
        } catch (IOException e) {
            // Only tidying up: an empty folder left behind does no harm.
        }
    }

    private static String abbreviate(List<String> items) {
        int shown = Math.min(items.size(), 5);
        String list = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? list + ", ... and " + (items.size() - shown) + " more" : list;
    }

    /** The exception's message, with its type when the type says something the message does not. */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        if (e instanceof java.net.ConnectException) {
            // HttpClient's ConnectException often has no message; the cause says what went wrong.
            Throwable cause = e.getCause();
            for (Throwable c = cause; c != null; c = c.getCause()) {
                if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                    return "cannot resolve the host name";
                }
            }
            return "cannot connect" + (message == null || message.isBlank() ? "" : ": " + message)
                    + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "");
        }
        if (message == null || message.isBlank()) return type;
        if (message.equals("closed")) return "connection closed";   // what HttpClient says when a body is cut off
        boolean plain = e.getClass() == IOException.class || e instanceof DataException || e instanceof EOFException;
        return plain || message.toLowerCase(Locale.ROOT).contains(type.toLowerCase(Locale.ROOT)) ? message : type + ": " + message;
    }
}
