package sep.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long recording into the stretches a recogniser classifies one by one. {@code sep-predict} and the web
 * UI's timeline use this one class. Segments of one recording never overlap unless a hop shorter than the window asks
 * for it, and they come in time order.
 *
 * <ul>
 *   <li>{@link #windows}: windows start at 0, hop, 2 hop, ...; each lasts the window length, except the last, which
 *       starts at the next hop and ends with the recording, so it may be shorter (a 25 s file in 10 s windows gives
 *       0-10, 10-20, 20-25). A tail shorter than {@link AudibleSound#MIN_SECONDS} would be too short to judge: it is
 *       added to the window before it instead (which then ends with the recording). A recording no longer than one
 *       window is one segment.</li>
 *   <li>{@link #bySilence}: stretches of speech between pauses, with the trimmer's loudness rule; pauses shorter
 *       than {@code minPauseSeconds} do not split, stretches shorter than {@code minSegmentSeconds} are dropped and
 *       longer than {@code maxSegmentSeconds} are cut into the fewest equal pieces no longer than it (so no piece is a
 *       sliver and none overlaps another).</li>
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

    /**
     * Fixed windows over {@code samples} samples (see the class comment for the tail).
     *
     * @throws IllegalArgumentException unless {@link AudibleSound#MIN_SECONDS} {@code <= hop <= window}, both finite:
     *                                  shorter windows are too short to judge, a shorter hop makes a timeline of
     *                                  thousands of rows, a longer one leaves gaps nobody listened to
     */
    public static List<Segment> windows(int samples, int sampleRate, double windowSeconds, double hopSeconds) {
        if (!(hopSeconds >= AudibleSound.MIN_SECONDS) || !(windowSeconds >= hopSeconds) || Double.isInfinite(windowSeconds)) {
            throw new IllegalArgumentException("windows need " + AudibleSound.MIN_SECONDS + " s <= hop <= window, both finite; got window "
                    + windowSeconds + " s, hop " + hopSeconds + " s");
        }
        if (samples <= 0) return List.of();
        long window = Math.round(windowSeconds * sampleRate);
        long hop = Math.round(hopSeconds * sampleRate);
        if (samples <= window) return List.of(new Segment(0, samples));
        long minTail = Math.round(AudibleSound.MIN_SECONDS * sampleRate);
        List<Segment> out = new ArrayList<>();
        long start = 0;
        for (; start + window < samples; start += hop) out.add(new Segment((int) start, (int) (start + window)));
        if (samples - start >= minTail) {
            out.add(new Segment((int) start, samples));
        } else {
            Segment before = out.remove(out.size() - 1);
            out.add(new Segment(before.start(), samples));
        }
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
                int pieces = (int) Math.ceil((end - start) / (maxSegmentSeconds * sampleRate));
                for (int i = 0; i < pieces; i++) {
                    out.add(new Segment(start + (int) ((long) (end - start) * i / pieces), start + (int) ((long) (end - start) * (i + 1) / pieces)));
                }
            } else {
                out.add(new Segment(start, end));
            }
        }
        return out;
    }
}
