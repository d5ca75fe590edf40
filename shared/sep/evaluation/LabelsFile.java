package sep.evaluation;

import sep.cli.UsageException;
import sep.prediction.AudioFiles;
import sep.util.Csv;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's labelled audio: a CSV of {@code path,label} rows, paths relative to the CSV's folder (absolute paths work
 * too). Fields may be quoted (RFC 4180). The first row is a header when it has a {@code path} and a {@code label}
 * column (in any place, other columns such as {@code speaker} are ignored); otherwise there is no header and the
 * first two columns are path and label.
 *
 * <p>Labels are compared without case and surrounding spaces to the model's labels, after {@code --map}
 * ({@code angry=anger,happy=happiness}; {@code calm=-} leaves such rows out, on purpose and counted). A label that is
 * neither known nor mapped stops the evaluation with the list of all such labels: dropping them silently would score
 * the model on a different question than the user asked. Files that do not exist stop it too, listed.
 *
 * <p>Each file is scored once. Rows naming the same file (however its path is spelled, compared by
 * {@link AudioFiles#identity}) with the same label are kept once, with a warning; with different labels they stop
 * the evaluation, listed, since only the user knows which label is right. Without a header a row has two fields
 * (empty trailing fields, as spreadsheets write them, aside); with one, no more fields than the header. A file that
 * is not UTF-8 text (a spreadsheet's binary, an audio file given by mistake) is refused as such.
 */
public final class LabelsFile {
    /** Written as a mapping's target to leave rows with that label out. */
    public static final String DROP = "-";
    private static final int LISTED = 20;

    /**
     * One labelled file.
     *
     * @param line    line of the CSV it came from
     * @param written the path as written in the CSV (how reports name the clip)
     * @param file    the path resolved against the CSV's folder
     * @param label   one of the model's labels
     */
    public record Entry(int line, String written, Path file, String label) {}

    /**
     * The rows to score, how many the mapping left out, and what the user should know about the file (one message per
     * kind of problem, e.g. repeated rows, which were kept once).
     */
    public record Contents(Path csv, List<Entry> entries, int dropped, Map<String, Integer> droppedByLabel, List<String> warnings) {}

    private LabelsFile() {}

    /**
     * Parses {@code --map} values ({@code from=to}, several per value when separated by commas).
     *
     * @param targets the labels a mapping may lead to (the model's); {@link #DROP} is always allowed
     */
    public static Map<String, String> parseMap(List<String> values, List<String> targets) {
        Map<String, String> map = new LinkedHashMap<>();
        if (values == null) return map;
        for (String value : values) {
            for (String pair : value.split(",")) {
                if (pair.isBlank()) continue;
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    throw new UsageException("--map takes from=to pairs (e.g. angry=anger,calm=-), got '" + pair + "'");
                }
                String from = norm(pair.substring(0, eq));
                String to = norm(pair.substring(eq + 1));
                if (!to.equals(DROP) && !targets.contains(to)) {
                    throw new UsageException("--map " + pair + ": '" + to + "' is not one of the model's labels " + targets
                            + " (or - to leave those rows out)");
                }
                String before = map.put(from, to);
                if (before != null && !before.equals(to)) {
                    throw new UsageException("--map gives '" + from + "' two targets: " + before + " and " + to);
                }
            }
        }
        return map;
    }

    /**
     * Reads and checks a labels CSV.
     *
     * @param labels the model's labels
     * @throws IllegalArgumentException naming the CSV when it is empty or malformed, when a label is unknown (all listed),
     *                                  or when files are missing (listed)
     */
    public static Contents read(Path csv, Map<String, String> map, List<String> labels) throws IOException {
        if (!Files.isRegularFile(csv)) throw new IllegalArgumentException(csv + ": no such labels file");
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(csv + ": not a text CSV (not UTF-8: a binary file, or a spreadsheet not saved as CSV "
                    + "UTF-8); expected rows of path,label");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(csv + ": not a text CSV (it holds NUL bytes: a binary file?); expected rows of path,label");
        }
        List<Csv.Record> records = Csv.parse(text);
        if (records.isEmpty()) throw new IllegalArgumentException(csv + ": empty; expected rows of path,label");
        Csv.Record last = records.get(records.size() - 1);
        if (last.unclosedQuote()) throw new IllegalArgumentException(csv + ": line " + last.line() + " opens a quote that is never closed");
        int pathColumn = 0, labelColumn = 1, first = 0;
        List<String> head = records.get(0).fields().stream().map(LabelsFile::norm).toList();
        if (head.contains("path") && head.contains("label")) {
            pathColumn = head.indexOf("path");
            labelColumn = head.indexOf("label");
            first = 1;
            if (records.size() == 1) throw new IllegalArgumentException(csv + ": has a header row but no rows of path,label under it");
        }
        int fieldsAllowed = first == 1 ? records.get(0).fields().size() : 2;
        Path base = csv.toAbsolutePath().getParent();
        List<Entry> entries = new ArrayList<>();
        Map<String, int[]> unknown = new TreeMap<>(); // label -> {rows, first line}
        Map<String, Integer> dropped = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        Map<String, Entry> byFile = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        int repeatedCount = 0;
        List<String> conflicts = new ArrayList<>();
        int conflictCount = 0;
        for (Csv.Record r : records.subList(first, records.size())) {
            List<String> f = r.fields();
            if (f.size() <= Math.max(pathColumn, labelColumn) || f.get(pathColumn).isBlank() || f.get(labelColumn).isBlank()) {
                throw new IllegalArgumentException(csv + ": line " + r.line() + " needs a path and a label, got " + Csv.line(f));
            }
            int used = f.size();
            while (used > fieldsAllowed && f.get(used - 1).isBlank()) used--;
            if (used > fieldsAllowed) {
                throw new IllegalArgumentException(csv + ": line " + r.line() + " has " + used + " fields, " + (first == 1
                        ? "the header has " + fieldsAllowed : "expected 2 (path,label); to keep more columns, start the file with a "
                        + "header row such as path,label,speaker") + "; a path with a comma must be quoted. Got " + Csv.line(f));
            }
            String written = f.get(pathColumn).strip();
            String raw = norm(f.get(labelColumn));
            String label = map.getOrDefault(raw, raw);
            if (label.equals(DROP)) {
                dropped.merge(raw, 1, Integer::sum);
                continue;
            }
            if (!labels.contains(label)) {
                unknown.computeIfAbsent(raw, k -> new int[]{0, r.line()})[0]++;
                continue;
            }
            Path file = base.resolve(written).normalize();
            if (!Files.exists(file)) {
                if (missingCount++ < LISTED) missing.add("line " + r.line() + ": " + written);
                continue;
            }
            Entry entry = new Entry(r.line(), written, file, label);
            Entry before = byFile.putIfAbsent(AudioFiles.identity(file), entry);
            if (before == null) {
                entries.add(entry);
            } else if (before.label().equals(label)) {
                if (repeatedCount++ < LISTED) repeated.add("line " + r.line() + " repeats line " + before.line() + ": " + written);
            } else {
                if (conflictCount++ < LISTED) {
                    conflicts.add("line " + before.line() + " says " + before.label() + ", line " + r.line() + " says " + label + ": " + written);
                }
            }
        }
        if (conflictCount > 0) {
            StringBuilder sb = new StringBuilder(csv + ": " + conflictCount + (conflictCount == 1 ? " file has" : " files have")
                    + " two different labels; keep the right one and score again:");
            for (String c : conflicts) sb.append("\n  ").append(c);
            if (conflictCount > LISTED) sb.append("\n  ... and ").append(conflictCount - LISTED).append(" more");
            throw new IllegalArgumentException(sb.toString());
        }
        if (!unknown.isEmpty()) {
            StringBuilder sb = new StringBuilder(csv + ": " + unknown.size() + " label" + (unknown.size() == 1 ? " is" : "s are")
                    + " not in the model's label space " + labels + ":");
            unknown.forEach((label, n) -> sb.append("\n  '").append(label).append("' (").append(n[0]).append(n[0] == 1 ? " row" : " rows")
                    .append(", first on line ").append(n[1]).append(')'));
            sb.append("\nmap them with --map, e.g. --map ").append(String.join(",", unknown.keySet().stream().map(l -> l + "=" + guess(l, labels)).toList()))
                    .append(" (- leaves such rows out)");
            throw new IllegalArgumentException(sb.toString());
        }
        if (missingCount > 0) {
            StringBuilder sb = new StringBuilder(csv + ": " + missingCount + " file" + (missingCount == 1 ? "" : "s")
                    + " not found (paths are relative to " + base + "):");
            for (String m : missing) sb.append("\n  ").append(m);
            if (missingCount > LISTED) sb.append("\n  ... and ").append(missingCount - LISTED).append(" more");
            throw new IllegalArgumentException(sb.toString());
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(csv + ": no rows left to score (--map leaves out every row: " + dropped.keySet() + ")");
        }
        List<String> warnings = new ArrayList<>();
        if (repeatedCount > 0) {
            StringBuilder sb = new StringBuilder(csv + ": " + repeatedCount + (repeatedCount == 1 ? " row repeats" : " rows repeat")
                    + " an earlier one (same file, same label); each file is scored once:");
            for (String rep : repeated) sb.append("\n  ").append(rep);
            if (repeatedCount > LISTED) sb.append("\n  ... and ").append(repeatedCount - LISTED).append(" more");
            warnings.add(sb.toString());
        }
        return new Contents(csv, List.copyOf(entries), dropped.values().stream().mapToInt(Integer::intValue).sum(), dropped,
                List.copyOf(warnings));
    }

    /** A model label that a foreign label probably means (for the suggestion in the error), else {@link #DROP}. */
    static String guess(String label, List<String> labels) {
        Map<String, String> common = Map.ofEntries(Map.entry("angry", "anger"), Map.entry("happy", "happiness"),
                Map.entry("joy", "happiness"), Map.entry("sad", "sadness"), Map.entry("fearful", "fear"), Map.entry("afraid", "fear"),
                Map.entry("disgusted", "disgust"), Map.entry("neu", "neutral"), Map.entry("ang", "anger"), Map.entry("hap", "happiness"),
                Map.entry("fea", "fear"), Map.entry("dis", "disgust"), Map.entry("surprised", "surprise"),
                Map.entry("bored", "boredom"));
        String g = common.get(label);
        return g != null && labels.contains(g) ? g : DROP;
    }

    static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
