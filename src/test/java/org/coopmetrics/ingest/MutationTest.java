package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.coopmetrics.CoopMetricsJob;
import org.coopmetrics.JobGroup;
import org.coopmetrics.quality.DatasetTally;
import org.coopmetrics.quality.Tallies;
import org.coopmetrics.config.Grain;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.normalize.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomised hostile input: valid rows of all three datasets are interleaved with mutated copies (fields removed,
 * emptied, retyped, garbled; bytes flipped; lines cut; stray quotes), in JSON Lines and CSV files. The mutated
 * rows may end anywhere, but every record must be accounted for, and every valid row must come out exactly as it
 * does from a run on the valid rows alone: no valid row is lost or changed by its neighbours.
 *
 * <p>The seed is fixed so CI is repeatable; any seed by hand:
 * {@code mvn test -Dtest=MutationTest -Dcoopmetrics.mutation.seed=7 -Dcoopmetrics.mutation.rows=50000}.
 */
class MutationTest {
    static final long SEED = Long.getLong("coopmetrics.mutation.seed", 20251128L);
    static final int MUTANTS = Integer.getInteger("coopmetrics.mutation.rows", 10_000);
    static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
    static final List<String> REASONS = List.of("malformed_record", "missing_field", "invalid_date", "invalid_number",
            "unknown_country", "same_country", "unknown_sector", "unknown_enum", "unknown_drug", "unknown_unit",
            "unknown_currency", "no_fx_rate", "negative_amount", "missing_measure", "inconsistent_lifecycle",
            "too_few_parties", "ambiguous_revision", "invalid_source");

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final String[] COUNTRIES = {"PAK", "pk", "Pakistan", "BHR", "bh", "Bahrain", "GBR", "UK", "USA", "us",
        "IND", "TUR", "Turkey", "AFG", "IRN", "ARE", "UAE", "SAU", "KSA"};
    static final String[] SECTORS = {"counter_narcotics", "CN", "counter_terrorism", "CT", "coast_guard",
        "border_security", "immigration", "police_training", "extradition", "MLA", "intelligence_sharing",
        "cybercrime", "human_trafficking", "financial_crime"};
    static final String[] SPEAKERS = {"A. Minister", "José Álvarez", "محمد علي", "Li \"Tiger\" Wei", "O'Brien, P.",
        "  Padded Name  "};
    static final String[] QUOTES = {"We agree, fully.", "He said \"never\" twice", "Coopération renforcée", "",
        "semi;colon and, comma", "emoji 🚔 ok"};
    static final String[] STATEMENT_KINDS = {"intent", "consultation", "praise", "appeal", "criticism", "Praise"};
    static final String[] AGREEMENT_TYPES = {"joint_working_group", "mou", "treaty", "extradition_treaty",
        "mutual_legal_assistance", "liaison_post", "action_plan", "other"};
    static final String[] DRUGS = {"heroin", "cocaine", "cannabis", "hashish", "methamphetamine", "ice", "opium"};
    static final String[] UNITS = {"kg", "g", "t", "lb", "oz", "l", "ml", "tablets", "doses", "Kilograms"};
    static final String[] CURRENCIES = {"USD", "EUR", "PKR", "gbp"};
    static final String[] ROLES = {"joint_operation", "origin", "destination", "transit"};

    @TempDir
    Path dir;

    /** One curated record: field to text, list of text, or (mutated) any JSON value; an absent key is absent. */
    record Rec(DatasetSpec spec, String id, Map<String, Object> fields, boolean mutated) {
    }

    @Test
    void mutatedRowsNeverCostAValidRow() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        Map<DatasetSpec, List<Rec>> valid = new LinkedHashMap<>();
        Map<DatasetSpec, List<Rec>> all = new LinkedHashMap<>();
        // 45% statements, 10% agreements, 45% seizures, as valid rows and as mutants
        int validRows = Math.max(300, MUTANTS / 3);
        Map<DatasetSpec, Double> share = Map.of(DatasetSpec.STATEMENTS, 0.45, DatasetSpec.AGREEMENTS, 0.10,
                DatasetSpec.SEIZURES, 0.45);
        int mutantNo = 0;
        for (DatasetSpec spec : DatasetSpec.CURATED) {
            List<Rec> v = new ArrayList<>();
            int n = (int) Math.round(validRows * share.get(spec));
            for (int i = 0; i < n; i++) {
                String id = String.format("v%06d", i);
                Rec r = new Rec(spec, id, validFields(spec, id, random), false);
                v.add(r);
                if (random.nextInt(50) == 0) { // an older version of the record: superseded in both runs
                    Map<String, Object> older = new LinkedHashMap<>(r.fields());
                    older.put("recorded_at", "2024-06-01T00:00:00Z");
                    v.add(new Rec(spec, id, older, false));
                }
            }
            List<Rec> mutants = new ArrayList<>();
            int m = (int) Math.round(MUTANTS * share.get(spec));
            for (int i = 0; i < m; i++) {
                if (!mutants.isEmpty() && random.nextInt(40) == 0) {
                    // a twin: the same id and recorded_at as the mutant before, other content (ambiguous)
                    Rec before = mutants.get(mutants.size() - 1);
                    Map<String, Object> fields = new LinkedHashMap<>(before.fields());
                    fields.put("sources", List.of("https://twin.example/" + before.id()));
                    mutants.add(new Rec(spec, before.id(), fields, true));
                    continue;
                }
                String id = String.format("m%06d", mutantNo++);
                mutants.add(new Rec(spec, id, validFields(spec, id, random), true));
            }
            valid.put(spec, v);
            List<Rec> mixed = new ArrayList<>(v);
            mixed.addAll(mutants);
            Collections.shuffle(mixed, new java.util.Random(random.nextLong()));
            all.put(spec, mixed);
        }

        // Write both inputs: the same files, with and without the mutants. Mutations happen while writing.
        Path mixedDir = dir.resolve("mixed");
        Path cleanDir = dir.resolve("clean");
        Map<String, Long> expectedRecords = new TreeMap<>();
        Map<String, Map<Long, String>> linesByFile = new HashMap<>();
        for (DatasetSpec spec : DatasetSpec.CURATED) {
            String[] files = {"a.jsonl", "b.csv", "c.jsonl", "d.csv"};
            Map<String, List<Rec>> byFile = new LinkedHashMap<>();
            for (Rec r : all.get(spec)) {
                byFile.computeIfAbsent(files[random.nextInt(files.length)], f -> new ArrayList<>()).add(r);
            }
            long records = 0;
            for (Map.Entry<String, List<Rec>> e : byFile.entrySet()) {
                List<String> columns = new ArrayList<>(spec.fields());
                Collections.shuffle(columns, new java.util.Random(random.nextLong())); // CSV maps by header name
                boolean csv = e.getKey().endsWith(".csv");
                ByteArrayOutputStream mixed = new ByteArrayOutputStream();
                ByteArrayOutputStream clean = new ByteArrayOutputStream();
                if (csv) {
                    byte[] header = (String.join(",", columns) + "\n").getBytes(StandardCharsets.UTF_8);
                    mixed.writeBytes(header);
                    clean.writeBytes(header);
                }
                for (Rec r : e.getValue()) {
                    byte[] line = serialise(r, columns, csv);
                    if (r.mutated()) {
                        line = mutate(r, line, csv, columns, random);
                    } else {
                        clean.writeBytes(line);
                        clean.write('\n');
                    }
                    mixed.writeBytes(line);
                    mixed.write('\n');
                }
                Path file = mixedDir.resolve(spec.id()).resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, mixed.toByteArray());
                Path cleanFile = cleanDir.resolve(spec.id()).resolve(e.getKey());
                Files.createDirectories(cleanFile.getParent());
                Files.write(cleanFile, clean.toByteArray());
                Map<Long, String> lines = physicalLines(mixed.toByteArray());
                linesByFile.put(file.toString(), lines);
                // One record per non-blank line (valid rows hold no line breaks), less the CSV header.
                records += lines.values().stream().filter(t -> t == null || !t.isBlank()).count() - (csv ? 1 : 0);
            }
            expectedRecords.put(spec.id(), records);
        }

        ReferenceData ref = ReferenceData.load(null, spark().sparkContext().hadoopConfiguration());
        List<Ingested> mixedRun = ingest(mixedDir, ref);
        List<Ingested> cleanRun = ingest(cleanDir, ref);
        try {
            Map<String, DatasetTally> accounts;
            try (JobGroup jobs = new JobGroup(spark().sparkContext(), "mutation-test")) {
                accounts = Tallies.account(mixedRun, jobs); // throws if the identity fails
            }
            Map<String, Long> reasons = new TreeMap<>();
            long mutantsAccepted = 0;
            // The curated datasets; the events dataset (no folder here, so nothing read) has its own tests.
            for (int d = 0; d < DatasetSpec.CURATED.size(); d++) {
                Ingested mixed = mixedRun.get(d);
                Ingested clean = cleanRun.get(d);
                String name = mixed.spec().id();
                DatasetTally acc = accounts.get(name);
                long read = acc.read();
                // CSV is ambiguous: damage may make two lines one valid CSV record (a quote opened on one and
                // closed on the next). Such a line must then be inside the raw text of a record started above it.
                Map<String, Map<Long, String>> rawByFile = new HashMap<>();
                for (Row x : mixed.ledger().select("source_file", "line", "raw").collectAsList()) {
                    rawByFile.computeIfAbsent(x.getString(0).replaceFirst("^file:", ""), k -> new TreeMap<>())
                            .put(x.getLong(1), x.getString(2));
                }
                long joined = 0;
                for (Map.Entry<String, Map<Long, String>> e : linesByFile.entrySet()) {
                    String file = e.getKey();
                    if (!file.contains("/" + name + "/")) {
                        continue;
                    }
                    TreeMap<Long, String> raws = (TreeMap<Long, String>) rawByFile.getOrDefault(file, new TreeMap<>());
                    for (Map.Entry<Long, String> l : e.getValue().entrySet()) {
                        boolean header = file.endsWith(".csv") && l.getKey() == 1;
                        String text = l.getValue();
                        if (header || (text != null && text.isBlank()) || raws.containsKey(l.getKey())) {
                            continue;
                        }
                        Map.Entry<Long, String> above = raws.lowerEntry(l.getKey());
                        assertTrue(file.endsWith(".csv") && above != null && text != null
                                && above.getValue().contains("\n" + text), file + ":" + l.getKey()
                                + " is no record and in none: " + text);
                        joined++;
                    }
                }
                System.out.printf("%s: %d lines joined to the record above them%n", name, joined);
                assertEquals(expectedRecords.get(name) - joined, read, name + ": records read, counted from files");
                assertEquals(read, acc.accepted() + acc.quarantined() + acc.superseded() + acc.afterAsOf(),
                        name + ": identity");
                assertEquals(read, mixed.ledger().count(), name + ": one ledger row per record");

                // Every valid row comes out as it does without the mutants: same status, same values.
                Column[] compared = comparable(mixed.ledger());
                Dataset<Row> validMixed = mixed.ledger().filter(col("record_id").startsWith("v")).select(compared);
                Dataset<Row> validClean = clean.ledger().select(compared);
                assertEquals(valid.get(mixed.spec()).size(), validClean.count(), name + ": valid rows, clean run");
                assertEquals(0, validClean.filter(col("status").equalTo("quarantined")).count(),
                        name + ": the valid rows are valid: " + validClean.filter(col("status")
                                .equalTo("quarantined")).select("record_id", "detail").limit(3).collectAsList());
                List<Row> lost = validClean.exceptAll(validMixed).limit(5).collectAsList();
                List<Row> changed = validMixed.exceptAll(validClean).limit(5).collectAsList();
                assertTrue(lost.isEmpty() && changed.isEmpty(), name + ": valid rows lost " + lost + " or changed "
                        + changed);

                // Every quarantined row names a contract reason and keeps its file, line and text (as the
                // quarantine report has them: an ambiguous revision's text is read again from its file).
                List<Row> quarantined = mixed.quarantined()
                        .select("source_file", "line", "raw", "reason", "detail").collectAsList();
                assertEquals(acc.quarantined(), quarantined.size(), name + ": quarantined rows");
                for (Row q : quarantined) {
                    String where = name + " " + q.getString(0) + ":" + q.get(1);
                    assertTrue(REASONS.contains(q.getString(3)), where + " reason " + q.getString(3));
                    assertNotNull(q.getString(4), where + " detail");
                    String text = linesByFile.get(q.getString(0).replaceFirst("^file:", "")).get(q.getLong(1));
                    String raw = q.getString(2);
                    assertNotNull(raw, where + " raw");
                    if (text != null && text.length() <= RawRecordReader.RAW_PREVIEW_CHARS) {
                        assertTrue(raw.equals(text) || raw.startsWith(text + "\n"), where + " raw " + raw
                                + " is not the line " + text);
                    }
                    reasons.merge(q.getString(3), 1L, Long::sum);
                }
                mutantsAccepted += mixed.ledger().filter(col("record_id").startsWith("m")
                        .and(col("status").equalTo("accepted"))).count();
            }
            System.out.printf("MutationTest seed %d: %d mutated rows, %d valid rows; mutants accepted %d; "
                    + "quarantined by reason %s%n", SEED, MUTANTS, valid.values().stream().mapToInt(List::size).sum(),
                    mutantsAccepted, reasons);
            // The mutations reach most of the contract's reasons (a sanity check that they bite).
            assertTrue(reasons.size() >= 14, "reasons reached: " + reasons);
        } finally {
            mixedRun.forEach(Ingested::unpersist);
            cleanRun.forEach(Ingested::unpersist);
        }
    }

    List<Ingested> ingest(Path input, ReferenceData ref) {
        JobConfig config = new JobConfig(input.toString(), null, AS_OF, List.of(Grain.values()), 1.0, null, Set.of(),
                JobConfig.DEFAULT_MAX_RECORD_BYTES, false);
        return new CoopMetricsJob(spark(), config).ingest(ref);
    }

    /** The ledger's columns but where the row sits in the files (maps cannot be compared as sets). */
    static Column[] comparable(Dataset<Row> ledger) {
        return Arrays.stream(ledger.schema().fields())
                .filter(f -> !Set.of("source_file", "line", "raw").contains(f.name()))
                .filter(f -> !(f.dataType() instanceof MapType))
                .map(f -> col("`" + f.name() + "`"))
                .toArray(Column[]::new);
    }

    /** Line number to text (null when not valid UTF-8), as the reader numbers them. */
    static Map<Long, String> physicalLines(byte[] content) {
        Map<Long, String> lines = new HashMap<>();
        long number = 0;
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                if (i == content.length && start == i) {
                    break;
                }
                int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                try {
                    lines.put(++number, StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(content, start, end - start)).toString());
                } catch (CharacterCodingException e) {
                    lines.put(number, null);
                }
                start = i + 1;
            }
        }
        return lines;
    }

    // ---- valid rows ------------------------------------------------------------------------------------------

    static String pick(String[] values, SplittableRandom r) {
        return values[r.nextInt(values.length)];
    }

    static String day(SplittableRandom r, LocalDate from, int days) {
        return from.plusDays(r.nextInt(days)).toString();
    }

    static String instant(SplittableRandom r) {
        return String.format("2025-%02d-%02dT%02d:%02d:%02dZ", 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                r.nextInt(60), r.nextInt(60));
    }

    static List<String> distinctFrom(String[] values, int n, SplittableRandom r) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String v = pick(values, r);
            if (out.stream().noneMatch(o -> o.equalsIgnoreCase(v))) {
                out.add(v);
            }
        }
        return out;
    }

    /** Two or more different countries (by ISO code, since aliases of one country would be the same). */
    static List<String> countries(int n, SplittableRandom r) {
        List<String> out = new ArrayList<>();
        Set<String> isos = new java.util.HashSet<>();
        while (out.size() < n) {
            String c = pick(COUNTRIES, r);
            if (isos.add(iso(c))) {
                out.add(c);
            }
        }
        return out;
    }

    static String iso(String country) {
        return switch (country.toLowerCase(java.util.Locale.ROOT)) {
            case "pk", "pakistan", "pak" -> "PAK";
            case "bh", "bahrain", "bhr" -> "BHR";
            case "uk", "gbr" -> "GBR";
            case "us", "usa" -> "USA";
            case "turkey", "tur" -> "TUR";
            case "uae", "are" -> "ARE";
            case "ksa", "sau" -> "SAU";
            default -> country.toUpperCase(java.util.Locale.ROOT);
        };
    }

    static Map<String, Object> validFields(DatasetSpec spec, String id, SplittableRandom r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(spec.idField(), id);
        List<String> sources = new ArrayList<>(List.of("https://news.example/" + id + "?a=1,2"));
        if (r.nextBoolean()) {
            sources.add("http://archive.example/item/" + id);
        }
        switch (spec) {
            case STATEMENTS -> {
                // a few dated after the as-of date: counted as such in both runs
                f.put("date", day(r, LocalDate.parse("2025-01-01"), r.nextInt(20) == 0 ? 400 : 365));
                f.put("speaker", pick(SPEAKERS, r));
                if (r.nextBoolean()) {
                    f.put("speaker_role", "Interior Minister");
                }
                List<String> pair = countries(2, r);
                f.put("speaker_country", pair.get(0));
                f.put("counterpart_country", pair.get(1));
                f.put("sectors", distinctFrom(SECTORS, 1 + r.nextInt(3), r));
                f.put("kind", pick(STATEMENT_KINDS, r));
                f.put("quote", pick(QUOTES, r));
            }
            case AGREEMENTS -> {
                f.put("type", pick(AGREEMENT_TYPES, r));
                f.put("title", "Agreement " + id + ", on \"cooperation\"");
                f.put("parties", countries(2 + r.nextInt(2), r));
                f.put("sectors", distinctFrom(SECTORS, 1 + r.nextInt(3), r));
                LocalDate d = LocalDate.parse("2024-01-01").plusDays(r.nextInt(600));
                String[] lifecycle = {"announced_on", "signed_on", "in_force_on", "ended_on"};
                int first = r.nextInt(2);
                int last = first + r.nextInt(4 - first);
                for (int i = first; i <= last; i++) {
                    f.put(lifecycle[i], d.toString());
                    d = d.plusDays(r.nextInt(120));
                }
            }
            case SEIZURES -> {
                boolean event = r.nextInt(10) > 0;
                f.put("kind", event ? "event" : "period_total");
                String date = day(r, LocalDate.parse("2024-02-01"), 690);
                f.put("date", date);
                if (!event) {
                    f.put("period_start", LocalDate.parse(date).minusDays(r.nextInt(90)).toString());
                }
                List<String> pair = countries(2, r);
                f.put("reporting_country", pair.get(0));
                if (r.nextBoolean()) {
                    f.put("partner_country", pair.get(1));
                    f.put("partner_role", pick(ROLES, r));
                }
                if (r.nextBoolean()) {
                    f.put("agency", "Anti-Narcotics Force");
                }
                if (r.nextInt(4) == 0) {
                    f.put("sector", pick(new String[] {"coast_guard", "border_security", "CN"}, r));
                }
                f.put("drug", event || r.nextBoolean() ? pick(DRUGS, r) : "mixed");
                int measure = r.nextInt(3);
                if (measure != 1) {
                    f.put("quantity", String.valueOf(r.nextInt(100000) / 100.0));
                    f.put("unit", pick(UNITS, r));
                }
                if (measure != 0) {
                    f.put("value", String.valueOf(r.nextInt(1_000_000)));
                    f.put("currency", pick(CURRENCIES, r));
                }
            }
        }
        f.put("sources", sources);
        f.put("recorded_at", instant(r));
        return f;
    }

    // ---- writing and mutating -----------------------------------------------------------------------------

    static byte[] serialise(Rec r, List<String> columns, boolean csv) {
        if (!csv) {
            ObjectNode o = NODES.objectNode();
            r.fields().forEach((k, v) -> o.set(k, node(v)));
            try {
                return JSON.writeValueAsBytes(o);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        List<String> cells = new ArrayList<>();
        for (String c : columns) {
            Object v = r.fields().get(c);
            String text = v == null ? "" : v instanceof List<?> l ? l.stream().map(String::valueOf)
                    .collect(Collectors.joining(";")) : v instanceof JsonNode n ? n.toString() : v.toString();
            boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
            cells.add(quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
        }
        return String.join(",", cells).getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode node(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = NODES.arrayNode();
            l.forEach(i -> a.add(String.valueOf(i)));
            return a;
        }
        return NODES.textNode(v.toString());
    }

    static final String[] GARBAGE_VALUES = {"", " ", "NaN", "Infinity", "-1", "-0.5", "1e400", "0x1F", "1,5",
        "99999999999999999999999", "2025-02-30", "10/09/2025", "2025-9-1", "2025-09-10T10:00:00+05:00", "EUR", "AFR",
        "XX", "mixed", "bushel", "XYZ", "null", "[]", "{}", "\"", "\\", ";", ",", "\u0000", "\t", "ftp://x.example",
        "not a url", "🚔", "ＰＡＫ", "pak ", "Counter_Narcotics", "period_total", "event", "zzz"};

    /** Applies one to three random mutations to a row, at field level or on its bytes, never touching its id. */
    static byte[] mutate(Rec r, byte[] line, boolean csv, List<String> columns, SplittableRandom random) {
        int n = 1 + random.nextInt(3);
        Map<String, Object> f = r.fields();
        List<String> fields = r.spec().fields().stream().filter(x -> !x.equals(r.spec().idField())).toList();
        boolean bytesChanged = false;
        for (int i = 0; i < n && !bytesChanged; i++) {
            String field = fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(12)) {
                case 0 -> f.remove(field);
                case 1 -> f.put(field, null);
                case 2 -> f.put(field, pick(GARBAGE_VALUES, random));
                case 3 -> f.put(field, randomText(random));
                case 4 -> f.put(field, f.get(fields.get(random.nextInt(fields.size())))); // another field's value
                case 5 -> f.put(field, switch (random.nextInt(4)) { // another JSON type
                    case 0 -> NODES.numberNode(random.nextInt());
                    case 1 -> NODES.objectNode().put("value", "x");
                    case 2 -> NODES.arrayNode().add("a").add(NODES.objectNode());
                    default -> NODES.booleanNode(true);
                });
                case 6 -> f.put(field, r.spec().isList(field) ? List.of() : "   ");
                case 7 -> f.put(field, Collections.nCopies(100, pick(SECTORS, random))); // a long list
                case 8 -> f.put("recorded_at", "2099-01-01T00:00:00Z"); // a revision from the future
                default -> {
                    line = serialise(r, columns, csv);
                    line = mutateBytes(line, r.id(), random);
                    bytesChanged = true;
                }
            }
        }
        if (!bytesChanged) {
            line = serialise(r, columns, csv);
        }
        return line;
    }

    static String randomText(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        int len = 1 + random.nextInt(20);
        for (int i = 0; i < len; i++) {
            int kind = random.nextInt(10);
            b.appendCodePoint(kind < 6 ? 32 + random.nextInt(95) : kind < 8 ? 0x00A0 + random.nextInt(0x2000)
                    : kind < 9 ? 0x1F300 + random.nextInt(200) : "\",;{}[]\\".charAt(random.nextInt(8)));
        }
        return b.toString();
    }

    /** Byte-level damage away from the id: flips, cuts, inserted quotes or noise. No line break is added. */
    static byte[] mutateBytes(byte[] line, String id, SplittableRandom random) {
        // The id is ASCII, so its bytes are found as they are; every occurrence is spared.
        byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
        boolean[] spared = new boolean[line.length];
        int idTo = 0;
        for (int i = 0; i + idBytes.length <= line.length; i++) {
            if (Arrays.equals(line, i, i + idBytes.length, idBytes, 0, idBytes.length)) {
                Arrays.fill(spared, i, i + idBytes.length, true);
                idTo = idTo == 0 ? i + idBytes.length : idTo;
            }
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < line.length; i++) {
            if (!spared[i]) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            return line;
        }
        int at = positions.get(random.nextInt(positions.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(5)) {
            case 0 -> { // flip a byte (possibly into invalid UTF-8)
                byte[] copy = line.clone();
                int b;
                do {
                    b = random.nextInt(256);
                } while (b == '\n');
                copy[at] = (byte) b;
                return copy;
            }
            case 1 -> { // cut the line short (as a truncated export)
                out.write(line, 0, Math.max(at, idTo));
                return out.toByteArray();
            }
            case 2 -> { // a stray quote
                out.write(line, 0, at);
                out.write('"');
                out.write(line, at, line.length - at);
                return out.toByteArray();
            }
            case 3 -> { // a run of noise
                out.write(line, 0, at);
                for (int i = random.nextInt(1, 8); i > 0; i--) {
                    int b = random.nextInt(256);
                    out.write(b == '\n' ? ' ' : b);
                }
                out.write(line, at, line.length - at);
                return out.toByteArray();
            }
            default -> { // a piece of the line repeated
                int len = Math.min(line.length - at, 1 + random.nextInt(30));
                out.write(line, 0, at + len);
                out.write(line, at, line.length - at);
                return out.toByteArray();
            }
        }
    }
}
