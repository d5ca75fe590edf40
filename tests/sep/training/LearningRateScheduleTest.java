package sep.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void linearWarmUpThenHalfCosine() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110, true, 0.01);
        assertEquals(1e-4, s.at(0), 1e-15);
        assertEquals(5e-4, s.at(4), 1e-15);
        assertEquals(1e-3, s.at(9), 1e-15, "warm-up ends at the peak");
        assertEquals(1e-3, s.at(10), 1e-15, "cosine starts at the peak");
        assertEquals(0.5 * (1e-3 + 1e-5), s.at(60), 1e-12, "half way down the cosine");
        assertEquals(1e-5, s.at(110), 1e-15, "ends at the final fraction");
        assertEquals(1e-5, s.at(500), 1e-15, "stays there");
        for (long t = 11; t <= 110; t++) assertTrue(s.at(t) <= s.at(t - 1), "decreasing after warm-up");
    }

    @Test
    void constantAfterWarmUpAndNoWarmUp() {
        LearningRateSchedule c = new LearningRateSchedule(2e-3, 4, 100, false, 0.01);
        assertEquals(1e-3, c.at(1), 1e-15);
        assertEquals(2e-3, c.at(50), 1e-15);
        assertEquals(2e-3, c.at(99), 1e-15);
        LearningRateSchedule n = new LearningRateSchedule(2e-3, 0, 100, true, 0.0);
        assertEquals(2e-3, n.at(0), 1e-15);
        assertEquals(0.0, n.at(100), 1e-15);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0, 1, 10, true, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, -1, 10, true, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, 1, 0, true, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, 1, 10, true, 2));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, 1, 10, true, 0.01).at(-1));
    }
}
