package sep.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tab-separated tables SEP reads (a data folder's {@code MANIFEST.tsv}, the shipped official sums): a header
 * line, then one row per line; blank lines are skipped, and every error names the table and the line.
 */
final class TsvTable {
    private TsvTable() {}

    /** Turns one row's fields into a value; throws {@link IllegalArgumentException} with the reason for a bad row. */
    @FunctionalInterface
    interface RowParser<T> {
        T parse(String[] fields);
    }

    /** Checks the header's columns and returns the parser of the rows under it. */
    @FunctionalInterface
    interface Layout<T> {
        RowParser<T> bind(List<String> columns) throws DataException;
    }

    static <T> List<T> read(BufferedReader reader, String source, Layout<T> layout) throws IOException {
        String header = reader.readLine();
        if (header == null) throw new DataException(source + " is empty; expected a tab-separated header line");
        RowParser<T> parser = layout.bind(Arrays.asList(header.strip().split("\t")));
        List<T> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            try {
                rows.add(parser.parse(line.split("\t", -1)));
            } catch (IllegalArgumentException e) {
                throw new DataException(source + " line " + lineNo + ": " + e.getMessage());
            }
        }
        return rows;
    }
}
