package sep.models.deep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which convolution kernels libtorch's oneDNN may use, and a one-time notice about it.
 *
 * <p>oneDNN stores activations and weights in blocks of 16 channels on AVX-512 CPUs (8 on AVX2) and reads the whole
 * last block even when the channel count leaves part of it as padding. In libtorch 2.7.1 (DJL 0.36) nothing writes
 * that padding when a tensor is reordered into the blocked layout, so a convolution multiplies zero weights by
 * whatever the allocator last kept there; when those bytes happen to form NaN or infinity, 0 x NaN makes the whole
 * output NaN. That is the intermittent NaN of training and prediction (reproduced deterministically by
 * {@code tests/native/nanfill.c}; a single {@code Conv2d} with 24 or 20 input channels and a batch of 2 or more is
 * enough). Keeping oneDNN to AVX2 kernels ({@code DNNL_MAX_CPU_ISA=AVX2}, read by the native library when it
 * loads, so it must be in the environment before the JVM starts) makes the block 8 channels wide, and
 * {@link DeepConfig} keeps every convolution's channel count a multiple of 8: no partly filled block is left.
 * AVX2 kernels were also faster for our networks on the AVX-512 machine measured (see {@code sep-bench}).
 *
 * <p>The project's entry points set the limit: the {@code ./jbang} launcher ({@code tools/jbang-launcher.sh}) and
 * Maven's test JVMs ({@code pom.xml}). A JVM started another way on an AVX-512 CPU gets a warning.
 */
public final class NativeKernels {
    private NativeKernels() {}

    /** The environment variables oneDNN reads (the second is the older name; the launcher sets both). */
    static final String[] ISA_VARIABLES = {"ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"};
    /** Instruction-set limits whose f32 convolution blocks are at most 8 channels wide. */
    private static final Set<String> BLOCK_OF_8 = Set.of("SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2");
    /** Channel counts of every convolution must be a multiple of this (the AVX2 block). */
    public static final int CHANNEL_MULTIPLE = 8;

    private static volatile boolean noticed;

    /** Prints, once per JVM and only on AVX-512 CPUs (where it matters), whether the safe kernels are in force. */
    public static void noticeOnce() {
        if (noticed) return;
        synchronized (NativeKernels.class) {
            if (noticed) return;
            noticed = true;
        }
        if (!cpuHasAvx512()) return;
        System.err.println(limitedToBlocksOf8(System.getenv())
                ? "libtorch: oneDNN kept to AVX2 kernels (" + limitSetting(System.getenv()) + "): its AVX-512 convolutions read "
                  + "unwritten padding and give NaN now and then (sep.models.deep.NativeKernels)"
                : "warning: this CPU has AVX-512 and oneDNN is not limited to AVX2 kernels; its AVX-512 convolutions read "
                  + "unwritten padding and give NaN now and then. Start SEP through ./jbang or set DNNL_MAX_CPU_ISA=AVX2 "
                  + "before starting Java (sep.models.deep.NativeKernels)");
    }

    /** One phrase for messages: the CPU and the kernel limit in force. */
    public static String describe() {
        Map<String, String> env = System.getenv();
        String cpu = cpuHasAvx512() ? "AVX-512 CPU" : "CPU without AVX-512";
        return cpu + ", " + (limitedToBlocksOf8(env) ? "oneDNN limited by " + limitSetting(env) : "oneDNN not limited");
    }

    /** True when the environment keeps oneDNN to kernels with blocks of at most 8 float channels. */
    static boolean limitedToBlocksOf8(Map<String, String> env) {
        for (String name : ISA_VARIABLES) {
            String value = env.get(name);
            // oneDNN takes the first of the two names that is set.
            if (value != null && !value.isBlank()) return BLOCK_OF_8.contains(value.trim().toUpperCase(Locale.ROOT));
        }
        return false;
    }

    private static String limitSetting(Map<String, String> env) {
        for (String name : ISA_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) return name + "=" + value.trim();
        }
        return "none";
    }

    /** Whether the kernel reports the avx512f flag (Linux); false where that cannot be read. */
    static boolean cpuHasAvx512() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) return false;
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")).contains("avx512f")).orElse(false);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
