package org.coopmetrics.ingest;

import static org.coopmetrics.ingest.CsvQuotes.fieldEnd;
import static org.coopmetrics.ingest.CsvQuotes.plainCells;
import static org.coopmetrics.ingest.CsvQuotes.quoteOpenAfter;
import static org.coopmetrics.ingest.CsvQuotes.strictFields;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvQuotesTest {
    @Test
    void strictFieldsCountsTheFieldsOfAStrictRecord() {
        assertEquals(3, strictFields("a,b,c"));
        assertEquals(1, strictFields(""));
        assertEquals(3, strictFields(",,"));
        assertEquals(2, strictFields("\"a,b\",c"));
        assertEquals(2, strictFields("\"say \"\"hi\"\"\",x"));
        assertEquals(2, strictFields("\"a\","));
        assertEquals(1, strictFields("\"\""));
    }

    @Test
    void strictFieldsRejectsWhatIsNotOneStrictRecord() {
        assertEquals(-1, strictFields("\"open,b"));
        assertEquals(-1, strictFields("a\"b,c")); // a quote inside an unquoted field
        assertEquals(-1, strictFields("\"a\"b,c")); // text after a closing quote
        assertEquals(-1, strictFields("x,\"a\"\""));
        assertEquals(-1, strictFields("rest of a field\",x,y"));
    }

    @Test
    void quoteOpenAfterALineStartingOutsideQuotes() {
        assertTrue(quoteOpenAfter("a,\"b", false));
        assertFalse(quoteOpenAfter("a,\"b\"", false));
        assertFalse(quoteOpenAfter("a,b\"c", false)); // a quote not at a field's start is text
        assertTrue(quoteOpenAfter("\"x\"\"", false)); // "" inside quotes is an escaped quote
        assertFalse(quoteOpenAfter("\"\",x", false));
        assertFalse(quoteOpenAfter("", false));
        assertTrue(quoteOpenAfter("a,\"b,c", false));
    }

    @Test
    void quoteOpenAfterALineStartingInsideQuotes() {
        assertFalse(quoteOpenAfter("rest\",x", true));
        assertTrue(quoteOpenAfter("no quote here", true));
        assertTrue(quoteOpenAfter("", true)); // an empty line inside a quoted field
        assertTrue(quoteOpenAfter("\"\"", true)); // an escaped quote
        assertFalse(quoteOpenAfter("\"", true));
        // the closing quote's field goes on unquoted; a later quote not at a field's start is text
        assertFalse(quoteOpenAfter("a\"b\"c", true));
        assertTrue(quoteOpenAfter("a\",\"b", true));
    }

    @Test
    void fieldEndFindsTheDelimiterAfterAField() {
        assertEquals(1, fieldEnd("a,b,c", 0));
        assertEquals(3, fieldEnd("a,b,c", 1));
        assertEquals(-1, fieldEnd("a,b,c", 2)); // the last field is not known to end
        assertEquals(0, fieldEnd(",x", 0));
        assertEquals(5, fieldEnd("\"a,b\",c", 0));
        assertEquals(7, fieldEnd("\"a\"\",b\",c", 0)); // an escaped quote does not close the field
        assertEquals(3, fieldEnd("a\"b,c", 0)); // a quote not at a field's start is text
        assertEquals(-1, fieldEnd("\"open,b", 0)); // the comma is inside the quotes
        assertEquals(-1, fieldEnd("x,\"y", 1));
        assertEquals(-1, fieldEnd("", 0));
    }

    @Test
    void plainCellsAreWhatUnivocityReadsOnLinesWithoutQuotes() {
        CsvParser parser = CsvRecords.parser();
        List<String> lines = List.of("a,b,c", ",,", " a , b ,c ", "a,,c", ",b,", "x\ty,\u00e9t\u00e9,\ud83d\ude00",
                "stm-1,PAK;BHR,https://example.org/a?b=c&d", "   ,  ,", "a;b,c;d,");
        for (String line : lines) {
            assertArrayEquals(parser.parseLine(line), plainCells(line, 3), line);
        }
        for (String line : List.of("a,b", "a,b,c,d", "", "a,\"b\",c", "a,b\"c,d", "a,\r,c")) {
            assertNull(plainCells(line, 3), "left to univocity: " + line);
        }
    }
}
