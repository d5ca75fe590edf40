package sep.audio;

import org.junit.jupiter.api.Test;
import sep.data.DataLocation;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Segmentation of long recordings: fixed windows, and speech between pauses on real clips joined by silence. */
class SegmenterTest {
    @Test
    void windowsCoverTheWholeFile() {
        List<Segmenter.Segment> w = Segmenter.windows(16000 * 10 + 500, 16000, 3, 1.5);
        assertEquals(0, w.get(0).start());
        assertEquals(16000 * 10 + 500, w.get(w.size() - 1).end(), "the last window ends at the end of the file");
        for (Segmenter.Segment s : w) assertEquals(48000, s.end() - s.start());
        assertEquals(List.of(new Segmenter.Segment(0, 8000)), Segmenter.windows(8000, 16000, 3, 1.5), "short file: one segment");
        assertTrue(Segmenter.windows(0, 16000, 3, 1).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Segmenter.windows(100, 16000, 0, 1));
    }

    @Test
    void silenceSplitsRealClipsJoinedByPauses() throws IOException {
        String[] ids = {"03a01Fa", "08a01Na", "16b10Tb"};
        int gap = 16000; // one second of silence between clips
        float[][] clips = new float[ids.length][];
        int total = gap;
        for (int i = 0; i < ids.length; i++) {
            Audio a = AudioDecoder.readMono(DataLocation.dataDir().resolve("emodb/wav/" + ids[i] + ".wav"));
            clips[i] = SilenceTrimmer.trim(a, 40).samples();
            total += clips[i].length + gap;
        }
        float[] joined = new float[total];
        int[] starts = new int[ids.length];
        int at = gap;
        for (int i = 0; i < ids.length; i++) {
            starts[i] = at;
            System.arraycopy(clips[i], 0, joined, at, clips[i].length);
            at += clips[i].length + gap;
        }
        List<Segmenter.Segment> segments = Segmenter.bySilence(joined, 16000, 40, 0.5, 0.3, 10);
        assertEquals(3, segments.size(), segments.toString());
        for (int i = 0; i < ids.length; i++) {
            // Boundaries land within a frame or two of where each clip was put.
            assertEquals(starts[i], segments.get(i).start(), 2048, "start of " + ids[i]);
            assertEquals(starts[i] + clips[i].length, segments.get(i).end(), 2048, "end of " + ids[i]);
        }
        assertTrue(Segmenter.bySilence(new float[32000], 16000, 40, 0.5, 0.3, 10).isEmpty(), "silence has no segments");
        List<Segmenter.Segment> capped = Segmenter.bySilence(joined, 16000, 40, 0.5, 0.3, 1.0);
        assertTrue(capped.size() > 3 && capped.stream().allMatch(s -> s.end() - s.start() <= 16000));
    }
}
