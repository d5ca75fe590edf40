package sep.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastDbTest {

    @Test
    void agreesWithMathLog10AcrossTheRangeOfPowers() {
        SplittableRandom rnd = new SplittableRandom(7);
        double worst = 0;
        // amin (1e-10) up to powers far beyond any clip's (1e12), log-uniform, plus table edges.
        for (int i = 0; i < 2_000_000; i++) {
            float v = (float) Math.pow(10, rnd.nextDouble(-10.5, 12));
            worst = Math.max(worst, Math.abs(FastDb.db(v) - 10 * Math.log10(v)));
        }
        for (int e = -34; e <= 40; e++) {
            for (int j = 0; j <= 256; j++) {
                float v = (float) (Math.pow(2, e) * (1 + j / 256.0));
                float below = Math.nextDown(v);
                worst = Math.max(worst, Math.abs(FastDb.db(v) - 10 * Math.log10(v)));
                worst = Math.max(worst, Math.abs(FastDb.db(below) - 10 * Math.log10(below)));
            }
        }
        System.out.printf("FastDb max |error| = %.3g dB%n", worst);
        assertTrue(worst < 1e-9, "max error " + worst + " dB");
    }
}
