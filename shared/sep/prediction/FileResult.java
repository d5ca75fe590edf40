package sep.prediction;

import java.util.List;

/** Everything {@code sep-predict} says about one file: its segment rows (if any), then its file row. */
public record FileResult(String path, List<PredictionRow> rows) {
    public FileResult {
        rows = List.copyOf(rows);
        if (rows.isEmpty() || rows.get(rows.size() - 1).scope() != PredictionRow.Scope.FILE) {
            throw new IllegalArgumentException(path + ": a file's rows must end with its file row");
        }
    }

    /** The row that speaks for the whole file (its summary when segmented). */
    public PredictionRow fileRow() {
        return rows.get(rows.size() - 1);
    }

    public List<PredictionRow> segments() {
        return rows.subList(0, rows.size() - 1);
    }
}
