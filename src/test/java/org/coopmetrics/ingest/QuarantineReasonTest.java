package org.coopmetrics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reason codes are a closed list, and README.md's reason table says exactly what the enum says. */
class QuarantineReasonTest {
    static final String HEADING = "### Quarantine reasons";
    static final String HEADER = "| reason | meaning | example |";

    /** One row of README.md's reason table. */
    record TableRow(String code, String meaning, String example) {
    }

    @Test
    void readmeTableListsTheEnumsCodesInOrderWithItsMeanings() throws IOException {
        List<TableRow> table = readmeTable(Path.of("README.md"));
        List<String> codes = Arrays.stream(QuarantineReason.values()).map(QuarantineReason::code).toList();
        assertEquals(codes, table.stream().map(TableRow::code).toList(),
                "README.md's reason table lists the enum's codes in the enum's order");
        for (int i = 0; i < table.size(); i++) {
            QuarantineReason reason = QuarantineReason.values()[i];
            assertEquals(reason.meaning(), table.get(i).meaning(), "README.md's meaning of " + reason.code());
            assertFalse(table.get(i).example().isBlank(), "README.md's example of " + reason.code());
        }
    }

    @Test
    void codesAreSnakeCaseAndLookUpTheirReason() {
        for (QuarantineReason reason : QuarantineReason.values()) {
            assertTrue(reason.code().matches("[a-z]+(_[a-z]+)+"), reason.code());
            assertEquals(reason.name().toLowerCase(java.util.Locale.ROOT), reason.code());
            assertSame(reason, QuarantineReason.ofCode(reason.code()));
            assertEquals(Optional.of(reason), QuarantineReason.lookup(reason.code()));
        }
        assertEquals(Optional.empty(), QuarantineReason.lookup("MISSING_FIELD"), "codes are case-sensitive");
        assertEquals(Optional.empty(), QuarantineReason.lookup("rumour"));
        assertEquals(Optional.empty(), QuarantineReason.lookup(null));
        assertThrows(IllegalArgumentException.class, () -> QuarantineReason.ofCode("unknown_reason"));
    }

    @Test
    void meaningsAreOneShortSentenceThatFitsATableCell() {
        for (QuarantineReason reason : QuarantineReason.values()) {
            String m = reason.meaning();
            assertTrue(Character.isUpperCase(m.charAt(0)) && m.endsWith("."), reason.code() + ": " + m);
            assertFalse(m.contains(". "), reason.code() + ": one sentence");
            assertFalse(m.contains("|") || m.contains("`") || m.contains("\n"), reason.code() + ": " + m);
            assertTrue(m.length() <= 90, reason.code() + ": short");
        }
    }

    /** The rows of the first table after the reason heading, whose header must be {@link #HEADER}. */
    static List<TableRow> readmeTable(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int at = lines.indexOf(HEADING);
        assertTrue(at >= 0, "README.md has a '" + HEADING + "' section");
        while (at < lines.size() && !lines.get(at).startsWith("|")) {
            at++;
        }
        assertTrue(at < lines.size(), "the section has a table");
        assertEquals(HEADER, lines.get(at).strip(), "the reason table's header");
        assertTrue(lines.get(at + 1).strip().matches("\\|(\\s*:?-+:?\\s*\\|){3}"), "separator: " + lines.get(at + 1));
        List<TableRow> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i).strip();
            assertTrue(line.endsWith("|"), "row ends with '|': " + line);
            // code | meaning | example: neither code nor meaning holds a '|', so the rest is the example.
            String[] cells = line.substring(1, line.length() - 1).split("\\|", 3);
            assertEquals(3, cells.length, "three cells: " + line);
            String code = cells[0].strip();
            assertTrue(code.matches("`[a-z_]+`"), "a code in backticks: " + line);
            rows.add(new TableRow(code.substring(1, code.length() - 1), cells[1].strip(), cells[2].strip()));
        }
        return rows;
    }
}
