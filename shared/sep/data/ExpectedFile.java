package sep.data;

import java.util.Locale;

/**
 * One file a data folder should hold.
 *
 * @param dataset the dataset it belongs to ({@code emodb}, {@code ravdess}, ...), used to group reports
 * @param path    path relative to the data folder, with {@code '/'} separators
 * @param sha256  expected SHA-256, lower-case hex
 * @param bytes   expected size in bytes, or {@code -1} when the sums list does not give it
 */
public record ExpectedFile(String dataset, String path, String sha256, long bytes) {
    public ExpectedFile {
        if (dataset == null || dataset.isBlank()) throw new IllegalArgumentException("dataset must be given");
        path = checkRelative(path);
        if (sha256 == null || !sha256.matches("(?i)[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 (64 hex digits) for " + path + ": " + sha256);
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /**
     * Rejects absolute paths and {@code ..} segments: a sums list, like a zip archive, must not be able
     * to point the tools at files outside the data folder.
     */
    static String checkRelative(String path) {
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("empty path");
        String p = path.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("absolute path not allowed: " + path);
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..")) throw new IllegalArgumentException("'..' not allowed in path: " + path);
        }
        return p;
    }
}
