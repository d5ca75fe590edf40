package sep.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogMelConfigTest {

    @Test
    void presets() {
        LogMelConfig d = LogMelConfig.defaults();
        assertEquals(new LogMelConfig(16000, 1024, 256, 128, 0, 0, 80), d);
        assertEquals(8000.0, d.fMaxHz());
        LogMelConfig p = LogMelConfig.paper();
        assertEquals(22050, p.sampleRate());
        assertEquals(80, p.nMels());
        assertEquals(11025.0, p.fMaxHz());
        // fMax <= 0 follows the new sample rate's Nyquist
        assertEquals(11025.0, d.withSampleRate(22050).fMaxHz());
        assertEquals(64, d.withMels(64).nMels());
        assertEquals(513, d.bins());
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(0, 1024, 256, 128, 0, 0, 80));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1023, 256, 128, 0, 0, 80));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1024, 0, 128, 0, 0, 80));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1024, 2048, 128, 0, 0, 80));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1024, 256, 0, 0, 0, 80));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1024, 256, 128, -1, 0, 80));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1024, 256, 128, 9000, 0, 80));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1024, 256, 128, 100, 50, 80));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1024, 256, 128, 0, Double.NaN, 80));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1024, 256, 128, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LogMelConfig(16000, 1024, 256, 128, 0, 0, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogMelConfig(16000, 1024, 256, 128, 0, 11025, 80));
        assertTrue(e.getMessage().contains("Nyquist"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogMelConfig.defaults().frames(-1));
        assertThrows(IllegalArgumentException.class, () -> MelFilterbank.of(16000, 1024, 128, 0, 9000));
    }

    @Test
    void filterbanksAreCachedAndDenseIsACopy() {
        MelFilterbank a = MelFilterbank.of(16000, 1024, 128, 0, 0);
        assertSame(a, MelFilterbank.of(16000, 1024, 128, 0, 8000)); // 0 means Nyquist: same key
        assertSame(a, LogMelConfig.defaults().filterbank());
        float[][] dense = a.dense();
        dense[0][1] = 42f;
        assertTrue(a.dense()[0][1] != 42f);
    }
}
