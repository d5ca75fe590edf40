package sep.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Copies a run's report files into {@code results/...}, the committed folder the README shows. */
public final class Publish {
    private Publish() {}

    /** The run's provenance, copied beside the report; it changes with every run even when the report does not. */
    static final String MANIFEST = "manifest.json";

    /**
     * Replaces {@code target} with the files (not sub-folders) of the run folder, manifest included, unless the report
     * files are byte for byte those already published: then nothing is written and the published manifest keeps naming
     * the run that made them. So re-running a step (on a fresh clone, {@code make run}) leaves the committed copy as it
     * was, and a changed report always arrives with the manifest of the run that changed it.
     *
     * @return true when the files were copied, false when the published report was already the same
     */
    public static boolean copyRun(Path runDir, Path target) throws IOException {
        Map<String, Path> report = files(runDir);
        if (Files.isDirectory(target) && Files.isRegularFile(target.resolve(MANIFEST)) && sameReport(report, files(target))) {
            return false;
        }
        Files.createDirectories(target);
        try (Stream<Path> old = Files.list(target)) {
            for (Path p : old.filter(Files::isRegularFile).toList()) Files.delete(p);
        }
        for (Path p : report.values()) Files.copy(p, target.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** The same file names, and every file but the manifest with the same bytes. */
    private static boolean sameReport(Map<String, Path> fresh, Map<String, Path> published) throws IOException {
        if (!fresh.keySet().equals(published.keySet())) return false;
        for (Map.Entry<String, Path> f : fresh.entrySet()) {
            if (f.getKey().equals(MANIFEST)) continue;
            if (Files.size(f.getValue()) != Files.size(published.get(f.getKey()))) return false;
            if (!Arrays.equals(Files.readAllBytes(f.getValue()), Files.readAllBytes(published.get(f.getKey())))) return false;
        }
        return true;
    }

    private static Map<String, Path> files(Path dir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(p -> out.put(p.getFileName().toString(), p));
        }
        return out;
    }
}
