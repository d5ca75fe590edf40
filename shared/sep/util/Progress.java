package sep.util;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of one long task (a download, hashing files, extracting features, an epoch), printed to stderr.
 *
 * <p>Each report shows the label, percent, done/total in the unit ({@code "bytes"} are shown as MB,
 * 10^6 bytes), the rate and the ETA. On a terminal ({@code System.console() != null}) one line is
 * redrawn in place with {@code '\r'} at most 10 times a second; elsewhere (CI, log files) a plain
 * line is printed at most every 5 s, so logs stay short, and one final line on {@link #close()}.
 *
 * <p>Thread-safe: {@link #step(long)} may be called from many threads at once; it only adds to a
 * counter unless a report is due.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("hash", files.size(), "files")) {
 *     files.parallelStream().forEach(f -> { hash(f); p.step(1); });
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    /** Makes a progress reporter; lets library code report progress without choosing where it goes. */
    @FunctionalInterface
    public interface Factory {
        Progress start(String label, long total, String unit);

        /** Reports to stderr (see {@link Progress#start}). */
        Factory STDERR = Progress::start;
        /** Reports nothing (for tests and nested tasks). */
        Factory QUIET = (label, total, unit) -> Progress.quiet();
    }

    static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;    // 10 redraws per second at most
    static final long LOG_INTERVAL_NANOS = 5_000_000_000L;       // one log line per 5 s at most

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long startNanos;
    private final long intervalNanos;

    private final AtomicLong done = new AtomicLong();
    // Work counted as done but not performed now (a resumed download, files already present):
    // excluded from the rate, so the ETA is not made optimistic by it.
    private final AtomicLong skipped = new AtomicLong();
    private volatile long lastReportNanos;
    private volatile boolean closed;
    private int lastLineLength;   // guarded by this

    Progress(String label, long total, String unit, PrintStream out, boolean terminal, LongSupplier clock) {
        this.label = label;
        this.total = total;
        this.unit = unit == null ? "" : unit;
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastReportNanos = startNanos;
        this.intervalNanos = terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS;
    }

    /**
     * Starts reporting to stderr.
     *
     * @param total total amount of work, or a value {@code <= 0} when unknown (then no percent or ETA)
     * @param unit  what is counted, e.g. {@code "files"}; {@code "bytes"} is shown as MB
     */
    public static Progress start(String label, long total, String unit) {
        return new Progress(label, total, unit, System.err, System.console() != null, System::nanoTime);
    }

    /** Starts reporting to the given stream; {@code terminal} chooses in-place redraws over log lines. */
    public static Progress start(String label, long total, String unit, PrintStream out, boolean terminal) {
        return new Progress(label, total, unit, out, terminal, System::nanoTime);
    }

    /** A reporter that counts but never prints. */
    public static Progress quiet() {
        return new Progress("", 0, "", null, false, System::nanoTime);
    }

    /** Adds {@code n} units of work done. */
    public void step(long n) {
        done.addAndGet(n);
        maybeReport();
    }

    /** Sets the amount of work done so far (for callers that track an absolute position). */
    public void set(long value) {
        done.set(value);
        maybeReport();
    }

    /** Counts {@code n} units as done without having worked on them now (left out of the rate). */
    public void skip(long n) {
        skipped.addAndGet(n);
        done.addAndGet(n);
        maybeReport();
    }

    public long done() {
        return done.get();
    }

    public long total() {
        return total;
    }

    /** Prints a message on its own line without garbling the progress line. */
    public void message(String text) {
        if (out == null) return;
        synchronized (this) {
            if (terminal) {
                clearLine();
                out.println(text);
                if (!closed) drawLine(clock.getAsLong());
            } else {
                out.println(text);
            }
            out.flush();
        }
    }

    /** Prints the final line (elapsed time and average rate). Safe to call more than once. */
    @Override
    public void close() {
        if (out == null) {
            closed = true;
            return;
        }
        synchronized (this) {
            if (closed) return;
            closed = true;
            long now = clock.getAsLong();
            String line = finalLine(now);
            if (terminal) {
                out.print('\r' + pad(line));
                out.println();
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    private void maybeReport() {
        if (out == null || closed) return;
        long now = clock.getAsLong();
        // Cheap check first so that most calls from worker threads never take the lock.
        if (now - lastReportNanos < intervalNanos) return;
        synchronized (this) {
            if (closed || now - lastReportNanos < intervalNanos) return;
            lastReportNanos = now;
            if (terminal) {
                drawLine(now);
            } else {
                out.println(line(now));
            }
            out.flush();
        }
    }

    private void drawLine(long now) {
        out.print('\r' + pad(line(now)));
    }

    private void clearLine() {
        if (lastLineLength > 0) out.print('\r' + " ".repeat(lastLineLength) + '\r');
        lastLineLength = 0;
    }

    // Pads with spaces over the previous line's tail, so a shorter line leaves no leftovers on screen.
    private String pad(String line) {
        int previous = lastLineLength;
        lastLineLength = line.length();
        return line.length() < previous ? line + " ".repeat(previous - line.length()) : line;
    }

    /** The current report line, e.g. {@code "download x.zip  42%  84.0/200.0 MB  12.5 MB/s  ETA 0:09"}. */
    String line(long now) {
        long d = done.get();
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (d - skipped.get()) / seconds : 0;
        StringBuilder sb = new StringBuilder(label);
        if (total > 0) sb.append(String.format(Locale.ROOT, "  %3d%%", Math.min(100, d * 100 / total)));
        sb.append("  ").append(amount(d));
        if (total > 0) sb.append('/').append(amount(total));
        sb.append(' ').append(unitName());
        if (rate > 0) {
            sb.append("  ").append(rate(rate));
            if (total > 0 && d < total) sb.append("  ETA ").append(formatDuration((total - d) / rate));
        }
        return sb.toString();
    }

    String finalLine(long now) {
        long d = done.get();
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (d - skipped.get()) / seconds : 0;
        StringBuilder sb = new StringBuilder(label).append("  ");
        if (total > 0 && d < total) {
            // Closed early (failure or cancellation): say how far it got.
            sb.append(String.format(Locale.ROOT, "stopped at %d%%  ", Math.min(100, d * 100 / total)));
            sb.append(amount(d)).append('/').append(amount(total));
        } else {
            sb.append("done  ").append(amount(d));
        }
        sb.append(' ').append(unitName()).append(" in ").append(formatDuration(seconds));
        if (rate > 0) sb.append("  (").append(rate(rate)).append(')');
        return sb.toString();
    }

    private boolean isBytes() {
        return unit.equals("bytes");
    }

    private String unitName() {
        return isBytes() ? "MB" : unit;
    }

    private String amount(long n) {
        return isBytes() ? String.format(Locale.ROOT, "%.1f", n / 1e6) : Long.toString(n);
    }

    private String rate(double perSecond) {
        if (isBytes()) return String.format(Locale.ROOT, "%.1f MB/s", perSecond / 1e6);
        return String.format(Locale.ROOT, perSecond >= 10 ? "%.0f %s/s" : "%.2f %s/s", perSecond, unit);
    }

    /** {@code m:ss} or {@code h:mm:ss}; seconds under 10 with one decimal, so short tasks read well. */
    public static String formatDuration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) return "?";
        if (seconds < 10) return String.format(Locale.ROOT, "%.1f s", seconds);
        long s = Math.round(seconds);
        long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                     : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
