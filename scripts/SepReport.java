///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sep.cli.Cli;
import sep.data.DataLocation;
import sep.reporting.Leaderboard;
import sep.reporting.ReadmeTables;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Gathers every finished protocol run into results/leaderboard.md and results/leaderboard.json, and the README's tables. */
@Command(name = "sep-report", mixinStandardHelpOptions = true, version = "sep-report 0.1",
        description = "Collect the finished protocol runs under runs/ into the committed leaderboard (newest run per entry).")
public class SepReport implements Callable<Integer> {
    @Option(names = "--results", defaultValue = "results", description = "Folder to write, relative to the project root "
            + "(default: ${DEFAULT-VALUE}).")
    String results;

    @Option(names = "--readme", defaultValue = "README.md", description = "README whose leaderboard block to rewrite, relative "
            + "to the project root; empty to leave it alone (default: ${DEFAULT-VALUE}).")
    String readme;

    public static void main(String[] args) {
        System.exit(Cli.execute(new SepReport(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path target = DataLocation.projectRoot().resolve(results);
        List<JsonNode> entries = Leaderboard.write(DataLocation.runsDir(), target);
        System.out.println(java.nio.file.Files.readString(target.resolve("leaderboard.md")));
        if (!readme.isBlank()) {
            Path file = DataLocation.projectRoot().resolve(readme);
            System.out.println(ReadmeTables.updateReadme(file, entries)
                    ? "leaderboard tables of " + file + " rewritten"
                    : file + " has no leaderboard block (" + ReadmeTables.BEGIN + " ... " + ReadmeTables.END + "): left alone");
        }
        return 0;
    }
}
