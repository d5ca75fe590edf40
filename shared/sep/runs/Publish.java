package sep.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies a run's report files into {@code results/...}, the committed folder the README shows. */
public final class Publish {
    private Publish() {}

    /** Replaces {@code target} with the files (not sub-folders) of the run folder, manifest included. */
    public static void copyRun(Path runDir, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> old = Files.list(target)) {
            for (Path p : old.filter(Files::isRegularFile).toList()) Files.delete(p);
        }
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, target.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
