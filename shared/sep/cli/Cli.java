package sep.cli;

import picocli.CommandLine;

/**
 * Runs a picocli command the way every SEP script does: a failure prints one clear line ("sep-prep: error: ...")
 * instead of a stack trace, unless {@code SEP_DEBUG=1}; the exit code is 1 for failures, 2 for usage errors: those
 * picocli finds while parsing and the {@link UsageException}s of the commands' own option checks alike.
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
            if (e instanceof UsageException) {
                commandLine.getErr().println(name + ": error: " + message + " (see " + name + " --help)");
                return CommandLine.ExitCode.USAGE;
            }
            commandLine.getErr().println(name + ": error: " + message);
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }
}
