package sep.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import sep.runs.RunFolder;

/**
 * The commands behind {@code scripts/SepData.java} ({@code sep-data verify | download | where}), kept here so
 * the script stays a thin picocli shell. Each returns the process exit code (0 = success) and prints a
 * one-line summary; none of them exits the JVM.
 */
public final class DataTools {
    private DataTools() {}

    public static Path defaultDataDir() {
        return DataLocation.dataDir();
    }

    public static String defaultUrl(String datasetId) {
        return OfficialDataset.byId(datasetId).defaultUrl().toString();
    }

    /**
     * {@code sep-data verify}: prints the report; exit code 1 when anything is missing or differs. Like every step it
     * writes a run folder ({@code runs/<stamp>-data-verify/}) with the report and, in its manifest, the counts per
     * dataset, so that a later run can be traced to the check of the data it read.
     */
    public static int verify(Path dir, boolean quick, String dataset, PrintStream out, PrintStream err) {
        Path data = dir.toAbsolutePath().normalize();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data_dir", data.toString());
        config.put("quick", quick);
        config.put("dataset", dataset == null ? "all" : dataset);
        RunFolder run;
        try {
            run = RunFolder.create("data", "verify", config, 0);
        } catch (IOException e) {
            err.println("sep-data verify: FAILED: cannot write its run folder under " + DataLocation.runsDir() + ": " + e.getMessage());
            return 1;
        }
        try {
            VerificationReport report = new DatasetVerifier().verify(data, quick, dataset);
            Files.writeString(run.file("verification.txt"), report.render() + System.lineSeparator());
            for (VerificationReport.DatasetResult d : report.datasets()) {
                run.data(d.dataset(), Map.of("checked", d.checked(), "ok", d.ok(), "missing", d.missing().size(),
                        "mismatched", d.mismatched().size()));
            }
            run.put("sums", report.sums());
            run.put("summary", report.summary());
            run.finish(report.isOk() ? "ok" : "failed");
            (report.isOk() ? out : err).println(report.render());
            return report.isOk() ? 0 : 1;
        } catch (IOException e) {
            err.println("sep-data verify: FAILED: " + e.getMessage());
            try {
                run.finish("failed: " + e.getMessage());
            } catch (IOException ignored) {
                // The message above already says what went wrong; a manifest that cannot be written adds nothing.
            }
            return 1;
        }
    }

    /**
     * {@code sep-data download}: installs each requested dataset in turn (a failure of one does not stop the
     * other) and ends with a one-line summary.
     *
     * @param datasets {@code all}, {@code emodb}, {@code ravdess} or a comma-separated list
     */
    public static int download(Path dir, String datasets, String emodbUrl, String ravdessUrl, int retries,
                               boolean keepArchives, PrintStream out, PrintStream err) {
        Set<OfficialDataset> chosen = new LinkedHashSet<>();
        URI emodb, ravdess;
        try {
            for (String name : datasets.split(",")) {
                String n = name.strip().toLowerCase(Locale.ROOT);
                if (n.equals("all")) chosen.addAll(List.of(OfficialDataset.values()));
                else chosen.add(OfficialDataset.byId(n));
            }
            emodb = parseUrl(emodbUrl, "--emodb-url");
            ravdess = parseUrl(ravdessUrl, "--ravdess-url");
        } catch (IllegalArgumentException e) {
            err.println("sep-data download: " + e.getMessage());
            return 2;
        }
        DatasetDownloader downloader;
        try {
            downloader = DatasetDownloader.builder().retries(retries).keepArchives(keepArchives).log(err::println).build();
        } catch (DataException e) {
            err.println("sep-data download: FAILED: " + e.getMessage());
            return 1;
        }
        Path data = dir.toAbsolutePath().normalize();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data_dir", data.toString());
        config.put("datasets", chosen.stream().map(OfficialDataset::id).toList());
        config.put("emodb_url", emodb.toString());
        config.put("ravdess_url", ravdess.toString());
        config.put("retries", retries);
        config.put("keep_archives", keepArchives);
        RunFolder run;
        try {
            run = RunFolder.create("data", "download", config, 0);
        } catch (IOException e) {
            err.println("sep-data download: FAILED: cannot write its run folder under " + DataLocation.runsDir() + ": " + e.getMessage());
            return 1;
        }
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (OfficialDataset d : chosen) {
            try {
                downloader.install(d, d == OfficialDataset.EMODB ? emodb : ravdess, data);
                done.add(d.id());
                record(run, d.id(), "installed and verified", err);
            } catch (DataException e) {
                err.println("sep-data download: " + d.id() + ": " + e.getMessage());
                failed.add(d.id());
                record(run, d.id(), "failed: " + e.getMessage(), err);
            }
        }
        try {
            run.finish(failed.isEmpty() ? "ok" : "failed: " + String.join(", ", failed));
        } catch (IOException e) {
            err.println("sep-data download: cannot finish its run manifest: " + e.getMessage());
        }
        if (failed.isEmpty()) {
            out.println("OK: " + String.join(", ", done) + " installed and verified in " + data
                    + (data.equals(defaultDataDir()) ? "" : "; set SEP_DATA_DIR=" + data + " to use it"));
            return 0;
        }
        err.println("FAILED: " + String.join(", ", failed) + " could not be installed in " + data + " (see above)"
                + (done.isEmpty() ? "" : "; " + String.join(", ", done) + " OK"));
        return 1;
    }

    /** What became of one dataset, in the download's manifest; a manifest that cannot be written does not stop the download. */
    private static void record(RunFolder run, String dataset, String outcome, PrintStream err) {
        try {
            run.data(dataset, Map.of("outcome", outcome));
        } catch (IOException e) {
            err.println("sep-data download: cannot update its run manifest: " + e.getMessage());
        }
    }

    private static URI parseUrl(String url, String option) {
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException(option + " must be an http or https URL, got '" + url + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(option + " is not a valid URL: " + e.getMessage());
        }
    }

    /** {@code sep-data where}: the folders in use and where each setting came from. */
    public static int where(PrintStream out) {
        out.println(line("project root", DataLocation.projectRoot(), "SEP_HOME"));
        out.println(line("data", DataLocation.dataDir(), "SEP_DATA_DIR"));
        out.println(line("cache", DataLocation.cacheDir(), "SEP_CACHE_DIR"));
        out.println(line("runs", DataLocation.runsDir(), "SEP_RUNS_DIR"));
        return 0;
    }

    private static String line(String what, Path path, String setting) {
        String state = !Files.exists(path) ? "does not exist yet"
                : Files.isDirectory(path) ? (Files.isRegularFile(path.resolve(Manifest.FILE_NAME)) ? "exists, has "
                        + Manifest.FILE_NAME : "exists") : "exists but is not a folder";
        String from = System.getProperty(setting) != null && !System.getProperty(setting).isBlank()
                ? "from -D" + setting
                : System.getenv(setting) != null && !System.getenv(setting).isBlank() ? "from " + setting : "default";
        return String.format(Locale.ROOT, "%-13s %s  (%s; %s)", what, path, from, state);
    }
}
