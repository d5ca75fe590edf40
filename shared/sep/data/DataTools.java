package sep.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /** {@code sep-data verify}: prints the report; exit code 1 when anything is missing or differs. */
    public static int verify(Path dir, boolean quick, String dataset, PrintStream out, PrintStream err) {
        try {
            VerificationReport report = new DatasetVerifier().verify(dir.toAbsolutePath().normalize(), quick, dataset);
            if (report.isOk()) {
                out.println(report.render());
                return 0;
            }
            err.println(report.render());
            return 1;
        } catch (IOException e) {
            err.println("sep-data verify: FAILED: " + e.getMessage());
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
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (OfficialDataset d : chosen) {
            try {
                downloader.install(d, d == OfficialDataset.EMODB ? emodb : ravdess, data);
                done.add(d.id());
            } catch (DataException e) {
                err.println("sep-data download: " + d.id() + ": " + e.getMessage());
                failed.add(d.id());
            }
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
