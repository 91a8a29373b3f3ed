package org.coopmetrics.ingest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw text of chosen records of one file, found by the line each starts on, without parsing the rest: the
 * lines before are passed over byte by byte. The records must be well-formed ones (as revisions are): a JSON
 * record is its line, a CSV record its line and those after it while a quoted field is open.
 */
final class RawText {
    private RawText() {
    }

    /** Line number to raw text, for the given line numbers (ascending) that the file has. */
    static Map<Long, String> of(LineSource lines, long[] wanted, boolean csv) throws IOException {
        Map<Long, String> texts = new LinkedHashMap<>();
        long at = 0; // lines read so far
        for (long line : wanted) {
            while (at < line - 1) {
                if (!lines.skip()) {
                    return texts;
                }
                at++;
            }
            if (at >= line) {
                continue; // a repeated number, or inside the record before
            }
            LineSource.Line first = lines.next();
            at++;
            if (first == null) {
                return texts;
            }
            String text = first.text() != null ? first.text() : first.preview();
            if (csv && first.text() != null) {
                StringBuilder record = new StringBuilder(text);
                boolean open = CsvQuotes.quoteOpenAfter(text, false);
                while (open) {
                    LineSource.Line more = lines.next();
                    if (more == null) {
                        break;
                    }
                    at++;
                    if (more.text() == null) {
                        break;
                    }
                    record.append('\n').append(more.text());
                    open = CsvQuotes.quoteOpenAfter(more.text(), true);
                }
                text = record.toString();
            }
            texts.put(line, text);
        }
        return texts;
    }
}
