package sep.util;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated values as RFC 4180 has them: fields with a comma, a quote or a line break are quoted, quotes inside
 * doubled. Users' label files come from spreadsheets, so quoted paths ("My Recordings, 2024/a.wav") must survive.
 */
public final class Csv {
    private Csv() {}

    /**
     * One record with the number of the line it starts on (1-based).
     *
     * @param terminated   a line break followed it (a writer that was interrupted leaves its last record without one)
     * @param unclosedQuote the text ended inside a quoted field
     */
    public record Record(int line, List<String> fields, boolean terminated, boolean unclosedQuote) {}

    /** A field as written: quoted only when it has to be. */
    public static String field(String s) {
        if (s == null) return "";
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    public static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(field(fields.get(i)));
        }
        return sb.toString();
    }

    /**
     * Every record of a text. Blank lines are skipped; a leading byte-order mark (spreadsheets write one) is ignored.
     */
    public static List<Record> parse(String text) {
        List<Record> out = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int n = text.length();
        while (i < n) {
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean fieldWasQuoted = false;
            boolean ended = false;
            while (i < n) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        quoted = false;
                    } else {
                        if (c == '\n') line++;
                        field.append(c);
                    }
                    i++;
                } else if (c == '"' && field.isEmpty() && !fieldWasQuoted) {
                    quoted = true;
                    fieldWasQuoted = true;
                    i++;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                    i++;
                } else if (c == '\r' || c == '\n') {
                    i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                    line++;
                    ended = true;
                    break;
                } else {
                    field.append(c);
                    i++;
                }
            }
            fields.add(field.toString());
            boolean blank = fields.size() == 1 && fields.get(0).isBlank() && !fieldWasQuoted;
            if (!blank) out.add(new Record(startLine, List.copyOf(fields), ended, quoted));
        }
        return out;
    }
}
