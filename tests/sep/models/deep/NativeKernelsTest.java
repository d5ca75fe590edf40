package sep.models.deep;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The oneDNN kernel limit: what counts as safe, and that every entry point that loads libtorch sets it. */
class NativeKernelsTest {
    @Test
    void onlyLimitsWithBlocksOfEightChannelsCountAsSafe() {
        assertTrue(NativeKernels.limitedToBlocksOf8(Map.of("DNNL_MAX_CPU_ISA", "AVX2")));
        assertTrue(NativeKernels.limitedToBlocksOf8(Map.of("ONEDNN_MAX_CPU_ISA", "avx2")));
        assertFalse(NativeKernels.limitedToBlocksOf8(Map.of()));
        assertFalse(NativeKernels.limitedToBlocksOf8(Map.of("DNNL_MAX_CPU_ISA", "AVX512_CORE")));
        // oneDNN reads the ONEDNN_ name first: an AVX-512 value there wins over a safe DNNL_ one.
        assertFalse(NativeKernels.limitedToBlocksOf8(Map.of("ONEDNN_MAX_CPU_ISA", "ALL", "DNNL_MAX_CPU_ISA", "AVX2")));
    }

    @Test
    void mavensTestJvmsRunWithTheLimit() {
        assertTrue(NativeKernels.limitedToBlocksOf8(System.getenv()), "pom.xml's surefire environment must set ONEDNN_MAX_CPU_ISA=AVX2");
    }

    /** Runs the launcher's own lines in an empty environment and in one where the user chose another limit. */
    @Test
    void theLauncherSetsTheLimitUnlessTheUserChoseOne() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("tools/jbang-launcher.sh")).stream()
                .filter(l -> l.startsWith("export ONEDNN_MAX_CPU_ISA=") || l.startsWith("export DNNL_MAX_CPU_ISA=")).toList();
        assertEquals(2, lines.size(), "tools/jbang-launcher.sh must export both variable names");
        String script = String.join("\n", lines) + "\necho \"$ONEDNN_MAX_CPU_ISA $DNNL_MAX_CPU_ISA\"";
        assertEquals("AVX2 AVX2", run(script, Map.of()));
        assertEquals("AVX512_CORE AVX512_CORE", run(script, Map.of("DNNL_MAX_CPU_ISA", "AVX512_CORE")));
    }

    private static String run(String script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.endsWith("_MAX_CPU_ISA"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
