package org.coopmetrics.generate;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.coopmetrics.normalize.ReferenceData;

/**
 * What generated GDELT 2.0 event rows are made of, with frequencies taken from the real sample in
 * {@code data/curated/events/} (6,090 rows of three 2017 batches): actor country codes (every CAMEO code of
 * {@code cameo_countries.csv}, plus the regional and organisation codes and the one code, SSD, that the table
 * leaves out on purpose), actor types and names, event codes with their Goldstein values, mentions, sources,
 * articles, tone, places. Everything a row repeats is kept here as UTF-8 bytes, once.
 */
final class EventVocabulary {
    /** Codes GDELT writes as actor country codes that are not countries of the reference table. */
    static final Map<String, Integer> NOT_COUNTRIES = weights("AFR:94 EUR:69 WST:21 SEA:19 SSD:4 ASA:3 MEA:3 "
            + "SAS:3 LAM:3 EAF:2 WAF:2 NAF:2 CAS:1 CAU:1 CEU:1 CFR:1 CRB:1 EEU:1 EIN:1 MDT:1 NMR:1 PGS:1 SAF:1 SAM:1 "
            + "SCN:1 BLK:1");
    /** The most frequent actor countries of the sample (Actor1 and Actor2 together); the rest of the table follows. */
    static final Map<String, Integer> HEAD_COUNTRIES = weights("USA:2185 GBR:331 CAN:202 FRA:199 CHN:175 AUS:167 "
            + "DEU:135 SAU:134 NGA:120 KEN:118 AFG:107 PAK:107 EGY:105 RUS:104 SYR:100 IND:70 JPN:60 ITA:60 IRN:55 "
            + "ISR:55 TUR:55 PHL:50 CUB:45 MEX:40 QAT:40 SGP:40 ARE:35 IRQ:35 KOR:30 PRK:30 ZAF:30 UKR:30 NZL:25 "
            + "IDN:25 BRA:20 ESP:20 BHR:15 COL:15");
    /** Weight of each other country of the table (of about 200): together about a tenth of the country actors. */
    static final int TAIL_WEIGHT = 3;

    /**
     * CAMEO event codes: frequency in the sample and GoldsteinScale as GDELT writes it. The six security codes
     * the sectors table names (062, 063, 064, 0312, 0313, 0314) are rarer in GDELT (8, 0, 2, 0, 0, 0 rows of the
     * sample); they weigh more here (160 of about 6,300) so that every sector has events in a run of a few
     * thousand rows.
     */
    static final String EVENT_CODES = "010:492:0.0 011:20:-0.1 012:74:-0.4 013:128:0.4 014:30:0.0 015:22:0.0 "
            + "016:17:-2.0 017:30:0.0 018:4:3.4 019:1:3.4 020:307:3.0 0211:2:3.4 0214:5:3.4 022:4:3.2 023:10:3.4 "
            + "0231:10:3.4 0233:7:3.4 0234:1:3.4 024:1:-0.3 0241:2:-0.3 0244:1:-0.3 025:6:-0.3 0253:4:-0.3 026:14:4.0 "
            + "027:4:4.0 030:153:4.0 031:13:5.2 0311:2:5.2 0312:10:5.2 0313:10:5.2 0314:10:5.2 032:2:4.5 033:8:5.2 "
            + "0331:4:5.2 0341:1:7.0 035:5:7.0 0353:11:7.0 0356:11:7.0 036:225:4.0 037:2:5.0 040:265:1.0 041:45:1.0 "
            + "042:480:1.9 043:430:2.8 044:2:2.5 045:6:5.0 046:218:7.0 050:45:3.5 051:383:3.4 052:6:3.5 053:3:3.8 "
            + "054:1:6.0 055:7:7.0 056:1:7.0 057:102:8.0 060:100:6.0 061:24:6.4 062:40:7.4 063:30:7.4 064:30:7.0 "
            + "070:65:7.0 071:88:7.4 072:14:8.3 073:14:7.4 074:2:8.5 075:4:7.0 080:89:5.0 081:5:5.0 083:2:5.0 "
            + "0831:17:5.0 0833:4:5.0 084:37:7.0 0841:27:7.0 0842:6:7.0 086:2:9.0 0862:3:9.0 0871:11:9.0 0873:2:9.0 "
            + "0874:77:10.0 090:114:-2.0 100:74:-5.0 1014:3:-5.0 1031:2:-5.0 1041:4:-5.0 1043:8:-5.0 1044:1:-5.0 "
            + "1053:4:-5.0 110:115:-2.0 111:122:-2.0 112:138:-2.0 1121:2:-2.0 1123:11:-2.0 1124:3:-2.0 114:26:-2.0 "
            + "115:9:-2.0 116:2:-2.0 120:122:-4.0 124:6:-4.0 1241:2:-4.0 125:15:-5.0 127:2:-5.0 128:19:-5.0 "
            + "129:8:-5.0 130:94:-4.4 131:4:-5.8 133:4:-5.8 138:3:-7.0 1383:2:-7.0 1384:5:-7.0 139:1:-7.0 140:8:-6.5 "
            + "141:48:-6.5 142:2:-6.5 143:1:-6.5 144:3:-7.5 145:5:-7.5 150:3:-7.2 151:1:-7.2 152:6:-7.2 154:5:-7.2 "
            + "160:28:-4.0 161:17:-4.0 162:3:-5.6 164:3:-7.0 166:1:-7.0 170:5:-7.0 171:3:-9.2 1711:2:-9.2 "
            + "1712:12:-9.2 172:52:-5.0 1721:4:-5.0 1723:4:-5.0 1724:4:-5.0 173:234:-5.0 174:21:-5.0 175:6:-9.0 "
            + "180:31:-9.0 181:7:-9.0 182:21:-9.5 1821:10:-9.0 1822:6:-9.0 185:3:-8.0 186:14:-10.0 190:235:-10.0 "
            + "191:3:-9.5 192:27:-9.5 193:88:-10.0 194:5:-10.0 195:2:-10.0 196:1:-9.5 201:1:-9.5";

    /** Actor type codes (Actor1Type1Code in the sample) with the names GDELT gives such actors. */
    static final String[][] TYPES = {
            {"GOV", "802", "PRESIDENT", "GOVERNMENT", "AUTHORITIES", "GOVERNOR", "MINISTER", "KING"},
            {"COP", "227", "POLICE", "POLICE OFFICER", "PRISON", "DEPUTY", "SHERIFF"},
            {"BUS", "203", "COMPANY", "BUSINESS", "FIRM", "EMPLOYER"},
            {"EDU", "194", "SCHOOL", "STUDENT", "UNIVERSITY", "TEACHER"},
            {"CVL", "178", "CITIZEN", "RESIDENT", "COMMUNITY", "PEOPLE"},
            {"MED", "160", "MEDIA", "REPORTER", "NEWSPAPER", "JOURNALIST"},
            {"LEG", "144", "PARLIAMENT", "SENATE", "LAWMAKER", "CONGRESS"},
            {"MIL", "129", "MILITARY", "SOLDIER", "ARMY", "DEFENSE MINISTRY"},
            {"JUD", "128", "COURT", "JUDGE", "ATTORNEY", "PROSECUTOR"},
            {"LAB", "84", "WORKER", "UNION", "EMPLOYEE"},
            {"IGO", "58", "UNITED NATIONS", "WORLD BANK", "EUROPEAN UNION"},
            {"HLH", "57", "HOSPITAL", "DOCTOR", "HEALTH MINISTRY"},
            {"ELI", "49", "ELITE", "FORMER PRESIDENT"},
            {"CRM", "47", "CRIMINAL", "GANG", "SMUGGLER"},
            {"OPP", "46", "OPPOSITION", "ACTIVIST"},
            {"MNC", "31", "CORPORATION", "BANK"},
            {"UAF", "29", "GUNMAN", "ARMED GANG"},
            {"NGO", "22", "CHARITY", "AMNESTY INTERNATIONAL"},
            {"REB", "22", "REBEL", "MILITANT", "INSURGENT"},
            {"SPY", "10", "INTELLIGENCE", "SPY AGENCY"},
    };
    /** Known groups, ethnic and religion codes: rare (about one actor in a hundred carries one). */
    static final String[] KNOWN_GROUPS = {"UNO", "EEC", "NAT", "OPC", "ASN"};
    static final String[] ETHNIC = {"sco", "idg", "ibo", "haw"};
    static final String[] RELIGIONS = {"MOS", "CHR", "NRM", "JEW"};

    /** NumMentions in the sample (value:rows); NumArticles is mostly the same number. */
    static final Map<String, Integer> MENTIONS = weights("1:967 2:1669 3:417 4:809 5:377 6:531 7:80 8:326 9:16 "
            + "10:755 11:2 12:29 14:8 15:7 16:16 18:7 20:39 21:2 22:3 24:1 25:1 26:3 28:4 30:5 40:4 42:2 60:3 "
            + "120:2 184:1 230:2 240:2");
    static final Map<String, Integer> SOURCES = weights("1:5954 2:94 3:24 4:1 6:4 7:4 8:2 21:7");

    /** Event date before the batch day, in days (the sample: mostly the same day; "a week/month/year ago"). */
    static final int[] DAYS_BEFORE = {0, 1, 7, 30, 365, 3650};
    static final double[] DAYS_BEFORE_WEIGHTS = {95.6, 0.4, 1.3, 0.7, 1.6, 0.4};

    /** News sites (reserved example domains, like the curated generator's) and SOURCEURL values that are not URLs. */
    static final String[] SITES = {"www.dailyherald.example.com", "www.thetimes.example.co.uk",
            "www.nation.example.org", "tns.thenews.example.com", "www.arabnews.example.com", "www.msn.example.com",
            "learningenglish.voanews.example.org", "www.dawn.example.com", "www.scoop.example.net",
            "www.traveldailynews.example.net", "punemirror.indiatimes.example.com", "www.nbcnews.example.com"};
    static final String[] SECTIONS = {"news", "world", "politics", "article", "node", "en/news", "story", "nation"};
    static final String[] NOT_URLS = {"Shamshad TV, Kabul/BBC Monitoring/(c) BBC",
            "Tolo News, Kabul/BBC Monitoring/(c) BBC", "Xinhua News Agency, Beijing/BBC Monitoring/(c) BBC",
            "ITAR-TASS, Moscow/BBC Monitoring/(c) BBC"};

    /** An actor name that is not UTF-8 (Latin-1 Ç), for malformed_record rows. */
    static final byte[] LATIN1_NAME = {'C', 'U', 'R', 'A', (byte) 0xC7, 'A', 'O'};
    static final byte[] EMPTY_PLACE = bytes("0\t\t\t\t\t\t\t");

    /** First and last day the day tables cover: ten years before the first batch to the batch after the as-of. */
    static final LocalDate FIRST_TEXT_DAY = LocalDate.of(2007, 1, 1);
    static final LocalDate LAST_TEXT_DAY = LocalDate.of(2026, 12, 31);
    private static final int DAY0 = (int) FIRST_TEXT_DAY.toEpochDay();
    private static final int DAYS = (int) (LAST_TEXT_DAY.toEpochDay() - DAY0 + 1);
    /** yyyyMMdd, yyyyMM, yyyy and FractionDate (year + ((month - 1) * 30 + day) / 365, as GDELT computes it). */
    private static final byte[][] SQLDATE = new byte[DAYS][];
    private static final byte[][] MONTH_YEAR = new byte[DAYS][];
    private static final byte[][] YEAR = new byte[DAYS][];
    private static final byte[][] FRACTION = new byte[DAYS][];

    static {
        for (int i = 0; i < DAYS; i++) {
            LocalDate d = LocalDate.ofEpochDay(DAY0 + i);
            String year = Integer.toString(d.getYear());
            String month = (d.getMonthValue() < 10 ? "0" : "") + d.getMonthValue();
            SQLDATE[i] = bytes(year + month + (d.getDayOfMonth() < 10 ? "0" : "") + d.getDayOfMonth());
            MONTH_YEAR[i] = bytes(year + month);
            YEAR[i] = bytes(year);
            // ten-thousandths of a year, rounded half up, as GDELT writes them (2017.4137)
            long fraction = Math.round(((d.getMonthValue() - 1) * 30 + d.getDayOfMonth()) * 10000 / 365.0);
            FRACTION[i] = bytes(year + "." + "0000".substring(Long.toString(fraction).length()) + fraction);
        }
    }

    // Actor country codes: every code of the table, then the codes that are not countries.
    final String[] codes;
    final byte[][] codeBytes;
    /** The ISO alpha-3 of a code (index into {@link #alpha3}), or -1 for a code that is not a country. */
    final int[] countryOf;
    final String[] alpha3;
    final byte[][] codeNames;
    final byte[][][] places;
    /** Actor codes as GDELT joins them: country, type, or country then type ({@code [code + 1][type + 1]}). */
    final byte[][][] actorCodes;
    final Weighted codeDraw;
    /** Countries of the table only (indices into codes), for events that must be in scope. */
    final int[] countryCodes;
    final Weighted countryDraw;

    final byte[][] typeBytes;
    final byte[][][] typeNames;
    final Weighted typeDraw;

    // Event codes.
    final byte[][] eventCode;
    final byte[][] eventBase;
    final byte[][] eventRoot;
    final byte[][] quadClass;
    final byte[][] goldstein;
    final int[] root;
    final Weighted eventDraw;
    final int[] cooperationCodes;
    final Weighted cooperationDraw;

    final int[] mentions;
    final Weighted mentionDraw;
    final int[] sources;
    final Weighted sourceDraw;
    final Weighted daysBefore = new Weighted(DAYS_BEFORE_WEIGHTS);

    // Sectors of event_sectors.csv, for the expected accepted events by sector.
    final List<String> sectors = new ArrayList<>();
    final int[] eventSectors;
    final int[] typeSectors;
    final int defaultSector;

    /** From the bundled reference tables: the CAMEO country table and the event sectors, as the job reads them. */
    EventVocabulary(ReferenceData reference) {
        Map<String, String> cameo = reference.cameoCountries();
        Map<String, String> labels = labels();
        Map<String, List<byte[]>> placesByCode = places();

        List<String> all = new ArrayList<>(cameo.keySet());
        for (String code : NOT_COUNTRIES.keySet()) {
            if (!cameo.containsKey(code)) {
                all.add(code);
            }
        }
        int n = all.size();
        codes = all.toArray(new String[0]);
        codeBytes = new byte[n][];
        countryOf = new int[n];
        codeNames = new byte[n][];
        places = new byte[n][][];
        List<String> alpha3s = new ArrayList<>(new java.util.TreeSet<>(cameo.values()));
        alpha3 = alpha3s.toArray(new String[0]);
        Map<String, Integer> alpha3Index = new HashMap<>();
        for (int i = 0; i < alpha3.length; i++) {
            alpha3Index.put(alpha3[i], i);
        }
        double[] weights = new double[n];
        List<Integer> countries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String code = codes[i];
            codeBytes[i] = bytes(code);
            String a3 = cameo.get(code);
            countryOf[i] = a3 == null ? -1 : alpha3Index.get(a3);
            codeNames[i] = bytes(labels.getOrDefault(code, code).toUpperCase(Locale.ROOT));
            places[i] = placesByCode.getOrDefault(code, List.of()).toArray(new byte[0][]);
            if (a3 == null) {
                weights[i] = NOT_COUNTRIES.getOrDefault(code, 1);
            } else {
                weights[i] = HEAD_COUNTRIES.getOrDefault(code, TAIL_WEIGHT);
                countries.add(i);
            }
        }
        codeDraw = new Weighted(weights);
        countryCodes = countries.stream().mapToInt(Integer::intValue).toArray();
        double[] countryWeights = new double[countryCodes.length];
        for (int i = 0; i < countryCodes.length; i++) {
            countryWeights[i] = weights[countryCodes[i]];
        }
        countryDraw = new Weighted(countryWeights);

        typeBytes = new byte[TYPES.length][];
        typeNames = new byte[TYPES.length][][];
        double[] typeWeights = new double[TYPES.length];
        for (int t = 0; t < TYPES.length; t++) {
            typeBytes[t] = bytes(TYPES[t][0]);
            typeWeights[t] = Double.parseDouble(TYPES[t][1]);
            typeNames[t] = new byte[TYPES[t].length - 2][];
            for (int k = 2; k < TYPES[t].length; k++) {
                typeNames[t][k - 2] = bytes(TYPES[t][k]);
            }
        }
        typeDraw = new Weighted(typeWeights);
        actorCodes = new byte[n + 1][TYPES.length + 1][];
        for (int c = -1; c < n; c++) {
            for (int t = -1; t < TYPES.length; t++) {
                actorCodes[c + 1][t + 1] = bytes((c < 0 ? "" : codes[c]) + (t < 0 ? "" : TYPES[t][0]));
            }
        }

        String[] events = EVENT_CODES.split(" ");
        eventCode = new byte[events.length][];
        eventBase = new byte[events.length][];
        eventRoot = new byte[events.length][];
        quadClass = new byte[events.length][];
        goldstein = new byte[events.length][];
        root = new int[events.length];
        double[] eventWeights = new double[events.length];
        List<Integer> cooperation = new ArrayList<>();
        for (int e = 0; e < events.length; e++) {
            String[] parts = events[e].split(":");
            String code = parts[0];
            eventCode[e] = bytes(code);
            eventBase[e] = bytes(code.substring(0, 3));
            eventRoot[e] = bytes(code.substring(0, 2));
            root[e] = Integer.parseInt(code.substring(0, 2));
            quadClass[e] = bytes(Integer.toString(root[e] <= 5 ? 1 : root[e] <= 9 ? 2 : root[e] <= 14 ? 3 : 4));
            goldstein[e] = bytes(parts[2]);
            eventWeights[e] = Double.parseDouble(parts[1]);
            if (root[e] >= 3 && root[e] <= 6) {
                cooperation.add(e);
            }
        }
        eventDraw = new Weighted(eventWeights);
        cooperationCodes = cooperation.stream().mapToInt(Integer::intValue).toArray();
        double[] cooperationWeights = new double[cooperationCodes.length];
        for (int i = 0; i < cooperationCodes.length; i++) {
            cooperationWeights[i] = eventWeights[cooperationCodes[i]];
        }
        cooperationDraw = new Weighted(cooperationWeights);

        mentions = MENTIONS.keySet().stream().mapToInt(Integer::parseInt).toArray();
        mentionDraw = new Weighted(MENTIONS.values().stream().mapToDouble(Integer::doubleValue).toArray());
        sources = SOURCES.keySet().stream().mapToInt(Integer::parseInt).toArray();
        sourceDraw = new Weighted(SOURCES.values().stream().mapToDouble(Integer::doubleValue).toArray());

        ReferenceData.EventSectors table = reference.eventSectors();
        eventSectors = new int[events.length];
        for (int e = 0; e < events.length; e++) {
            String code = new String(eventCode[e], StandardCharsets.US_ASCII);
            for (Map.Entry<String, String> m : table.eventCodes().entrySet()) {
                if (code.startsWith(m.getKey())) {
                    eventSectors[e] |= sectorBit(m.getValue());
                }
            }
        }
        typeSectors = new int[TYPES.length];
        for (int t = 0; t < TYPES.length; t++) {
            String sector = table.actorTypes().get(TYPES[t][0]);
            typeSectors[t] = sector == null ? 0 : sectorBit(sector);
        }
        defaultSector = sectorBit(table.defaultSector());
    }

    private int sectorBit(String sector) {
        int i = sectors.indexOf(sector);
        if (i < 0) {
            sectors.add(sector);
            i = sectors.size() - 1;
        }
        if (i >= 31) {
            throw new IllegalStateException("more than 31 event sectors");
        }
        return 1 << i;
    }

    int dayIndex(int epochDay) {
        return epochDay - DAY0;
    }

    static byte[] sqlDate(int epochDay) {
        return SQLDATE[epochDay - DAY0];
    }

    static byte[] monthYear(int epochDay) {
        return MONTH_YEAR[epochDay - DAY0];
    }

    static byte[] year(int epochDay) {
        return YEAR[epochDay - DAY0];
    }

    static byte[] fraction(int epochDay) {
        return FRACTION[epochDay - DAY0];
    }

    /** A place for an actor of this code: one GDELT gave such actors, or none known. */
    byte[] place(int code, SplittableRandom r) {
        byte[][] p = places[code];
        return p.length == 0 ? null : p[p.length == 1 || r.nextInt(100) < 60 ? 0 : r.nextInt(p.length)];
    }

    /** CAMEO labels of the bundled cameo_countries.csv (the reference tables keep only the codes). */
    private static Map<String, String> labels() {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = EventVocabulary.class.getClassLoader()
                .getResourceAsStream("reference/cameo_countries.csv")) {
            if (in == null) {
                return out;
            }
            CsvParserSettings settings = new CsvParserSettings();
            settings.setHeaderExtractionEnabled(true);
            CsvParser parser = new CsvParser(settings);
            parser.beginParsing(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = parser.getContext().parsedHeaders();
            int code = java.util.Arrays.asList(header).indexOf("cameo");
            int label = java.util.Arrays.asList(header).indexOf("cameo_label");
            for (String[] row; (row = parser.parseNext()) != null; ) {
                if (row[code] != null && row[label] != null) {
                    out.put(row[code].trim().toUpperCase(Locale.ROOT), row[label].trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** gdelt-places.tsv: CAMEO code, then the eight geo columns, joined here by tabs into one block. */
    private static Map<String, List<byte[]>> places() {
        Map<String, List<byte[]>> out = new TreeMap<>();
        try (InputStream in = EventVocabulary.class.getResourceAsStream("gdelt-places.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                out.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(bytes(line.substring(tab + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** "A:3 B:1" in order. */
    private static Map<String, Integer> weights(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String item : text.trim().split("\\s+")) {
            String[] kv = item.split(":");
            out.put(kv[0], Integer.parseInt(kv[1]));
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
