package sep.prediction;

import sep.audio.Audio;
import sep.audio.Segmenter;

import java.util.List;

/**
 * How {@code sep-predict} splits a recording before classifying it: not at all, into fixed windows, or into speech
 * between pauses. The splitting itself is {@link Segmenter}'s, the code the web UI's timeline uses too.
 *
 * @param windowSeconds     window length ({@link Mode#WINDOWS})
 * @param hopSeconds        hop between window starts ({@link Mode#WINDOWS})
 * @param topDb             {@link Mode#SILENCE}: frames this many dB below the loudest are pauses
 * @param minPauseSeconds   {@link Mode#SILENCE}: shorter pauses do not split
 * @param minSegmentSeconds {@link Mode#SILENCE}: shorter stretches are dropped (clicks, breaths)
 * @param maxSegmentSeconds {@link Mode#SILENCE}: longer stretches are cut into windows of this length
 */
public record Segmentation(Mode mode, double windowSeconds, double hopSeconds, double topDb, double minPauseSeconds,
                           double minSegmentSeconds, double maxSegmentSeconds) {
    public enum Mode { NONE, WINDOWS, SILENCE }

    /** Defaults of the silence mode: the thresholds {@code SegmenterTest} checks on real clips joined by pauses. */
    public static final double DEFAULT_TOP_DB = 40, DEFAULT_MIN_PAUSE = 0.5, DEFAULT_MIN_SEGMENT = 0.3, DEFAULT_MAX_SEGMENT = 10;

    public Segmentation {
        if (mode == null) throw new IllegalArgumentException("segmentation mode must not be null");
        if (mode == Mode.WINDOWS && (!(windowSeconds > 0) || !(hopSeconds > 0) || Double.isInfinite(windowSeconds))) {
            throw new IllegalArgumentException("--window and --hop must be positive seconds, got " + windowSeconds + " and " + hopSeconds);
        }
        if (mode == Mode.SILENCE && (!(topDb > 0) || minPauseSeconds < 0 || minSegmentSeconds < 0
                || !(maxSegmentSeconds > minSegmentSeconds))) {
            throw new IllegalArgumentException("silence segmentation needs a positive dB threshold, pauses and segments >= 0 s "
                    + "and a maximum segment longer than the minimum");
        }
    }

    public static Segmentation none() {
        return new Segmentation(Mode.NONE, 0, 0, 0, 0, 0, 0);
    }

    public static Segmentation windows(double windowSeconds, double hopSeconds) {
        return new Segmentation(Mode.WINDOWS, windowSeconds, hopSeconds, 0, 0, 0, 0);
    }

    public static Segmentation silence(double topDb, double minPauseSeconds, double minSegmentSeconds, double maxSegmentSeconds) {
        return new Segmentation(Mode.SILENCE, 0, 0, topDb, minPauseSeconds, minSegmentSeconds, maxSegmentSeconds);
    }

    /**
     * From {@code sep-predict}'s options: {@code --window} (with {@code --hop}, 0 = no overlap) or {@code --segment silence}
     * (with its thresholds), or neither.
     */
    public static Segmentation fromOptions(String segment, double window, double hop, double topDb, double minPause,
                                           double minSegment, double maxSegment) {
        String mode = segment == null ? "none" : segment.trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("none") && !mode.equals("silence")) {
            throw new IllegalArgumentException("--segment must be none or silence, got '" + segment + "'");
        }
        if (window < 0 || hop < 0) throw new IllegalArgumentException("--window and --hop must be >= 0 seconds");
        if (mode.equals("silence")) {
            if (window > 0) throw new IllegalArgumentException("choose --window or --segment silence, not both");
            return silence(topDb, minPause, minSegment, maxSegment);
        }
        if (window > 0) return windows(window, hop == 0 ? window : hop);
        if (hop > 0) throw new IllegalArgumentException("--hop needs --window");
        return none();
    }

    public boolean splits() {
        return mode != Mode.NONE;
    }

    /** The segments of a recording (empty for a silent one in {@link Mode#SILENCE}). */
    public List<Segmenter.Segment> split(Audio audio) {
        return switch (mode) {
            case NONE -> audio.samples().length == 0 ? List.of() : List.of(new Segmenter.Segment(0, audio.samples().length));
            case WINDOWS -> Segmenter.windows(audio.samples().length, audio.sampleRate(), windowSeconds, hopSeconds);
            case SILENCE -> Segmenter.bySilence(audio.samples(), audio.sampleRate(), topDb, minPauseSeconds, minSegmentSeconds,
                    maxSegmentSeconds);
        };
    }
}
