package sep.data;

import java.io.IOException;

/**
 * A data-tool failure with a message meant for the user: it names the file or URL involved and says
 * what to do next. Checked (an {@link IOException}) because every cause is an I/O condition the
 * caller can report and recover from, not a programming error.
 */
public class DataException extends IOException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
