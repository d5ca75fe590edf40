package sep.data;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Outcome of checking a data folder against a list of SHA-256 sums.
 *
 * @param dataDir      the folder checked
 * @param sums         what the files were checked against, e.g. the path of {@code MANIFEST.tsv}
 * @param fromManifest true when {@code sums} is the folder's own manifest, false for the official sums
 * @param quick        true when only presence and size were checked, not hashes
 * @param datasets     per-dataset results, in the order of the sums list
 * @param elapsed      wall-clock time of the check
 */
public record VerificationReport(Path dataDir, String sums, boolean fromManifest, boolean quick,
                                 List<DatasetResult> datasets, Duration elapsed) {
    /** How many paths each list shows before "... and N more", so a missing dataset is one short paragraph. */
    static final int LIST_LIMIT = 8;

    public record Mismatch(String path, String problem) {
        @Override
        public String toString() {
            return path + ": " + problem;
        }
    }

    /**
     * @param checked    files listed for this dataset
     * @param ok         files present and matching
     * @param missing    paths (relative to the data folder) of files not found
     * @param mismatched files present but of the wrong size or hash, or unreadable
     */
    public record DatasetResult(String dataset, int checked, int ok, List<String> missing, List<Mismatch> mismatched) {
        public DatasetResult {
            missing = List.copyOf(missing);
            mismatched = List.copyOf(mismatched);
        }

        public boolean isOk() {
            return checked > 0 && ok == checked;
        }

        /** Nothing of this dataset is there: it was never downloaded or copied. */
        public boolean isAbsent() {
            return checked > 0 && missing.size() == checked;
        }

        public List<String> mismatchedPaths() {
            return mismatched.stream().map(Mismatch::path).collect(Collectors.toList());
        }
    }

    public VerificationReport {
        datasets = List.copyOf(datasets);
    }

    /** True when at least one file was checked and every checked file is present and matches. */
    public boolean isOk() {
        return checked() > 0 && datasets.stream().allMatch(DatasetResult::isOk);
    }

    public int checked() {
        return datasets.stream().mapToInt(DatasetResult::checked).sum();
    }

    public int ok() {
        return datasets.stream().mapToInt(DatasetResult::ok).sum();
    }

    public List<String> missing() {
        return datasets.stream().flatMap(d -> d.missing().stream()).collect(Collectors.toList());
    }

    public List<Mismatch> mismatched() {
        return datasets.stream().flatMap(d -> d.mismatched().stream()).collect(Collectors.toList());
    }

    public List<String> mismatchedPaths() {
        return mismatched().stream().map(Mismatch::path).collect(Collectors.toList());
    }

    /** The result for one dataset; throws when the dataset was not part of the check. */
    public DatasetResult dataset(String name) {
        return datasets.stream().filter(d -> d.dataset().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dataset '" + name + "' in this report; have "
                        + datasets.stream().map(DatasetResult::dataset).collect(Collectors.toList())));
    }

    /** One line: OK or FAILED, how many files, against what, and how long it took. */
    public String summary() {
        String seconds = String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
        String how = quick ? "quick check of presence and size, no hashes, " : "SHA-256 checked, ";
        if (isOk()) {
            String counts = datasets.stream().map(d -> d.dataset() + " " + d.checked()).collect(Collectors.joining(", "));
            return "OK: all " + checked() + " files in " + dataDir + (quick ? " present as listed in " : " match ") + sums
                    + " (" + counts + "; " + how + seconds + ")";
        }
        if (checked() == 0) return "FAILED: " + sums + " lists no files to check in " + dataDir;
        List<String> parts = new ArrayList<>();
        if (!missing().isEmpty()) parts.add(missing().size() + " missing");
        if (!mismatched().isEmpty()) parts.add(mismatched().size() + " differ");
        return "FAILED: " + String.join(", ", parts) + " of " + checked() + " files in " + dataDir + ", checked against "
                + sums + " (" + how + seconds + ")";
    }

    /** The full message: the summary, a line per dataset, what is missing or differs, and how to fix it. */
    public String render() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        int width = datasets.stream().mapToInt(d -> d.dataset().length()).max().orElse(0);
        for (DatasetResult d : datasets) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %5d files: ", d.dataset(), d.checked()));
            if (d.isOk()) {
                sb.append("ok\n");
                continue;
            }
            if (d.isAbsent()) {
                sb.append("all missing (not downloaded or copied)\n");
                continue;
            }
            sb.append(d.ok()).append(" ok, ").append(d.missing().size()).append(" missing, ")
              .append(d.mismatched().size()).append(" differ\n");
            appendList(sb, "missing", d.missing());
            appendList(sb, "differs", d.mismatched().stream().map(Mismatch::toString).collect(Collectors.toList()));
        }
        if (!isOk()) sb.append(hint());
        return sb.toString().stripTrailing();
    }

    private static void appendList(StringBuilder sb, String title, List<String> items) {
        for (int i = 0; i < Math.min(items.size(), LIST_LIMIT); i++) {
            sb.append("      ").append(title).append(": ").append(items.get(i)).append('\n');
        }
        if (items.size() > LIST_LIMIT) sb.append("      ... and ").append(items.size() - LIST_LIMIT).append(" more\n");
    }

    private String hint() {
        if (checked() == 0) return "Check that " + sums + " is the right sums list.";
        if (fromManifest) {
            // A folder with a MANIFEST.tsv is a prepared copy (e.g. the 16 kHz shared data): downloading the
            // official archives into it would not restore its files, so point at the copy instead.
            return "How to fix: " + dataDir + " is a prepared copy described by its " + Manifest.FILE_NAME
                    + "; copy the missing or differing files again from where the copy came from, or set SEP_DATA_DIR "
                    + "to a complete copy. To use the original archives instead, run `./jbang sep-data download --dir "
                    + "<new folder>` and set SEP_DATA_DIR to that folder.";
        }
        List<String> broken = datasets.stream().filter(d -> !d.isOk()).map(DatasetResult::dataset)
                .collect(Collectors.toList());
        String datasetOption = broken.size() == datasets.size() && datasets.size() > 1 ? ""
                : " --dataset " + String.join(",", broken);
        String dirOption = dataDir.equals(defaultDataDir()) ? "" : " --dir " + dataDir;
        return "How to fix: run `./jbang sep-data download" + datasetOption + dirOption + "` to download the official "
                + "archives and unpack (or replace) the files listed above, or set SEP_DATA_DIR to a folder that "
                + "already holds the data.";
    }

    private static Path defaultDataDir() {
        try {
            return DataLocation.dataDir();
        } catch (RuntimeException e) {
            return null;   // only used to shorten the suggested command
        }
    }
}
