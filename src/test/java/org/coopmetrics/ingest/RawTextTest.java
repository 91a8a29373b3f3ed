package org.coopmetrics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The raw text of chosen records, found by line number without parsing the rest; without Spark. */
class RawTextTest {
    static Map<Long, String> of(String text, boolean csv, long... wanted) throws IOException {
        try (LineSource lines = new LineSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                1 << 20)) {
            return RawText.of(lines, wanted, csv);
        }
    }

    @Test
    void jsonRecordsAreTheirLines() throws IOException {
        String file = "\uFEFF{\"a\":1}\r\n{\"a\":2}\n\n{\"a\":\"é\"}\n{\"a\":4}";
        Map<Long, String> texts = of(file, false, 1, 4, 5);
        assertEquals(List.of(1L, 4L, 5L), List.copyOf(texts.keySet()));
        assertEquals("{\"a\":1}", texts.get(1L)); // no BOM, no CR
        assertEquals("{\"a\":\"é\"}", texts.get(4L));
        assertEquals("{\"a\":4}", texts.get(5L)); // the last line has no line break
    }

    @Test
    void csvRecordRunsOnWhileAQuotedFieldIsOpen() throws IOException {
        String file = "id,quote\n"
                + "a,\"one\n"
                + "two, \"\"quoted\"\"\n"
                + "three\"\n"
                + "b,plain\n"
                + "c,\"x\"\n";
        Map<Long, String> texts = of(file, true, 2, 5, 6);
        assertEquals("a,\"one\ntwo, \"\"quoted\"\"\nthree\"", texts.get(2L));
        assertEquals("b,plain", texts.get(5L));
        assertEquals("c,\"x\"", texts.get(6L));
        assertEquals(3, texts.size());
    }

    @Test
    void linesTheFileDoesNotHaveAreLeftOut() throws IOException {
        assertEquals(Map.of(2L, "y"), of("x\ny\n", false, 2, 3, 9));
    }
}
