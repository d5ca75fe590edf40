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
        for (Segmenter.Segment s : w.subList(0, w.size() - 1)) assertEquals(48000, s.end() - s.start());
        assertEquals(List.of(new Segmenter.Segment(0, 8000)), Segmenter.windows(8000, 16000, 3, 1.5), "short file: one segment");
        assertTrue(Segmenter.windows(0, 16000, 3, 1).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Segmenter.windows(100, 16000, 0, 1));
    }

    /** The tester's case: 25 s in 10 s windows gave 0-10, 10-20, 15-25 although the hop (the window) asks for no overlap. */
    @Test
    void windowsOverlapOnlyAsMuchAsTheHopAsks() {
        int rate = 16000;
        assertEquals(List.of(seg(0, 10, rate), seg(10, 20, rate), seg(20, 25, rate)), Segmenter.windows(25 * rate, rate, 10, 10),
                "the tail is a shorter last window, not one pulled back over the previous");
        assertEquals(List.of(seg(0, 10, rate), seg(5, 15, rate), seg(10, 20, rate), seg(15, 25, rate)),
                Segmenter.windows(25 * rate, rate, 10, 5), "a 5 s hop overlaps by 5 s, the last window too");
        // A tail too short to judge (0.1 s) joins the window before it.
        int n = 25 * rate + rate / 10;
        assertEquals(List.of(seg(0, 10, rate), seg(10, 20, rate), new Segmenter.Segment(20 * rate, n)), Segmenter.windows(n, rate, 10, 10));
        for (double window : new double[]{0.5, 1, 2, 3, 10}) {
            for (double hop : new double[]{0.25, window / 2, window}) {
                if (hop < AudibleSound.MIN_SECONDS) continue;
                for (int samples : new int[]{rate * 7 + 123, rate * 60, rate * 25 + 4000}) {
                    List<Segmenter.Segment> w = Segmenter.windows(samples, rate, window, hop);
                    assertEquals(0, w.get(0).start());
                    assertEquals(samples, w.get(w.size() - 1).end());
                    for (int i = 1; i < w.size(); i++) {
                        Segmenter.Segment before = w.get(i - 1), s = w.get(i);
                        assertEquals(Math.round(hop * rate), s.start() - before.start(), "windows start a hop apart");
                        assertTrue(before.end() - s.start() <= Math.round((window - hop) * rate), "overlap at most window - hop: " + w);
                        assertTrue(s.start() <= before.end(), "no gaps");
                        assertTrue(s.end() - s.start() >= AudibleSound.MIN_SECONDS * rate, "no window too short to judge");
                    }
                }
            }
        }
    }

    @Test
    void windowsThatWouldBeTooShortOrTooManyOrLeaveGapsAreRefused() {
        for (double[] bad : new double[][]{{1e-9, 1e-9}, {Double.NaN, 1}, {3, Double.NaN}, {Double.POSITIVE_INFINITY, 1}, {0.1, 0.1},
                {3, 0.01}, {3, 4}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Segmenter.windows(16000 * 5, 16000, bad[0], bad[1]),
                    bad[0] + " / " + bad[1]);
            assertTrue(e.getMessage().contains("hop <= window"), e.getMessage());
        }
    }

    /** The tester's case: a long stretch cut at --max-segment gave 70.06-80.06, then 72.98-82.98. */
    @Test
    void aLongStretchIsCutIntoEqualPiecesThatDoNotOverlap() {
        int rate = 16000;
        float[] x = new float[rate * 30];
        java.util.Random random = new java.util.Random(3);
        // 1 s of silence, 25.5 s of steady sound, silence.
        for (int i = rate; i < rate * 26 + rate / 2; i++) x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / rate) + 0.05 * random.nextGaussian());
        List<Segmenter.Segment> s = Segmenter.bySilence(x, rate, 40, 0.5, 0.3, 10);
        assertEquals(3, s.size(), s.toString());
        for (int i = 0; i < s.size(); i++) {
            int length = s.get(i).end() - s.get(i).start();
            assertTrue(length <= 10 * rate, "no piece longer than --max-segment: " + s);
            assertEquals(s.get(0).end() - s.get(0).start(), length, 1, "equal pieces: " + s);
            if (i > 0) assertEquals(s.get(i - 1).end(), s.get(i).start(), "pieces follow each other without overlap: " + s);
        }
        assertEquals(rate, s.get(0).start(), 2048, "within a frame or two");
        assertEquals(rate * 26.5, s.get(2).end(), 2048);
    }

    private static Segmenter.Segment seg(double from, double to, int rate) {
        return new Segmenter.Segment((int) Math.round(from * rate), (int) Math.round(to * rate));
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
