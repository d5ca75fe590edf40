package sep.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import sep.util.Progress;

/**
 * Checks a data folder against SHA-256 sums: the folder's own {@code MANIFEST.tsv} when it has one, else
 * the official sums shipped with SEP ({@link OfficialSums#bundled()}) for the downloaded layout
 * {@code emodb/wav/*.wav}, {@code ravdess/Actor_XX/*.wav}.
 *
 * <p>Files are hashed in parallel (one thread per core by default). A quick check looks only at presence
 * and, where the sums list gives it, size.
 */
public final class DatasetVerifier {
    private final int threads;
    private final Progress.Factory progress;

    /** Uses all cores and reports progress to stderr. */
    public DatasetVerifier() {
        this(Runtime.getRuntime().availableProcessors(), Progress.Factory.STDERR);
    }

    public DatasetVerifier(int threads, Progress.Factory progress) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.threads = threads;
        this.progress = progress;
    }

    /**
     * Checks every dataset in {@code dataDir}: against its {@code MANIFEST.tsv} if present, else against
     * the bundled official sums.
     */
    public VerificationReport verify(Path dataDir, boolean quick) throws IOException {
        return verify(dataDir, quick, null);
    }

    /**
     * As {@link #verify(Path, boolean)}, limited to one dataset ({@code null} for all).
     *
     * @throws DataException when the dataset does not appear in the sums list
     */
    public VerificationReport verify(Path dataDir, boolean quick, String dataset) throws IOException {
        Path manifest = dataDir.resolve(Manifest.FILE_NAME);
        boolean fromManifest = Files.isRegularFile(manifest);
        List<ExpectedFile> expected = fromManifest ? Manifest.read(manifest) : OfficialSums.bundled().expectedFiles();
        String sums = fromManifest ? manifest.toString() : "the official SHA-256 sums";
        if (dataset != null) {
            List<String> known = expected.stream().map(ExpectedFile::dataset).distinct().collect(Collectors.toList());
            expected = expected.stream().filter(f -> f.dataset().equals(dataset)).collect(Collectors.toList());
            if (expected.isEmpty()) {
                throw new DataException("dataset '" + dataset + "' does not appear in " + sums + "; it lists " + known);
            }
        }
        return verify(dataDir, expected, quick, sums, fromManifest);
    }

    /**
     * Checks the given files under {@code dataDir}.
     *
     * @param sums         how the report names the source of {@code expected}
     * @param fromManifest whether {@code expected} came from the folder's own manifest (changes the advice
     *                     the report gives)
     */
    public VerificationReport verify(Path dataDir, List<ExpectedFile> expected, boolean quick, String sums,
                                     boolean fromManifest) throws DataException {
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>(expected.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, expected.size())), r -> {
            Thread t = new Thread(r, "sep-verify");
            t.setDaemon(true);   // never keep the JVM alive if the caller abandons the check
            return t;
        });
        try (Progress p = progress.start(quick ? "check files" : "verify SHA-256", expected.size(), "files")) {
            List<Future<Outcome>> futures = new ArrayList<>(expected.size());
            for (ExpectedFile f : expected) {
                futures.add(pool.submit(() -> {
                    Outcome o = check(dataDir, f, quick);
                    p.step(1);
                    return o;
                }));
            }
            for (Future<Outcome> future : futures) outcomes.add(future.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("verification of " + dataDir + " was interrupted", e);
        } catch (ExecutionException e) {
            // check() turns I/O errors into outcomes, so this is a bug rather than a data problem.
            throw new IllegalStateException("verifying " + dataDir + " failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return report(dataDir, expected, outcomes, quick, sums, fromManifest, Duration.ofNanos(System.nanoTime() - start));
    }

    private static VerificationReport report(Path dataDir, List<ExpectedFile> expected, List<Outcome> outcomes,
                                             boolean quick, String sums, boolean fromManifest, Duration elapsed) {
        Map<String, List<Integer>> byDataset = new LinkedHashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            byDataset.computeIfAbsent(expected.get(i).dataset(), k -> new ArrayList<>()).add(i);
        }
        List<VerificationReport.DatasetResult> results = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> entry : byDataset.entrySet()) {
            int ok = 0;
            List<String> missing = new ArrayList<>();
            List<VerificationReport.Mismatch> mismatched = new ArrayList<>();
            for (int i : entry.getValue()) {
                Outcome o = outcomes.get(i);
                String path = expected.get(i).path();
                if (o.problem == null) ok++;
                else if (o.missing) missing.add(path);
                else mismatched.add(new VerificationReport.Mismatch(path, o.problem));
            }
            results.add(new VerificationReport.DatasetResult(entry.getKey(), entry.getValue().size(), ok, missing, mismatched));
        }
        return new VerificationReport(dataDir, sums, fromManifest, quick, results, elapsed);
    }

    /** Result of checking one file: {@code problem == null} means it is fine. */
    private record Outcome(boolean missing, String problem) {
        static final Outcome OK = new Outcome(false, null);
    }

    private static Outcome check(Path dataDir, ExpectedFile f, boolean quick) {
        Path file = dataDir.resolve(f.path());
        try {
            if (!Files.isRegularFile(file)) return new Outcome(true, "missing");
            long size = Files.size(file);
            if (f.bytes() >= 0 && size != f.bytes()) {
                return new Outcome(false, "size " + size + " bytes, expected " + f.bytes());
            }
            if (quick) return Outcome.OK;
            String actual = sha256(file);
            if (!actual.equals(f.sha256())) {
                return new Outcome(false, "SHA-256 " + actual.substring(0, 12) + "..., expected "
                        + f.sha256().substring(0, 12) + "...");
            }
            return Outcome.OK;
        } catch (IOException e) {
            return new Outcome(false, "cannot read: " + e);
        }
    }

    /** SHA-256 of a file as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = newSha256();
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256, which every Java SE must provide", e);
        }
    }
}
