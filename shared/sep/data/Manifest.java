package sep.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a data folder's own {@code MANIFEST.tsv}: one line per file with at least the columns
 * {@code dataset}, {@code relative_path} and {@code sha256} (found by header name; other columns such as
 * {@code sample_rate} are ignored here). A {@code bytes} column, when present, gives the expected size.
 */
public final class Manifest {
    public static final String FILE_NAME = "MANIFEST.tsv";

    private Manifest() {}

    public static List<ExpectedFile> read(Path manifest) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            return TsvTable.read(reader, manifest.toString(), columns -> {
                int dataset = columns.indexOf("dataset");
                int path = columns.indexOf("relative_path");
                int sha = columns.indexOf("sha256");
                int bytes = columns.indexOf("bytes");
                if (dataset < 0 || path < 0 || sha < 0) {
                    throw new DataException(manifest + ": the header must name the columns dataset, relative_path and "
                            + "sha256 (tab-separated); found: " + columns);
                }
                return f -> {
                    if (f.length < columns.size()) {
                        throw new IllegalArgumentException("expected " + columns.size() + " columns, found " + f.length);
                    }
                    long size = bytes >= 0 && !f[bytes].isEmpty() ? Long.parseLong(f[bytes]) : -1;
                    return new ExpectedFile(f[dataset], f[path], f[sha], size);
                };
            });
        }
    }
}
