///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sep.cli.Cli;
import sep.data.DataLocation;
import sep.reporting.Leaderboard;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Gathers every finished protocol run into results/leaderboard.md and results/leaderboard.json. */
@Command(name = "sep-report", mixinStandardHelpOptions = true, version = "sep-report 0.1",
        description = "Collect the finished protocol runs under runs/ into the committed leaderboard (newest run per entry).")
public class SepReport implements Callable<Integer> {
    @Option(names = "--results", defaultValue = "results", description = "Folder to write, relative to the project root "
            + "(default: ${DEFAULT-VALUE}).")
    String results;

    public static void main(String[] args) {
        System.exit(Cli.execute(new SepReport(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path target = DataLocation.projectRoot().resolve(results);
        Leaderboard.write(DataLocation.runsDir(), target);
        System.out.println(java.nio.file.Files.readString(target.resolve("leaderboard.md")));
        return 0;
    }
}
