package sep.cli;

/**
 * A command line the user must change: an option value out of range, options that do not go together, a missing
 * argument. {@link Cli} prints its message with a pointer to {@code --help} and exits with 2 (picocli's usage status),
 * so that scripts can tell "you called me wrong" (2) from "the work failed" (1). Thrown by the config records that
 * validate options, wherever they live.
 */
public class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
        super(message);
    }
}
