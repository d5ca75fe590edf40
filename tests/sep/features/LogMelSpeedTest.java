package sep.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A floor on extraction speed, far below what the code reaches (thousands of times real time on
 * one thread), so that only a real regression (say, allocation or a dense filterbank per frame)
 * fails it, not a busy CI machine.
 */
class LogMelSpeedTest {

    @Test
    void oneThreadIsAtLeast300TimesRealTime() throws IOException {
        float[] x = ReferenceData.clip("03-01-05-02-01-01-01"); // 4.1 s of speech
        LogMelExtractor ex = new LogMelExtractor(LogMelConfig.defaults());
        for (int i = 0; i < 200; i++) ex.compute(x); // JIT warm-up
        double best = 0;
        for (int round = 0; round < 5; round++) {
            int reps = 100;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) ex.compute(x);
            double seconds = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, reps * x.length / 16000.0 / seconds);
        }
        System.out.printf("log-mel one thread: %.0fx real time%n", best);
        assertTrue(best >= 300, "only " + best + "x real time");
    }
}
