package sep.cli;

import picocli.CommandLine;

/**
 * Runs a picocli command the way every SEP script does: a failure prints one clear line ("sep-prep: error: ...")
 * instead of a stack trace, unless {@code SEP_DEBUG=1}; the exit code is 1 for failures, 2 for usage errors.
 */
public final class Cli {
    private Cli() {}

    public static int execute(Object command, String... args) {
        return execute(new CommandLine(command), args);
    }

    /** As {@link #execute(Object, String...)}, with text shown after the options in --help. */
    public static int executeWithFooter(Object command, String footer, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.getCommandSpec().usageMessage().footer(footer);
        return execute(cli, args);
    }

    private static int execute(CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String name = commandLine.getCommandSpec().root().name();
            if ("1".equals(System.getenv("SEP_DEBUG"))) e.printStackTrace();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            commandLine.getErr().println(name + ": error: " + message);
            return 1;
        });
        return cli.execute(args);
    }
}
