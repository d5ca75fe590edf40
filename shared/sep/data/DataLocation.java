package sep.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where SEP finds its data, cache and run folders.
 *
 * <ul>
 *   <li>Project root: {@code SEP_HOME} when set (the project's {@code ./jbang} launcher sets it); else the
 *       nearest folder at or above the working directory holding {@code jbang-catalog.json} and
 *       {@code shared/sep}; else the working directory. JBang does not tell a script where its source is, so
 *       users who run {@code jbang sep-...@catalog} from elsewhere set {@code SEP_HOME}.</li>
 *   <li>Data: {@code SEP_DATA_DIR} when set; else {@code ../shared/data} beside the project when it
 *       exists; else {@code data/} in the project. Treated as read-only.</li>
 *   <li>Cache: {@code SEP_CACHE_DIR}, default {@code cache/} in the project.</li>
 *   <li>Runs: {@code SEP_RUNS_DIR}, default {@code runs/} in the project.</li>
 * </ul>
 */
public final class DataLocation {
    private DataLocation() {}

    public static Path projectRoot() {
        String home = setting("SEP_HOME");
        if (home != null) return Path.of(home).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        Path fromCwd = findRootAbove(cwd);
        return fromCwd != null ? fromCwd : cwd;
    }

    public static Path dataDir() {
        String configured = setting("SEP_DATA_DIR");
        if (configured != null) return Path.of(configured).toAbsolutePath().normalize();
        Path root = projectRoot();
        Path beside = root.resolve("../shared/data").normalize();
        return Files.isDirectory(beside) ? beside : root.resolve("data");
    }

    public static Path cacheDir() {
        String configured = setting("SEP_CACHE_DIR");
        return configured != null ? Path.of(configured).toAbsolutePath().normalize() : projectRoot().resolve("cache");
    }

    public static Path runsDir() {
        String configured = setting("SEP_RUNS_DIR");
        return configured != null ? Path.of(configured).toAbsolutePath().normalize() : projectRoot().resolve("runs");
    }

    /** A system property of the same name wins over the environment, so tests can redirect paths. */
    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static Path findRootAbove(Path start) {
        for (Path dir = Files.isDirectory(start) ? start : start.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jbang-catalog.json")) && Files.isDirectory(dir.resolve("shared/sep"))) {
                return dir;
            }
        }
        return null;
    }
}
