package sep.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File helpers that never leave a half-written file where a finished one is expected. */
public final class Files2 {
    private Files2() {}

    /** Something that writes a whole file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void writeAtomically(Path target, byte[] content) throws IOException {
        writeAtomically(target, out -> out.write(content));
    }

    /** Writes to a temporary file beside {@code target}, then moves it into place in one step. */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Why an I/O operation failed, in words (NIO's messages are often only the path, perhaps that of a temporary file
     * the user never named): "permission denied", "no such file or folder", "read-only file system", ...
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.NotDirectoryException) return "a part of the path is not a folder";
        if (e instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " is a file where a folder is needed";
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
