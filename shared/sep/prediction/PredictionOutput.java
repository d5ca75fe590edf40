package sep.prediction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sep.cli.UsageException;
import sep.util.Csv;
import sep.util.Files2;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rows of {@code sep-predict}, as CSV or JSON, written as they come: each file's rows are written together and
 * flushed, so that an interrupted run leaves every finished file on disk and {@code --resume} can skip them.
 *
 * <p>Columns (CONVENTIONS): {@code path,start_s,end_s,emotion,confidence,p_<label>...,status}, then
 * {@code scope} ({@code file} or {@code segment}), {@code duration_s} (of the whole file) and {@code model}.
 * Empty cells (JSON: null) where a value does not exist: times of a file that could not be read, emotion and
 * probabilities of a silent or failed row.
 *
 * <p>JSON is an array with one object per line; while a run is going the closing bracket is missing, and it is
 * written on {@link #close()} (a resumed run completes an interrupted file).
 */
public final class PredictionOutput implements Closeable {
    public enum Format { CSV, JSON }

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final Path file;
    private final Format format;
    private final List<String> labels;
    private final String model;
    private final Set<String> done;
    private final BufferedWriter writer;
    private boolean firstJsonRow;

    private PredictionOutput(Path file, Format format, List<String> labels, String model, Set<String> done, BufferedWriter writer,
                             boolean firstJsonRow) {
        this.file = file;
        this.format = format;
        this.labels = List.copyOf(labels);
        this.model = model;
        this.done = done;
        this.writer = writer;
        this.firstJsonRow = firstJsonRow;
    }

    public static Format formatOf(Path file) {
        String ext = AudioFiles.extension(file);
        return switch (ext) {
            case "csv" -> Format.CSV;
            case "json" -> Format.JSON;
            default -> throw new UsageException("--out " + file + ": the output must end in .csv or .json");
        };
    }

    public static List<String> columns(List<String> labels) {
        List<String> c = new ArrayList<>(List.of("path", "start_s", "end_s", "emotion", "confidence"));
        for (String l : labels) c.add("p_" + l);
        c.addAll(List.of("status", "scope", "duration_s", "model"));
        return c;
    }

    /** As {@link #open(Path, List, String, boolean, boolean, Predicate)}, retrying no failed file. */
    public static PredictionOutput open(Path file, List<String> labels, String model, boolean resume, boolean overwrite)
            throws IOException {
        return open(file, labels, model, resume, overwrite, identity -> false);
    }

    /**
     * Opens the output for writing.
     *
     * @param resume    keep the files an earlier run finished (their {@link AudioFiles#identity}s are in {@link #done()})
     *                  and append
     * @param overwrite replace an existing file; without it (and without {@code resume}) an existing file is refused
     * @param retry     on resume, whether a file the earlier run failed on (by identity) is tried again: its rows are
     *                  dropped and it is left out of {@link #done()}. Failed files not retried keep their rows.
     * @throws IllegalArgumentException when the file exists and neither is given, or when it was written with other
     *                                  columns or by another model (its rows could not be continued)
     * @throws IOException              naming {@code file} and the reason when it cannot be written
     */
    public static PredictionOutput open(Path file, List<String> labels, String model, boolean resume, boolean overwrite,
                                        Predicate<String> retry) throws IOException {
        Format format = formatOf(file);
        if (Files.isDirectory(file)) throw new UsageException("--out " + file + ": is a folder; --out needs a file name");
        Set<String> done = new HashSet<>();
        boolean exists = Files.exists(file) && Files.size(file) > 0;
        if (exists && !resume && !overwrite) {
            throw new UsageException(file + " exists: add --resume to skip the files it already has, or --force to replace it");
        }
        List<String> kept = new ArrayList<>();
        if (exists && resume) kept = keptRows(file, format, labels, model, done, retry);
        // Rewritten whole (atomically) even on resume: drops a half-written last row and, in JSON, the closing bracket.
        StringBuilder start = new StringBuilder();
        if (format == Format.CSV) {
            start.append(Csv.line(columns(labels))).append('\n');
            for (String row : kept) start.append(row).append('\n');
        } else {
            start.append("[\n").append(String.join(",\n", kept));
        }
        BufferedWriter writer;
        try {
            Files2.writeAtomically(file, start.toString().getBytes(StandardCharsets.UTF_8));
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The atomic write fails on its temporary file; the user named the target, so name that and say why.
            Path folder = file.toAbsolutePath().normalize().getParent();
            String reason = e instanceof java.nio.file.NoSuchFileException && folder != null && Files.isDirectory(folder)
                    ? "the folder " + folder + " does not take new files" : Files2.reason(e);
            throw new IOException("cannot write --out " + file.toAbsolutePath().normalize() + ": " + reason, e);
        }
        return new PredictionOutput(file, format, labels, model, done, writer, kept.isEmpty());
    }

    /** {@link AudioFiles#identity Identities} of the files an earlier run finished (empty for a new output). */
    public Set<String> done() {
        return done;
    }

    public Path file() {
        return file;
    }

    /** Writes every row of one file, then flushes. */
    public void write(FileResult result) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (PredictionRow row : result.rows()) {
            if (format == Format.CSV) {
                sb.append(Csv.line(cells(row))).append('\n');
            } else {
                if (!firstJsonRow) sb.append(",\n");
                firstJsonRow = false;
                sb.append(COMPACT.writeValueAsString(json(row)));
            }
        }
        writer.write(sb.toString());
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        if (format == Format.JSON) writer.write("\n]\n");
        writer.close();
    }

    private List<String> cells(PredictionRow r) {
        List<String> c = new ArrayList<>(columns(labels).size());
        c.add(r.path());
        c.add(number(r.startSeconds(), 3));
        c.add(number(r.endSeconds(), 3));
        c.add(r.emotion() == null ? "" : r.emotion());
        c.add(number(r.confidence(), 4));
        for (int i = 0; i < labels.size(); i++) c.add(r.probabilities() == null ? "" : number(r.probabilities()[i], 4));
        c.add(r.status());
        c.add(r.scope().id());
        c.add(number(r.durationSeconds(), 3));
        c.add(model);
        return c;
    }

    private ObjectNode json(PredictionRow r) {
        List<String> names = columns(labels);
        List<String> cells = cells(r);
        ObjectNode o = COMPACT.createObjectNode();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String v = cells.get(i);
            boolean numeric = name.endsWith("_s") || name.equals("confidence") || name.startsWith("p_");
            if (v.isEmpty() && !name.equals("path")) o.putNull(name);
            else if (numeric) o.put(name, new java.math.BigDecimal(v));
            else o.put(name, v);
        }
        return o;
    }

    static String number(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * The rows of an earlier run worth keeping: those of files whose file row was written, in their order. A last row
     * cut off mid-write, the segment rows of a file whose file row never came, and the rows of a failed file to
     * {@code retry} are dropped (that file is redone). Paths are compared by {@link AudioFiles#identity}, so that the
     * same folder named another way (relative, absolute, with {@code ..}) finds its files done.
     */
    private static List<String> keptRows(Path file, Format format, List<String> labels, String model, Set<String> done,
                                         Predicate<String> retry) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> columns = columns(labels);
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        if (format == Format.CSV) {
            List<Csv.Record> records = Csv.parse(text);
            if (records.isEmpty()) return List.of();
            if (!records.get(0).fields().equals(columns)) {
                throw new IllegalArgumentException(file + " has other columns than this model writes (" + String.join(",", records.get(0).fields())
                        + "): cannot resume it; write to a new file");
            }
            for (Csv.Record r : records.subList(1, records.size())) {
                if (!r.terminated() || r.unclosedQuote() || r.fields().size() != columns.size()) continue;
                rows.add(asMap(columns, r.fields()));
                raw.add(Csv.line(r.fields()));
            }
        } else {
            for (String line : text.split("\n")) {
                String l = line.strip();
                if (l.equals("[") || l.equals("]") || l.isEmpty()) continue;
                if (l.endsWith(",")) l = l.substring(0, l.length() - 1);
                JsonNode node;
                try {
                    node = COMPACT.readTree(l);
                } catch (IOException e) {
                    continue; // cut off mid-write
                }
                if (node == null || !node.isObject()) continue;
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                if (!names.equals(columns)) {
                    throw new IllegalArgumentException(file + " has other fields than this model writes (" + names
                            + "): cannot resume it; write to a new file");
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (String c : columns) m.put(c, node.get(c).isNull() ? "" : node.get(c).asText());
                rows.add(m);
                raw.add(l);
            }
        }
        List<String> identities = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) identities.add(AudioFiles.identity(Path.of(r.get("path"))));
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            if (!model.equals(r.get("model"))) {
                throw new IllegalArgumentException(file + " was written with model " + r.get("model") + ", not " + model
                        + ": cannot resume it with another model; write to a new file");
            }
            if (!"file".equals(r.get("scope"))) continue;
            if (r.get("status").startsWith(PredictionRow.ERROR_PREFIX) && retry.test(identities.get(i))) continue;
            done.add(identities.get(i));
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (done.contains(identities.get(i))) kept.add(raw.get(i));
        return kept;
    }

    private static Map<String, String> asMap(List<String> columns, List<String> fields) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) m.put(columns.get(i), fields.get(i));
        return m;
    }
}
