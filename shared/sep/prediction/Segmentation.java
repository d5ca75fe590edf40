package sep.prediction;

import sep.audio.Audio;
import sep.audio.AudibleSound;
import sep.audio.Segmenter;
import sep.cli.UsageException;

import java.util.List;
import java.util.Set;

/**
 * How {@code sep-predict} splits a recording before classifying it: not at all, into fixed windows, or into speech
 * between pauses. The splitting itself is {@link Segmenter}'s, the code the web UI's timeline uses too.
 *
 * @param windowSeconds     window length ({@link Mode#WINDOWS}), at least {@link AudibleSound#MIN_SECONDS}
 * @param hopSeconds        hop between window starts ({@link Mode#WINDOWS}), from 0.25 s to the window
 * @param topDb             {@link Mode#SILENCE}: frames this many dB below the loudest are pauses
 * @param minPauseSeconds   {@link Mode#SILENCE}: shorter pauses do not split
 * @param minSegmentSeconds {@link Mode#SILENCE}: shorter stretches are dropped (clicks, breaths)
 * @param maxSegmentSeconds {@link Mode#SILENCE}: longer stretches are cut into windows of this length
 */
public record Segmentation(Mode mode, double windowSeconds, double hopSeconds, double topDb, double minPauseSeconds,
                           double minSegmentSeconds, double maxSegmentSeconds) {
    public enum Mode { NONE, WINDOWS, SILENCE }

    /** Most windows any moment may fall in ({@code window / hop}): each one is a copy of that audio in memory. */
    public static final int MAX_OVERLAP = 10;

    /** Defaults of the silence mode: the thresholds {@code SegmenterTest} checks on real clips joined by pauses. */
    public static final double DEFAULT_TOP_DB = 40, DEFAULT_MIN_PAUSE = 0.5, DEFAULT_MIN_SEGMENT = 0.3, DEFAULT_MAX_SEGMENT = 10;

    public Segmentation {
        if (mode == null) throw new UsageException("segmentation mode must not be null");
        if (mode == Mode.WINDOWS) {
            if (!finite(windowSeconds) || !finite(hopSeconds) || windowSeconds < AudibleSound.MIN_SECONDS) {
                throw new UsageException("--window must be a number of seconds >= " + AudibleSound.MIN_SECONDS + " (shorter windows are "
                        + "too short to judge), got " + windowSeconds);
            }
            if (hopSeconds < AudibleSound.MIN_SECONDS || hopSeconds > windowSeconds) {
                throw new UsageException("--hop must be between " + AudibleSound.MIN_SECONDS + " s and the window (" + windowSeconds
                        + " s): a shorter hop makes thousands of rows a minute, a longer one leaves gaps nobody listened to; got "
                        + hopSeconds);
            }
            if (windowSeconds / hopSeconds > MAX_OVERLAP) {
                throw new UsageException("--hop " + hopSeconds + " s would classify every moment " + Math.round(windowSeconds / hopSeconds)
                        + " times (and hold as many copies of the recording in memory); at most " + MAX_OVERLAP
                        + " times: use a --hop of at least " + windowSeconds / MAX_OVERLAP + " s");
            }
        }
        if (mode == Mode.SILENCE) {
            if (!finite(topDb) || topDb <= 0) throw new UsageException("--top-db must be a positive number of dB, got " + topDb);
            if (!finite(minPauseSeconds) || minPauseSeconds < 0) {
                throw new UsageException("--min-pause must be >= 0 seconds, got " + minPauseSeconds);
            }
            if (!finite(minSegmentSeconds) || minSegmentSeconds < AudibleSound.MIN_SECONDS) {
                throw new UsageException("--min-segment must be >= " + AudibleSound.MIN_SECONDS + " seconds (shorter stretches are too "
                        + "short to judge), got " + minSegmentSeconds);
            }
            if (!finite(maxSegmentSeconds) || maxSegmentSeconds < 2 * minSegmentSeconds) {
                throw new UsageException("--max-segment must be at least twice --min-segment (" + minSegmentSeconds + " s), so that "
                        + "the halves of a cut stretch are kept; got " + maxSegmentSeconds);
            }
        }
    }

    private static boolean finite(double v) {
        return Double.isFinite(v);
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

    /** Options that only mean something with {@code --segment silence}. */
    public static final List<String> SILENCE_OPTIONS = List.of("--top-db", "--min-pause", "--min-segment", "--max-segment");

    /**
     * From {@code sep-predict}'s options: {@code --window} (with {@code --hop}, 0 = no overlap) or {@code --segment silence}
     * (with its thresholds), or neither. An option given where it means nothing is refused rather than ignored.
     *
     * @param given the option names on the command line (defaults of options not given must not be judged)
     */
    public static Segmentation fromOptions(String segment, double window, double hop, double topDb, double minPause,
                                           double minSegment, double maxSegment, Set<String> given) {
        String mode = segment == null ? "none" : segment.trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("none") && !mode.equals("silence")) {
            throw new UsageException("--segment must be none or silence, got '" + segment + "'");
        }
        if (!finite(window) || window < 0) throw new UsageException("--window must be a number of seconds >= 0 (0 = whole files), got " + window);
        if (!finite(hop) || hop < 0) throw new UsageException("--hop must be a number of seconds >= 0 (0 = the window), got " + hop);
        if (mode.equals("silence")) {
            if (given.contains("--window") || given.contains("--hop")) {
                throw new UsageException("choose --window/--hop or --segment silence, not both");
            }
            return silence(topDb, minPause, minSegment, maxSegment);
        }
        List<String> silenceOnly = SILENCE_OPTIONS.stream().filter(given::contains).toList();
        if (!silenceOnly.isEmpty()) throw new UsageException(String.join(", ", silenceOnly) + " only go" + (silenceOnly.size() == 1 ? "es" : "")
                + " with --segment silence");
        if (window > 0) return windows(window, hop == 0 ? window : hop);
        if (given.contains("--hop")) throw new UsageException("--hop needs --window");
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
