package sep.audio;

import java.io.IOException;
import java.nio.file.Path;

/** An audio file that cannot be read: the message names the file and says why. */
public class AudioFormatException extends IOException {
    private final transient Path file;

    public AudioFormatException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public AudioFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
