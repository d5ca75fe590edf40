package sep.project;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sep.cli.DeepOptions;
import sep.models.deep.Architecture;
import sep.models.deep.DeepConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The defaults sep-train shows in --help are the library's defaults. */
class OptionDefaultsTest {
    @CommandLine.Command(name = "holder")
    static class Holder {
        @CommandLine.Mixin
        DeepOptions deep;
    }

    @Test
    void deepOptionDefaultsEqualDeepConfigDefaults() {
        for (Architecture a : Architecture.values()) {
            Holder h = new Holder();
            new CommandLine(h).parseArgs("--model", a.id());
            assertEquals(DeepConfig.defaults(a), h.deep.toConfig(DeepConfig.DEFAULT_SEED), a.id());
        }
    }
}
