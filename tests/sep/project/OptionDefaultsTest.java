package sep.project;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sep.cli.DeepOptions;
import sep.cli.PreprocessOptions;
import sep.cli.ProtocolOptions;
import sep.data.DataLocation;
import sep.features.PreprocessConfig;
import sep.models.deep.Architecture;
import sep.models.deep.DeepConfig;
import sep.runs.Seeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The defaults the scripts show in --help are the library's defaults, each written in one place. */
class OptionDefaultsTest {
    static final Path ROOT = DataLocation.projectRoot();

    @CommandLine.Command(name = "holder")
    static class Holder {
        @CommandLine.Mixin
        DeepOptions deep;
    }

    @CommandLine.Command(name = "preprocess")
    static class PreprocessHolder {
        @CommandLine.Mixin
        PreprocessOptions preprocess;

        @CommandLine.Mixin
        ProtocolOptions protocol;
    }

    @Test
    void deepOptionDefaultsEqualDeepConfigDefaults() {
        for (Architecture a : Architecture.values()) {
            Holder h = new Holder();
            new CommandLine(h).parseArgs("--model", a.id());
            assertEquals(DeepConfig.defaults(a), h.deep.toConfig(DeepConfig.DEFAULT_SEED), a.id());
        }
    }

    @Test
    void preprocessOptionsStartFromPreprocessConfigDefaults() throws IOException {
        PreprocessHolder h = new PreprocessHolder();
        CommandLine cli = new CommandLine(h);
        cli.parseArgs();
        assertEquals(PreprocessConfig.defaults(), h.preprocess.toConfig());
        // --help shows the values the library uses, from the same source.
        String help = cli.getUsageMessage().replaceAll("\\s+", " ");
        PreprocessConfig d = PreprocessConfig.defaults();
        for (String shown : List.of("--sample-rate=<sampleRate> Target sample rate in Hz (default: " + d.logMel().sampleRate() + ")",
                "(default: " + d.logMel().nMels() + ")", "(default: " + d.logMel().nFft() + ")", "(default: " + d.logMel().hopLength() + ")",
                "(default: " + d.trimTopDb() + ")")) {
            assertTrue(help.contains(shown), shown + " in " + help);
        }
        // A second copy as a picocli default string could drift from the library's: the options have none.
        assertFalse(Files.readString(ROOT.resolve("shared/sep/cli/PreprocessOptions.java")).contains("defaultValue"),
                "PreprocessOptions takes its defaults from PreprocessConfig.defaults(), not from strings of its own");
    }

    @Test
    void theDefaultSeedIsWrittenOnce() throws IOException {
        PreprocessHolder h = new PreprocessHolder();
        new CommandLine(h).parseArgs();
        assertEquals(List.of(Seeds.DEFAULT), h.protocol.seeds);
        // DeepConfig keeps its own constant (its package is another engineer's); it must be the same number.
        assertEquals(Seeds.DEFAULT, DeepConfig.DEFAULT_SEED);
        List<Path> sources;
        try (Stream<Path> shared = Files.walk(ROOT.resolve("shared")); Stream<Path> scripts = Files.walk(ROOT.resolve("scripts"))) {
            sources = Stream.concat(shared, scripts).filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            String rel = ROOT.relativize(source).toString();
            if (rel.equals("shared/sep/runs/Seeds.java") || rel.startsWith("shared/sep/models/deep/")) continue;
            assertFalse(Files.readString(source).contains("12345"), rel + " writes the default seed again; use sep.runs.Seeds");
        }
    }
}
