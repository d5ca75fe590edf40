package sep.audio;

import java.util.Arrays;
import java.util.List;

/**
 * Cuts segments out of a signal that arrives block by block, keeping only the samples from the start of the next
 * segment still to come: memory is bounded by the longest segment plus one block, whatever the recording's length.
 * The segments must come in order of their start ({@link Segmenter}'s lists do); they may overlap.
 */
public final class SegmentCutter {
    /** Receives each segment's samples, a fresh array the receiver may keep. */
    @FunctionalInterface
    public interface Sink {
        void accept(Segmenter.Segment segment, float[] samples);
    }

    private final List<Segmenter.Segment> segments;
    private final Sink sink;
    private int next;
    /** Samples [start, start + length) of the signal, the earliest still needed first. */
    private float[] buffer = new float[1 << 16];
    private long start;
    private int length;
    private long received;

    public SegmentCutter(List<Segmenter.Segment> segments, Sink sink) {
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).start() < segments.get(i - 1).start()) throw new IllegalArgumentException("segments must come in order of start");
        }
        this.segments = List.copyOf(segments);
        this.sink = sink;
    }

    /** Adds the next block of the signal, handing on every segment it completes. */
    public void add(float[] x, int off, int len) {
        long blockStart = received;
        received += len;
        if (next == segments.size()) return;
        long keepFrom = Math.max(blockStart, segments.get(next).start());
        if (keepFrom < received) {
            if (length == 0) start = keepFrom;
            int from = (int) (keepFrom - blockStart);
            append(x, off + from, len - from);
        }
        while (next < segments.size() && segments.get(next).end() <= received) {
            Segmenter.Segment s = segments.get(next++);
            sink.accept(s, Arrays.copyOfRange(buffer, (int) (s.start() - start), (int) (s.end() - start)));
            dropBefore(next < segments.size() ? segments.get(next).start() : Long.MAX_VALUE);
        }
    }

    /** Segments handed on so far; all of them once the whole signal was added. */
    public int delivered() {
        return next;
    }

    private void append(float[] x, int off, int len) {
        if (length + len > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + len));
        System.arraycopy(x, off, buffer, length, len);
        length += len;
    }

    private void dropBefore(long position) {
        long drop = Math.min(length, Math.max(0, position - start));
        if (drop == 0) return;
        System.arraycopy(buffer, (int) drop, buffer, 0, length - (int) drop);
        length -= (int) drop;
        start += drop;
        if (length == 0) start = received;
    }
}
