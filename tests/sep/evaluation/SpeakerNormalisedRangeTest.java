package sep.evaluation;

import org.junit.jupiter.api.Test;
import sep.util.ColumnStatistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Speaker-normalised log-mels stay in the range of the features' own config, [-top_db, 0]. */
class SpeakerNormalisedRangeTest {
    @Test
    void normalisedBandsAreClampedToTheConfigsFloorNotAFixedOne() {
        float[][] db = {{-10, -30, -50}};
        // Target spread three times the speaker's: -50 dB lands at -20 + (-50 + 30) * 3 = -80 before the clamp.
        var speaker = new ColumnStatistics(new double[] {-30}, new double[] {10});
        var target = new ColumnStatistics(new double[] {-20}, new double[] {30});
        float[][] floor60 = DatasetInputs.normaliseBands(db, speaker, target, 60);
        assertEquals(-60f, floor60[0][2], "a top_db of 60 floors at -60 dB");
        assertEquals(0f, floor60[0][0], "-10 dB goes to +40 and is clamped at the maximum, 0 dB");
        assertEquals(-20f, floor60[0][1]);
        assertEquals(-80f, DatasetInputs.normaliseBands(db, speaker, target, 100)[0][2], "inside a wider range nothing is clamped");
    }
}
