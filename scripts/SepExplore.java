///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sep.cli.Cli;
import sep.cli.PreprocessOptions;
import sep.reporting.ExploreReport;
import sep.runs.Publish;
import sep.runs.RunFolder;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Data understanding report: class balance, speakers, sexes, durations, loudness, label mapping, mel examples. */
@Command(name = "sep-explore", mixinStandardHelpOptions = true, version = "sep-explore 0.1",
        description = "Write the data-understanding report (PNG charts, summary.json, summary.md) of the corpora.")
public class SepExplore implements Callable<Integer> {
    @Option(names = "--dataset", split = ",", defaultValue = "emodb,ravdess", description = "Datasets (default: ${DEFAULT-VALUE}).")
    List<String> datasets;

    @Option(names = "--publish", defaultValue = "results/explore",
            description = "Also copy the report here (relative to the project root; empty to skip) (default: ${DEFAULT-VALUE}).")
    String publish;

    @Mixin
    PreprocessOptions preprocess;

    public static void main(String[] args) {
        System.exit(Cli.execute(new SepExplore(), args));
    }

    @Override
    public Integer call() throws Exception {
        var preprocessConfig = preprocess.toConfig();
        var config = new ExploreReport.Config(datasets, preprocessConfig.trims() ? preprocessConfig.trimTopDb()
                : sep.features.PreprocessConfig.defaults().trimTopDb(), preprocessConfig);
        RunFolder run = RunFolder.create("explore", String.join("_", datasets), config, 0);
        ExploreReport.run(config, run.dir(), true);
        run.finish("ok");
        System.out.println("report: " + run.file("summary.md"));
        if (!publish.isBlank()) {
            Path target = sep.data.DataLocation.projectRoot().resolve(publish);
            System.out.println(Publish.copyRun(run.dir(), target) ? "published to " + target
                    : target + " already holds this report; left as it is");
        }
        return 0;
    }
}
