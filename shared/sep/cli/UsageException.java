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

    /**
     * Builds something from option values, turning the builder's {@link IllegalArgumentException} (a value out of range,
     * an unknown name) into a usage error: the values came from the command line.
     */
    public static <T> T fromOptions(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
