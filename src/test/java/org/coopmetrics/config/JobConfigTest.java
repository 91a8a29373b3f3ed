package org.coopmetrics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.coopmetrics.JobException;
import org.junit.jupiter.api.Test;

/** Flags and config file merge and validation: no Spark involved. */
class JobConfigTest {
    static ConfigFile parse(String json) throws IOException {
        return ConfigLoader.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    static JobConfig.Flags flags(String input, String output, String asOf, String grains, Double ratio) {
        return new JobConfig.Flags(input, output, asOf, grains, ratio, null);
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        ConfigFile file = parse("{\"input\": \"in\", \"output\": \"out\", \"as_of\": \"2025-06-30\", "
                + "\"grains\": [\"month\", \"year\"], \"max_quarantine_ratio\": 0.1, \"optional_datasets\": [\"seizures\"]}");
        JobConfig fromFile = JobConfig.resolve(flags(null, null, null, null, null), file, true);
        assertEquals("in", fromFile.input());
        assertEquals(LocalDate.of(2025, 6, 30), fromFile.asOf());
        assertEquals(List.of(Grain.MONTH, Grain.YEAR), fromFile.grains());
        assertEquals(0.1, fromFile.maxQuarantineRatio());
        assertEquals(java.util.Set.of("seizures"), fromFile.optionalDatasets());

        JobConfig withFlags = JobConfig.resolve(flags("in2", null, "2025-12-31", "week, day", 0.0), file, true);
        assertEquals("in2", withFlags.input());
        assertEquals("out", withFlags.output());
        assertEquals(LocalDate.of(2025, 12, 31), withFlags.asOf());
        assertEquals(List.of(Grain.DAY, Grain.WEEK), withFlags.grains());
        assertEquals(0.0, withFlags.maxQuarantineRatio());
    }

    @Test
    void defaults() {
        JobConfig c = JobConfig.resolve(flags("in", "out", "2025-12-31", null, null), ConfigFile.empty(), true);
        assertEquals(List.of(Grain.values()), c.grains());
        assertEquals(0.05, c.maxQuarantineRatio());
        assertEquals(1 << 20, c.maxRecordBytes());
    }

    static String usageError(Runnable r) {
        JobException e = assertThrows(JobException.class, r::run);
        assertEquals(JobException.USAGE, e.exitCode());
        return e.getMessage();
    }

    @Test
    void errorsNameTheFlagOrKey() throws IOException {
        ConfigFile empty = ConfigFile.empty();
        assertEquals("--input (config key 'input') is required",
                usageError(() -> JobConfig.resolve(flags(null, "out", null, null, null), empty, true)));
        assertEquals("--output (config key 'output') is required",
                usageError(() -> JobConfig.resolve(flags("in", null, null, null, null), empty, true)));
        assertTrue(usageError(() -> JobConfig.resolve(flags("in", "out", "31/12/2025", null, null), empty, true))
                .startsWith("--as-of: '31/12/2025' is not a date"));
        assertTrue(usageError(() -> JobConfig.resolve(flags("in", "out", null, "month,decade", null), empty, true))
                .startsWith("--grain: unknown grain 'decade'"));
        assertTrue(usageError(() -> JobConfig.resolve(flags("in", "out", null, null, 1.5), empty, true))
                .startsWith("--max-quarantine-ratio must be between 0 and 1"));
        ConfigFile badKey = parse("{\"as_of\": \"2025-13-01\"}");
        assertTrue(usageError(() -> JobConfig.resolve(flags("in", "out", null, null, null), badKey, true))
                .startsWith("config key 'as_of': '2025-13-01' is not a date"));
        ConfigFile badDataset = parse("{\"optional_datasets\": [\"seizure\"]}");
        assertTrue(usageError(() -> JobConfig.resolve(flags("in", "out", null, null, null), badDataset, true))
                .startsWith("config key 'optional_datasets': unknown dataset 'seizure'"));
        // validate needs no output
        assertEquals("in", JobConfig.resolve(flags("in", null, null, null, null), empty, false).input());
    }

    @Test
    void fileErrorsNameKeyAndLine() {
        assertTrue(usageError(() -> {
            try {
                parse("{\"input\": \"in\",\n\"max_quarantine_ration\": 0.1}");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).startsWith("config test.json: unknown key 'max_quarantine_ration' at line 2"));
        assertTrue(usageError(() -> {
            try {
                parse("{\"max_quarantine_ratio\": \"lots\"}");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).startsWith("config test.json: invalid value for key 'max_quarantine_ratio' at line 1"));
        assertTrue(usageError(() -> {
            try {
                parse("{\n  \"max_recrod_bytes\": 1024\n}");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).startsWith("config test.json: unknown key 'max_recrod_bytes' at line 2"));
        assertTrue(usageError(() -> {
            try {
                parse("{\"grains\": [\"year\"");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).startsWith("config test.json: invalid JSON at line 1"));
        assertTrue(usageError(() -> {
            try {
                parse("{\"input\": ");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).startsWith("config test.json: invalid JSON"));
    }
}
