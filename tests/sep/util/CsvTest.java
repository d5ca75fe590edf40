package sep.util;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsvTest {
    @Test
    void quotedFieldsRoundTripAndCutOffRecordsAreMarked() {
        List<String> tricky = List.of("My Recordings, 2024/a \"take\".wav", "anger", "line\nbreak", "");
        String text = "\uFEFFpath,label\r\n" + Csv.line(tricky) + "\n\nplain,row\nlast,\"unfinished";
        List<Csv.Record> records = Csv.parse(text);
        assertEquals(4, records.size(), "blank line skipped");
        assertEquals(List.of("path", "label"), records.get(0).fields(), "byte-order mark dropped");
        assertEquals(tricky, records.get(1).fields());
        assertEquals(2, records.get(1).line());
        assertEquals(5, records.get(2).line(), "line numbers count the break inside the quoted field");
        assertTrue(records.get(2).terminated());
        assertTrue(records.get(3).unclosedQuote());
        assertFalse(records.get(3).terminated());
        assertEquals("a,\"b,c\",\"d\"\"e\"", Csv.line(List.of("a", "b,c", "d\"e")));
    }
}
