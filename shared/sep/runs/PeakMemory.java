package sep.runs;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak memory of this process: JVM heap pools, and the resident set (which includes native libtorch memory). */
public final class PeakMemory {
    private PeakMemory() {}

    public static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) sum += pool.getPeakUsage().getUsed();
        }
        return sum >> 20;
    }

    /** Peak resident set size (VmHWM) on Linux, or -1 where /proc is not there. */
    public static long peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
