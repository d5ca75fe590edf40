package sep.models.deep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The intermittent NaN of deep training and prediction, made deterministic: libtorch's oneDNN convolutions store
 * activations and weights in blocks of 16 channels (AVX-512) or 8 (AVX2) and read the padding of a partly filled block,
 * which nothing writes; when the allocator hands out memory that last held NaN bit patterns, 0 x NaN turns the whole
 * output into NaN. Here every native allocation starts as NaN bytes ({@code tests/native/nanfill.c}), so a network
 * that reads such padding fails every time. With the safe kernels ({@link NativeKernels}: AVX2, set by the launcher and
 * by Maven for the test JVMs) and widths that keep every convolution's channel count a multiple of 8
 * ({@link DeepConfig}), every network at its default width trains and classifies with finite numbers.
 */
class UninitialisedMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void everyNetworkStaysFiniteWhenFreshNativeMemoryHoldsNaN() throws Exception {
        Path shim = compileShim();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), UninitialisedMemoryProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // The child inherits this JVM's environment, which carries the kernel limit of the test configuration (pom.xml).
        pb.environment().put("LD_PRELOAD", shim.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "probe did not finish");
        List<String> verdicts = output.lines().filter(l -> l.contains(" width ")).toList();
        assertEquals(Architecture.values().length, verdicts.size(), "one verdict per network expected:\n" + output);
        assertEquals(0, p.exitValue(), "networks gave NaN on fresh native memory holding NaN ("
                + NativeKernels.describe() + "):\n" + String.join("\n", verdicts));
    }

    /** Builds the NaN-filling allocator shim with the machine's C compiler (gcc is part of this project's machine kind). */
    private Path compileShim() throws IOException, InterruptedException {
        Path source = Path.of("tests/native/nanfill.c").toAbsolutePath();
        assertTrue(Files.isRegularFile(source), source + " missing");
        Path library = tmp.resolve("libnanfill.so");
        Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-O2", "-o", library.toString(), source.toString(), "-ldl")
                .redirectErrorStream(true).start();
        String log = new String(cc.getInputStream().readAllBytes());
        assertTrue(cc.waitFor(2, TimeUnit.MINUTES) && cc.exitValue() == 0, "cc could not build the shim:\n" + log);
        return library;
    }
}
