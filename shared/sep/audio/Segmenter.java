package sep.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long recording into the stretches a recogniser classifies one by one. {@code sep-predict} and the web
 * UI's timeline use this one class.
 *
 * <ul>
 *   <li>{@link #windows}: fixed windows with a hop; the last window is aligned to the end so the whole file is
 *       covered, and a file shorter than one window is one segment.</li>
 *   <li>{@link #bySilence}: stretches of speech between pauses, with the trimmer's loudness rule; pauses shorter
 *       than {@code minPauseSeconds} do not split, stretches shorter than {@code minSegmentSeconds} are dropped and
 *       longer than {@code maxSegmentSeconds} are cut into windows.</li>
 * </ul>
 */
public final class Segmenter {
    private Segmenter() {}

    /** Samples {@code [start, end)} of a recording. */
    public record Segment(int start, int end) {
        public Segment {
            if (start < 0 || end <= start) throw new IllegalArgumentException("bad segment [" + start + ", " + end + ")");
        }

        public double startSeconds(int sampleRate) {
            return start / (double) sampleRate;
        }

        public double endSeconds(int sampleRate) {
            return end / (double) sampleRate;
        }

        public Audio of(Audio audio) {
            return new Audio(java.util.Arrays.copyOfRange(audio.samples(), start, end), audio.sampleRate());
        }
    }

    public static List<Segment> windows(int samples, int sampleRate, double windowSeconds, double hopSeconds) {
        if (!(windowSeconds > 0) || !(hopSeconds > 0)) {
            throw new IllegalArgumentException("window and hop must be positive seconds, got " + windowSeconds + " and " + hopSeconds);
        }
        if (samples <= 0) return List.of();
        int window = Math.max(1, (int) Math.round(windowSeconds * sampleRate));
        int hop = Math.max(1, (int) Math.round(hopSeconds * sampleRate));
        List<Segment> out = new ArrayList<>();
        if (samples <= window) return List.of(new Segment(0, samples));
        int start = 0;
        for (; start + window <= samples; start += hop) out.add(new Segment(start, start + window));
        if (out.get(out.size() - 1).end() < samples) out.add(new Segment(samples - window, samples));
        return out;
    }

    public static List<Segment> bySilence(float[] x, int sampleRate, double topDb, double minPauseSeconds,
                                          double minSegmentSeconds, double maxSegmentSeconds) {
        if (!(maxSegmentSeconds > minSegmentSeconds) || minSegmentSeconds < 0 || minPauseSeconds < 0) {
            throw new IllegalArgumentException("need 0 <= min segment < max segment and a pause >= 0 seconds");
        }
        return bySilence(SilenceTrimmer.nonSilentFrames(x, topDb), x.length, sampleRate, minPauseSeconds, minSegmentSeconds,
                maxSegmentSeconds);
    }

    /**
     * {@link #bySilence(float[], int, double, double, double, double)} of a recording of {@code samples} samples whose
     * loud frames are known ({@link SilenceTrimmer#nonSilentFrames}): a long recording read as a stream keeps only these.
     */
    public static List<Segment> bySilence(boolean[] loud, int samples, int sampleRate, double minPauseSeconds,
                                          double minSegmentSeconds, double maxSegmentSeconds) {
        if (!(maxSegmentSeconds > minSegmentSeconds) || minSegmentSeconds < 0 || minPauseSeconds < 0) {
            throw new IllegalArgumentException("need 0 <= min segment < max segment and a pause >= 0 seconds");
        }
        int hop = SilenceTrimmer.HOP_LENGTH;
        int minPauseFrames = (int) Math.ceil(minPauseSeconds * sampleRate / hop);
        List<int[]> runs = new ArrayList<>();
        int t = 0;
        while (t < loud.length) {
            if (!loud[t]) {
                t++;
                continue;
            }
            int first = t;
            int last = t;
            int quiet = 0;
            for (t = t + 1; t < loud.length; t++) {
                if (loud[t]) {
                    last = t;
                    quiet = 0;
                } else if (++quiet > minPauseFrames) {
                    break;
                }
            }
            runs.add(new int[]{first, last});
        }
        List<Segment> out = new ArrayList<>();
        for (int[] run : runs) {
            int start = run[0] * hop;
            int end = (int) Math.min(samples, (long) (run[1] + 1) * hop);
            if (end - start < minSegmentSeconds * sampleRate || end <= start) continue;
            if (end - start > maxSegmentSeconds * sampleRate) {
                for (Segment w : windows(end - start, sampleRate, maxSegmentSeconds, maxSegmentSeconds)) {
                    out.add(new Segment(start + w.start(), start + w.end()));
                }
            } else {
                out.add(new Segment(start, end));
            }
        }
        return out;
    }
}
