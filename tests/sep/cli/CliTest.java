package sep.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sep.prediction.PredictRun;
import sep.prediction.Segmentation;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;

/** Exit status everywhere: 2 for a command line the user must change (picocli's checks and the commands' own), 1 for failed work. */
class CliTest {
    /** Does what a SEP script does: builds its validated config from the options, then works. */
    @Command(name = "sep-demo")
    static class Demo implements Callable<Integer> {
        @Option(names = "--window", defaultValue = "0")
        double window;

        @Option(names = "--fail")
        boolean fail;

        @Override
        public Integer call() {
            Segmentation s = Segmentation.fromOptions("none", window, 0, 40, 0.5, 0.3, 10, window > 0 ? Set.of("--window") : Set.of());
            new PredictRun.Config(List.of("a.wav"), null, null, false, false, s, 0, false);
            if (fail) throw new IllegalStateException("the work failed");
            return 0;
        }
    }

    record Outcome(int status, String err) {}

    static Outcome run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return new Outcome(Cli.execute(new Demo(), args), bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void theCommandsOwnOptionChecksExitWithTwoLikePicocliParseErrors() {
        Outcome nan = run("--window", "NaN");
        assertEquals(2, nan.status(), "the tester's --window NaN ran silently; the tool's own checks exited 1");
        assertTrue(nan.err().startsWith("sep-demo: error: --window must be a number"), nan.err());
        assertTrue(nan.err().contains("(see sep-demo --help)"), nan.err());
        assertEquals(2, run("--window", "1e-9").status());
        assertEquals(2, run("--window", "abc").status(), "picocli's own parse error");
        assertEquals(2, run("--no-such-option").status());
    }

    @Command(name = "sep-shared-options")
    static class SharedOptions implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        PreprocessOptions preprocess;

        @picocli.CommandLine.Mixin
        ProtocolOptions protocol;

        @Override
        public Integer call() {
            preprocess.toConfig();
            protocol.protocol();
            return 0;
        }
    }

    /** The option groups other scripts share (sep-prep, sep-classic, sep-train, ...) follow the same rule. */
    @Test
    void valuesOfTheSharedOptionGroupsOutOfRangeAreUsageErrors() {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Cli.execute(new SharedOptions(), "--sample-rate", "-5"));
            assertEquals(2, Cli.execute(new SharedOptions(), "--trim-db", "NaN"));
            assertEquals(2, Cli.execute(new SharedOptions(), "--protocol", "losso"));
            assertEquals(0, Cli.execute(new SharedOptions()));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void failedWorkExitsWithOneAndSuccessWithZero() {
        Outcome failed = run("--fail");
        assertEquals(1, failed.status());
        assertEquals("sep-demo: error: the work failed", failed.err().strip());
        assertEquals(0, run("--window", "3").status());
    }
}
