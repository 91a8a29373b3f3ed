package org.coopmetrics.normalize;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.coopmetrics.JobException;

/**
 * The reference tables (countries, sectors, drugs, units, currencies, FX rates, event weights, CAMEO countries,
 * event sectors), read on the driver and validated before Spark does any work. They are small by design. Each file comes from
 * {@code --reference-dir} when it holds one, else from the copy bundled in the jar ({@code data/reference}).
 */
public final class ReferenceData {
    public static final List<String> WEIGHT_EVENTS = List.of(
            "statement.intent", "statement.consultation", "statement.praise", "statement.appeal",
            "statement.criticism", "agreement.announced", "agreement.signed", "agreement.entered_into_force",
            "seizure.joint_operation");

    /** A unit of quantity: mass and volume convert to kg; count units stay counts. */
    public record Unit(String id, String kind, BigDecimal factor) implements java.io.Serializable {
    }

    public record FxRate(LocalDate date, String currency, BigDecimal usdPerUnit) {
    }

    /** The {@code match} values of event_sectors.csv. */
    public static final List<String> EVENT_SECTOR_MATCHES = List.of("event_code", "actor_type", "default");

    /**
     * Where a GDELT event lands (event_sectors.csv): in the sector of every {@code event_code} row whose code starts
     * its {@code EventCode}, and of every {@code actor_type} row naming one of its actors' type codes; in the default
     * sector when no row places it. Needed on the executors, hence serializable.
     *
     * @param eventCodes CAMEO event code prefix (2 to 4 digits) to canonical sector
     * @param actorTypes CAMEO actor type code (upper case) to canonical sector
     */
    public record EventSectors(Map<String, String> eventCodes, Map<String, String> actorTypes, String defaultSector)
            implements java.io.Serializable {
        public EventSectors {
            eventCodes = java.util.Collections.unmodifiableMap(new TreeMap<>(eventCodes));
            actorTypes = java.util.Collections.unmodifiableMap(new TreeMap<>(actorTypes));
        }

        /** The sectors of an event, never empty; {@code actorTypeCodes} may hold nulls and blanks. */
        public SortedSet<String> of(String eventCode, Collection<String> actorTypeCodes) {
            SortedSet<String> out = new TreeSet<>();
            String code = eventCode == null ? "" : eventCode.trim();
            eventCodes.forEach((prefix, sector) -> {
                if (code.startsWith(prefix)) {
                    out.add(sector);
                }
            });
            for (String type : actorTypeCodes) {
                String sector = type == null ? null : actorTypes.get(type.trim().toUpperCase(Locale.ROOT));
                if (sector != null) {
                    out.add(sector);
                }
            }
            if (out.isEmpty()) {
                out.add(defaultSector);
            }
            return out;
        }
    }

    private final Map<String, String> countries;
    private final Map<String, String> sectors;
    private final Map<String, String> drugs;
    private final Map<String, Unit> units;
    private final Set<String> currencies;
    private final List<FxRate> fxRates;
    private final Map<String, BigDecimal> weights;
    private final Map<String, String> cameoCountries;
    private final EventSectors eventSectors;
    /** Why cameo_countries.csv cannot be used with these countries, if so: thrown when events ask for it. */
    private final JobException cameoCountriesError;
    /** Why event_sectors.csv cannot be used with these sectors, if so: thrown when events ask for it. */
    private final JobException eventSectorsError;
    private final Map<String, String> sources;

    private ReferenceData(Map<String, String> countries, Map<String, String> sectors, Map<String, String> drugs,
                          Map<String, Unit> units, Set<String> currencies, List<FxRate> fxRates,
                          Map<String, BigDecimal> weights, Map<String, String> cameoCountries,
                          JobException cameoCountriesError, EventSectors eventSectors,
                          JobException eventSectorsError, Map<String, String> sources) {
        this.countries = countries;
        this.sectors = sectors;
        this.drugs = drugs;
        this.units = units;
        this.currencies = currencies;
        this.fxRates = fxRates;
        this.weights = weights;
        this.cameoCountries = cameoCountries;
        this.eventSectors = eventSectors;
        this.eventSectorsError = eventSectorsError;
        this.cameoCountriesError = cameoCountriesError;
        this.sources = sources;
    }

    /** Alias (trimmed, lower case) to ISO alpha-3, including the codes and names themselves. */
    public Map<String, String> countries() {
        return countries;
    }

    public Map<String, String> sectors() {
        return sectors;
    }

    public Map<String, String> drugs() {
        return drugs;
    }

    public Map<String, Unit> units() {
        return units;
    }

    public Set<String> currencies() {
        return currencies;
    }

    public List<FxRate> fxRates() {
        return fxRates;
    }

    public BigDecimal weight(String event) {
        return weights.get(event);
    }

    /**
     * CAMEO actor country code (upper case, as GDELT writes it) to ISO alpha-3. Regional and organisation codes
     * (AFR, EUR, WST, ...) are not in it: they are not countries.
     */
    public Map<String, String> cameoCountries() {
        if (cameoCountriesError != null) {
            throw cameoCountriesError;
        }
        return cameoCountries;
    }

    public EventSectors eventSectors() {
        if (eventSectorsError != null) {
            throw eventSectorsError;
        }
        return eventSectors;
    }

    /** Where each table was read from, for the manifest. */
    public Map<String, String> sources() {
        return sources;
    }

    public static ReferenceData load(String overrideDir, Configuration conf) {
        Map<String, String> sources = new LinkedHashMap<>();
        Loader loader = new Loader(overrideDir, conf, sources);

        Map<String, String> countries = new HashMap<>();
        for (Map<String, String> r : loader.rows("countries.csv", "alpha3", "alpha2", "name", "aliases")) {
            String alpha3 = r.get("alpha3").trim().toUpperCase(Locale.ROOT);
            if (!alpha3.matches("[A-Z]{3}")) {
                throw loader.error(r, "alpha3", "'" + alpha3 + "' is not a three-letter code");
            }
            loader.alias(countries, r, "alpha3", alpha3, alpha3);
            loader.alias(countries, r, "alpha2", r.get("alpha2"), alpha3);
            loader.alias(countries, r, "name", r.get("name"), alpha3);
            for (String a : list(r.get("aliases"))) {
                loader.alias(countries, r, "aliases", a, alpha3);
            }
        }
        Map<String, String> sectors = loader.vocabulary("sectors.csv", "sector");
        Map<String, String> drugs = loader.vocabulary("drugs.csv", "drug");

        Map<String, Unit> units = new HashMap<>();
        Map<String, String> unitIds = new HashMap<>();
        for (Map<String, String> r : loader.rows("units.csv", "unit", "kind", "factor", "aliases")) {
            String id = r.get("unit").trim().toLowerCase(Locale.ROOT);
            String kind = r.get("kind").trim().toLowerCase(Locale.ROOT);
            if (!Set.of("mass", "volume", "count").contains(kind)) {
                throw loader.error(r, "kind", "'" + kind + "' is not mass, volume or count");
            }
            BigDecimal factor = loader.positiveDecimal(r, "factor");
            Unit unit = new Unit(id, kind, factor);
            loader.alias(unitIds, r, "unit", id, id);
            for (String a : list(r.get("aliases"))) {
                loader.alias(unitIds, r, "aliases", a, id);
            }
            unitIds.forEach((alias, target) -> {
                if (target.equals(id)) {
                    units.put(alias, unit);
                }
            });
        }

        Set<String> currencies = new TreeSet<>();
        for (Map<String, String> r : loader.rows("currencies.csv", "currency", "name", "minor_unit")) {
            String code = r.get("currency").trim().toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{3}")) {
                throw loader.error(r, "currency", "'" + code + "' is not an ISO 4217 code");
            }
            currencies.add(code);
        }

        List<FxRate> fx = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Map<String, String> r : loader.rows("fx_rates.csv", "date", "currency", "usd_per_unit")) {
            LocalDate date = loader.date(r, "date");
            String currency = r.get("currency").trim().toUpperCase(Locale.ROOT);
            if (!currencies.contains(currency)) {
                throw loader.error(r, "currency", "'" + currency + "' is not listed in currencies.csv");
            }
            if (!seen.add(currency + "@" + date)) {
                throw loader.error(r, "date", "a second rate for " + currency + " on " + date);
            }
            fx.add(new FxRate(date, currency, loader.positiveDecimal(r, "usd_per_unit")));
        }

        Map<String, BigDecimal> weights = new TreeMap<>();
        for (Map<String, String> r : loader.rows("event_weights.csv", "event", "cameo", "weight")) {
            String event = r.get("event").trim();
            if (!WEIGHT_EVENTS.contains(event)) {
                throw loader.error(r, "event", "unknown event '" + event + "' (expected one of "
                        + String.join(", ", WEIGHT_EVENTS) + ")");
            }
            BigDecimal weight = loader.decimal(r, "weight");
            if (weight.abs().compareTo(BigDecimal.TEN) > 0 || weight.stripTrailingZeros().scale() > 4) {
                throw loader.error(r, "weight", "must lie on the Goldstein scale, -10 to 10, with at most 4 decimals; got "
                        + weight.toPlainString());
            }
            if (weights.put(event, weight) != null) {
                throw loader.error(r, "event", "'" + event + "' is given twice");
            }
        }
        for (String event : WEIGHT_EVENTS) {
            if (!weights.containsKey(event)) {
                throw JobException.usage("reference " + sources.get("event_weights.csv") + ": no weight for '"
                        + event + "' (column event)");
            }
        }
        Set<String> alpha3s = new TreeSet<>(countries.values());
        Map<String, String> cameoCountries = new TreeMap<>();
        JobException cameoCountriesError = null;
        for (Map<String, String> r : loader.rows("cameo_countries.csv", "cameo", "alpha3", "cameo_label", "note")) {
            String cameo = r.get("cameo").trim().toUpperCase(Locale.ROOT);
            if (!cameo.matches("[A-Z]{3}")) {
                throw loader.error(r, "cameo", "'" + cameo + "' is not a three-letter code");
            }
            String alpha3 = r.get("alpha3").trim().toUpperCase(Locale.ROOT);
            if (!alpha3s.contains(alpha3) && cameoCountriesError == null) {
                // Held until events are read, like event_sectors.csv's sectors below.
                cameoCountriesError = loader.error(r, "alpha3", "'" + alpha3 + "' is not an alpha3 of "
                        + sources.get("countries.csv"));
            }
            if (cameoCountries.put(cameo, alpha3) != null) {
                throw loader.error(r, "cameo", "'" + cameo + "' is given twice");
            }
        }

        Map<String, String> eventCodes = new TreeMap<>();
        Map<String, String> actorTypes = new TreeMap<>();
        String defaultSector = null;
        JobException eventSectorsError = null;
        boolean sawDefault = false;
        for (Map<String, String> r : loader.rows("event_sectors.csv", "match", "code", "sector", "note")) {
            String match = r.get("match").trim().toLowerCase(Locale.ROOT);
            String code = r.get("code").trim().toUpperCase(Locale.ROOT);
            String given = r.get("sector").trim();
            String sector = sectors.get(given.toLowerCase(Locale.ROOT));
            if (sector == null && eventSectorsError == null) {
                // Held until events are read: a run without events must not fail on the events' table (say, for a
                // sectors.csv of one's own that lacks the sectors of the bundled event_sectors.csv).
                eventSectorsError = loader.error(r, "sector", "'" + given + "' is not a sector of "
                        + sources.get("sectors.csv"));
            }
            Map<String, String> target;
            switch (match) {
                case "event_code" -> {
                    if (!code.matches("(0[1-9]|1[0-9]|20)[0-9]{0,2}")) {
                        throw loader.error(r, "code", "'" + code + "' is not a CAMEO event code (2 to 4 digits, "
                                + "root 01 to 20, leading zero kept)");
                    }
                    target = eventCodes;
                }
                case "actor_type" -> {
                    if (!code.matches("[A-Z]{3}")) {
                        throw loader.error(r, "code", "'" + code + "' is not a three-letter CAMEO actor type code");
                    }
                    target = actorTypes;
                }
                case "default" -> {
                    if (!code.isEmpty()) {
                        throw loader.error(r, "code", "must be empty on the default row, got '" + code + "'");
                    }
                    if (sawDefault) {
                        throw loader.error(r, "match", "a second default row");
                    }
                    sawDefault = true;
                    defaultSector = sector;
                    continue;
                }
                default -> throw loader.error(r, "match", "'" + match + "' is not one of "
                        + String.join(", ", EVENT_SECTOR_MATCHES));
            }
            if (target.put(code, sector) != null) {
                throw loader.error(r, "code", "'" + code + "' is given twice for " + match);
            }
        }
        if (!sawDefault) {
            throw JobException.usage("reference " + sources.get("event_sectors.csv")
                    + ": no default row (column match), so an event no row places would have no sector");
        }
        EventSectors eventSectors = new EventSectors(eventCodes, actorTypes, defaultSector);
        return new ReferenceData(countries, sectors, drugs, units, currencies, fx, weights, cameoCountries,
                cameoCountriesError, eventSectors, eventSectorsError, sources);
    }

    static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String s : text.split(";")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** Reads one reference CSV with its header; every error names the file, line and column. */
    private static final class Loader {
        private final String overrideDir;
        private final Configuration conf;
        private final Map<String, String> sources;
        private String file;

        Loader(String overrideDir, Configuration conf, Map<String, String> sources) {
            this.overrideDir = overrideDir;
            this.conf = conf;
            this.sources = sources;
        }

        List<Map<String, String>> rows(String name, String... columns) {
            file = name;
            try (InputStream in = open(name);
                 Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                CsvParserSettings settings = new CsvParserSettings();
                settings.getFormat().setLineSeparator("\n");
                settings.setHeaderExtractionEnabled(false);
                settings.setNullValue("");
                settings.setEmptyValue("");
                CsvParser parser = new CsvParser(settings);
                List<String[]> all = parser.parseAll(reader);
                if (all.isEmpty()) {
                    throw JobException.usage("reference " + sources.get(name) + " is empty");
                }
                String[] header = all.get(0);
                Map<String, Integer> index = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    index.put(header[i].replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT), i);
                }
                for (String c : columns) {
                    if (!index.containsKey(c)) {
                        throw JobException.usage("reference " + sources.get(name) + " line 1: missing column '" + c
                                + "' (expected " + String.join(",", columns) + ")");
                    }
                }
                List<Map<String, String>> rows = new ArrayList<>();
                for (int line = 1; line < all.size(); line++) {
                    String[] cells = all.get(line);
                    if (cells.length == 1 && cells[0].isBlank()) {
                        continue;
                    }
                    Map<String, String> row = new HashMap<>();
                    row.put("_line", String.valueOf(line + 1));
                    for (String c : columns) {
                        int i = index.get(c);
                        row.put(c, i < cells.length ? cells[i] : "");
                    }
                    rows.add(row);
                }
                return rows;
            } catch (IOException e) {
                throw JobException.usage("reference " + sources.get(name) + " cannot be read: " + e.getMessage());
            }
        }

        private InputStream open(String name) throws IOException {
            if (overrideDir != null) {
                Path path = new Path(overrideDir, name);
                FileSystem fs = path.getFileSystem(conf);
                if (fs.exists(path)) {
                    sources.put(name, path.toString());
                    return fs.open(path);
                }
            }
            String resource = "reference/" + name;
            InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw JobException.usage("reference table " + name + " is neither in --reference-dir nor bundled");
            }
            sources.put(name, "bundled:" + resource);
            return in;
        }

        JobException error(Map<String, String> row, String column, String message) {
            return JobException.usage("reference " + sources.get(file) + " line " + row.get("_line") + ", column "
                    + column + ": " + message);
        }

        /** The id and aliases of a vocabulary file (sectors, drugs) to the canonical id. */
        Map<String, String> vocabulary(String name, String idColumn) {
            Map<String, String> map = new HashMap<>();
            for (Map<String, String> r : rows(name, idColumn, "label", "aliases")) {
                String id = r.get(idColumn).trim().toLowerCase(Locale.ROOT);
                if (!id.matches("[a-z0-9_]+")) {
                    throw error(r, idColumn, "'" + id + "' is not a lower-case identifier");
                }
                alias(map, r, idColumn, id, id);
                for (String a : list(r.get("aliases"))) {
                    alias(map, r, "aliases", a, id);
                }
            }
            return map;
        }

        void alias(Map<String, String> map, Map<String, String> row, String column, String alias, String target) {
            if (alias == null || alias.isBlank()) {
                return;
            }
            String key = alias.trim().toLowerCase(Locale.ROOT);
            String before = map.putIfAbsent(key, target);
            if (before != null && !before.equals(target)) {
                throw error(row, column, "'" + alias.trim() + "' would mean both " + before + " and " + target);
            }
        }

        LocalDate date(Map<String, String> row, String column) {
            try {
                return LocalDate.parse(row.get(column).trim());
            } catch (DateTimeParseException e) {
                throw error(row, column, "'" + row.get(column) + "' is not a date like 2025-01-31");
            }
        }

        BigDecimal decimal(Map<String, String> row, String column) {
            try {
                return new BigDecimal(row.get(column).trim());
            } catch (NumberFormatException e) {
                throw error(row, column, "'" + row.get(column) + "' is not a number");
            }
        }

        BigDecimal positiveDecimal(Map<String, String> row, String column) {
            BigDecimal d = decimal(row, column);
            if (d.signum() <= 0) {
                throw error(row, column, "must be greater than 0, got " + d.toPlainString());
            }
            return d;
        }
    }
}
