package sep.prediction;

/**
 * One output row of {@code sep-predict} (CONVENTIONS: {@code path,start_s,end_s,emotion,confidence,p_<label>...,status}).
 * A file without segmentation has one row of scope {@link Scope#FILE}; with segmentation each segment has a
 * {@link Scope#SEGMENT} row and the file a last {@link Scope#FILE} row spanning it, with the file's summary.
 *
 * @param startSeconds    NaN when unknown (a file that could not be read)
 * @param emotion         predicted label, or null for a silent or failed row
 * @param confidence      the probability of {@code emotion}, or NaN
 * @param probabilities   one per class in the model's label order, or null for a silent or failed row
 * @param status          {@code ok}; {@code silent} or {@code too-short} (read, but nothing to judge: see
 *                        {@link sep.audio.AudibleSound}); or {@code error: <reason>}
 * @param durationSeconds length of the whole file (NaN when it could not be read)
 */
public record PredictionRow(String path, Scope scope, double startSeconds, double endSeconds, String emotion, double confidence,
                            double[] probabilities, String status, double durationSeconds) {
    public enum Scope {
        FILE, SEGMENT;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Scope fromId(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static final String OK = "ok";
    public static final String SILENT = "silent";
    /** Shorter than {@link sep.audio.AudibleSound#MIN_SECONDS}, or that little sound in it: too short to judge. */
    public static final String TOO_SHORT = "too-short";
    public static final String ERROR_PREFIX = "error: ";

    public static PredictionRow ok(String path, Scope scope, double start, double end, java.util.List<String> labels,
                                   double[] probabilities, double duration) {
        int best = argmax(probabilities);
        return new PredictionRow(path, scope, start, end, labels.get(best), probabilities[best], probabilities.clone(), OK, duration);
    }

    public static PredictionRow silent(String path, Scope scope, double start, double end, double duration) {
        return new PredictionRow(path, scope, start, end, null, Double.NaN, null, SILENT, duration);
    }

    public static PredictionRow tooShort(String path, Scope scope, double start, double end, double duration) {
        return new PredictionRow(path, scope, start, end, null, Double.NaN, null, TOO_SHORT, duration);
    }

    public static PredictionRow error(String path, Scope scope, double start, double end, String reason, double duration) {
        return new PredictionRow(path, scope, start, end, null, Double.NaN, null, ERROR_PREFIX + oneLine(reason), duration);
    }

    public boolean isOk() {
        return OK.equals(status);
    }

    public boolean isSilent() {
        return SILENT.equals(status);
    }

    public boolean isTooShort() {
        return TOO_SHORT.equals(status);
    }

    public boolean isError() {
        return status.startsWith(ERROR_PREFIX);
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    /** A reason fit for one CSV cell: no line breaks. */
    static String oneLine(String reason) {
        String r = reason == null || reason.isBlank() ? "unknown error" : reason;
        return r.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').trim();
    }
}
