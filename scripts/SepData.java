///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sep.data.DataTools;

/** Command-line front of the data tools; all logic lives in sep.data.DataTools. */
@Command(name = "sep-data", mixinStandardHelpOptions = true, version = "sep-data 0.1",
        description = "Verify, download and locate the SEP speech-emotion data.",
        subcommands = {SepData.Verify.class, SepData.Download.class, SepData.Where.class})
public class SepData implements Callable<Integer> {
    public static void main(String[] args) {
        System.exit(new CommandLine(new SepData()).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the data folder against its MANIFEST.tsv, or the official SHA-256 sums when it has none.")
    static class Verify implements Callable<Integer> {
        @Option(names = "--dir", description = "Data folder (default: SEP_DATA_DIR, else ../shared/data or data/ in the project: ${DEFAULT-VALUE}).")
        Path dir = DataTools.defaultDataDir();

        @Option(names = "--quick", description = "Check presence and size only, no hashes (default: ${DEFAULT-VALUE}).")
        boolean quick;

        @Option(names = "--dataset", description = "Only this dataset, e.g. emodb or ravdess (default: all).")
        String dataset;

        @Override
        public Integer call() {
            return DataTools.verify(dir, quick, dataset, System.out, System.err);
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download the official archives, unpack the audio and verify it against the official sums.")
    static class Download implements Callable<Integer> {
        @Option(names = "--dir", description = "Data folder to fill (default: ${DEFAULT-VALUE}).")
        Path dir = DataTools.defaultDataDir();

        @Option(names = "--dataset", description = "emodb, ravdess or all (default: ${DEFAULT-VALUE}).")
        String dataset = "all";

        @Option(names = "--emodb-url", description = "Where to get EmoDB's download.zip (default: ${DEFAULT-VALUE}).")
        String emodbUrl = DataTools.defaultUrl("emodb");

        @Option(names = "--ravdess-url", description = "Where to get Audio_Speech_Actors_01-24.zip (default: ${DEFAULT-VALUE}).")
        String ravdessUrl = DataTools.defaultUrl("ravdess");

        @Option(names = "--retries", description = "Further attempts after a failed one that made no progress (default: ${DEFAULT-VALUE}).")
        int retries = 5;

        @Option(names = "--keep-archives", description = "Keep the archives in <dir>/.downloads after unpacking (default: ${DEFAULT-VALUE}).")
        boolean keepArchives;

        @Override
        public Integer call() {
            return DataTools.download(dir, dataset, emodbUrl, ravdessUrl, retries, keepArchives, System.out, System.err);
        }
    }

    @Command(name = "where", mixinStandardHelpOptions = true,
            description = "Print the project root and the data, cache and runs folders in use.")
    static class Where implements Callable<Integer> {
        @Override
        public Integer call() {
            return DataTools.where(System.out);
        }
    }
}
