package org.coopmetrics.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The fixed vocabulary of generated records: countries with the spellings the reference tables accept,
 * sectors, drugs, units and currencies with their aliases, and the pools of names, roles and agencies.
 * Every spelling here is one the bundled reference data resolves (checked by a test).
 */
final class Vocabulary {
    static final LocalDate FIRST_DAY = LocalDate.of(2018, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
    /** Days in the generated range (8 years). */
    static final int SPAN = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay() + 1);

    /** alpha3, alpha2, name, then aliases: every one resolves to alpha3 in countries.csv. */
    static final String[][] COUNTRIES = {
            {"PAK", "PK", "Pakistan", "Islamic Republic of Pakistan"},
            {"AFG", "AF", "Afghanistan"},
            {"USA", "US", "United States", "America", "United States of America"},
            {"MEX", "MX", "Mexico"},
            {"COL", "CO", "Colombia"},
            {"IRN", "IR", "Iran", "Islamic Republic of Iran"},
            {"BHR", "BH", "Bahrain", "Kingdom of Bahrain"},
            {"TUR", "TR", "Türkiye", "Turkey"},
            {"IND", "IN", "India"},
            {"CHN", "CN", "China", "People's Republic of China"},
            {"GBR", "GB", "United Kingdom", "UK", "Britain"},
            {"SAU", "SA", "Saudi Arabia", "KSA"},
            {"ARE", "AE", "United Arab Emirates", "UAE"},
            {"PER", "PE", "Peru"},
            {"BOL", "BO", "Bolivia", "Plurinational State of Bolivia"},
            {"ECU", "EC", "Ecuador"},
            {"BRA", "BR", "Brazil"},
            {"ARG", "AR", "Argentina"},
            {"CAN", "CA", "Canada"},
            {"FRA", "FR", "France"},
            {"DEU", "DE", "Germany"},
            {"ESP", "ES", "Spain"},
            {"ITA", "IT", "Italy"},
            {"NLD", "NL", "Netherlands", "Holland"},
            {"BEL", "BE", "Belgium"},
            {"QAT", "QA", "Qatar"},
            {"OMN", "OM", "Oman"},
            {"EGY", "EG", "Egypt"},
            {"MAR", "MA", "Morocco"},
            {"NGA", "NG", "Nigeria"},
            {"KEN", "KE", "Kenya"},
            {"ZAF", "ZA", "South Africa"},
            {"RUS", "RU", "Russia", "Russian Federation"},
            {"UKR", "UA", "Ukraine"},
            {"KAZ", "KZ", "Kazakhstan"},
            {"UZB", "UZ", "Uzbekistan"},
            {"TJK", "TJ", "Tajikistan"},
            {"THA", "TH", "Thailand"},
            {"MMR", "MM", "Myanmar", "Burma"},
            {"LAO", "LA", "Laos"},
            {"VNM", "VN", "Vietnam", "Viet Nam"},
            {"PHL", "PH", "Philippines"},
            {"IDN", "ID", "Indonesia"},
            {"MYS", "MY", "Malaysia"},
            {"AUS", "AU", "Australia"},
            {"KOR", "KR", "South Korea", "Korea, South", "Republic of Korea"},
            {"BGD", "BD", "Bangladesh"},
            {"LKA", "LK", "Sri Lanka"},
            {"PAN", "PA", "Panama"},
            {"GTM", "GT", "Guatemala"},
    };

    /** Canonical sectors, most frequent first, each with an alias the reference accepts (or null). */
    static final String[][] SECTORS = {
            {"counter_narcotics", "CN", "counter-narcotics", "drug trafficking"},
            {"counter_terrorism", "CT", "counter-terrorism"},
            {"border_security", "border control"},
            {"intelligence_sharing", "information sharing"},
            {"coast_guard", "maritime security"},
            {"police_training", "law enforcement training"},
            {"immigration", "migration"},
            {"extradition", "extraditions"},
            {"mutual_legal_assistance", "MLA", "judicial cooperation"},
            {"human_trafficking", "human smuggling"},
            {"financial_crime", "money laundering", "AML"},
            {"cybercrime", "cyber crime"},
            {"military_training", "defence training"},
            {"other"},
    };

    /** Seizure drugs, most frequent first; the index of their usual unit family: 0 mass, 1 volume, 2 count. */
    static final String[][] DRUGS = {
            {"cannabis", "marijuana"}, {"hashish", "charas"}, {"heroin"}, {"methamphetamine", "meth", "crystal meth"},
            {"cocaine", "crack"}, {"opium"}, {"amphetamine", "captagon"}, {"mdma", "ecstasy"}, {"fentanyl"},
            {"tramadol"}, {"precursors", "precursor chemicals"}, {"morphine"}, {"ketamine"},
    };
    static final int[] DRUG_UNIT_FAMILY = {0, 0, 0, 0, 0, 0, 2, 2, 0, 2, 1, 0, 0};

    /** Units by family; each has its canonical id first and an alias after. Medians are per-seizure sizes. */
    static final String[][] MASS_UNITS = {
            {"kg", "kilograms", "kgs"}, {"g", "grams"}, {"t", "tonnes"}, {"lb", "lbs"}, {"oz", "ounces"},
            {"mg", "milligrams"}};
    static final double[] MASS_WEIGHTS = {55, 20, 6, 9, 5, 5};
    static final double[] MASS_MEDIANS = {25, 800, 1.2, 50, 30, 5000};
    static final String[][] VOLUME_UNITS = {{"l", "litres", "liters"}, {"ml", "millilitres"}};
    static final double[] VOLUME_WEIGHTS = {70, 30};
    static final double[] VOLUME_MEDIANS = {300, 2500};
    static final String[][] COUNT_UNITS = {{"tablets", "pills"}, {"doses", "dose"}, {"units", "pieces"}};
    static final double[] COUNT_WEIGHTS = {60, 25, 15};
    static final double[] COUNT_MEDIANS = {20000, 3000, 800};

    /** The generated currencies and a rough USD value of one unit at the start (the FX walk starts there). */
    static final String[] CURRENCIES = {"USD", "EUR", "PKR", "MXN", "COP"};
    static final double[] CURRENCY_WEIGHTS = {45, 15, 15, 15, 10};
    static final double[] USD_PER_UNIT_2018 = {1.0, 1.2, 0.0090, 0.052, 0.00034};

    static final String[] STATEMENT_KINDS = {"intent", "consultation", "praise", "appeal", "criticism"};
    static final double[] STATEMENT_KIND_WEIGHTS = {35, 25, 15, 15, 10};
    static final String[] AGREEMENT_TYPES = {"joint_working_group", "mou", "treaty", "extradition_treaty",
            "mutual_legal_assistance", "liaison_post", "action_plan", "other"};
    static final double[] AGREEMENT_TYPE_WEIGHTS = {20, 35, 8, 6, 8, 8, 10, 5};
    static final String[] TYPE_LABELS = {"Joint Working Group", "Memorandum of Understanding", "Treaty",
            "Extradition Treaty", "Mutual Legal Assistance Agreement", "Liaison Post", "Action Plan", "Arrangement"};
    static final String[] ROLES = {"joint_operation", "origin", "destination", "transit"};
    static final double[] ROLE_WEIGHTS = {30, 35, 20, 15};

    static final String[] FIRST_NAMES = {"Amina", "Bilal", "Carlos", "Daniela", "Emre", "Fatima", "Gabriel", "Hassan",
            "Ines", "Javier", "Karim", "Laura", "Mohsin", "Nadia", "Omar", "Priya", "Rafael", "Sara", "Tariq",
            "Ursula", "Viktor", "Wei", "Yusuf", "Zainab", "Ahmed", "Mark", "Olga", "José", "Anil", "Mei"};
    static final String[] LAST_NAMES = {"Ahmed", "Baig", "Castillo", "Demir", "Ellison", "Farouk", "García", "Haddad",
            "Iqbal", "Jensen", "Karimi", "López", "Mendoza", "Naqvi", "Okafor", "Petrov", "Qureshi", "Rahman",
            "Siddiqui", "Torres", "Usman", "Vargas", "Wang", "Yilmaz", "Zaidi", "O'Brien", "Kowalski", "Nguyen"};
    static final String[] SPEAKER_ROLES = {"Interior Minister", "Foreign Minister", "Deputy Minister of Interior",
            "Head of the Anti-Narcotics Force", "Attorney General", "Director, Counter-Terrorism Department",
            "Ambassador", "Chief of Police", "Director General of Customs", "Minister of Justice",
            "National Security Adviser", "Coast Guard Commander"};
    static final String[] AGENCIES = {"Anti-Narcotics Force", "National Police", "Customs Service", "Coast Guard",
            "Border Police", "Drug Enforcement Administration", "Navy", "Federal Police",
            "Counter-Narcotics Directorate", "Gendarmerie"};
    static final String[] DOMAINS = {"example.org", "news.example.com", "gov.example.net", "wire.example.org",
            "press.example.int", "archive.example.com"};

    /** Quote templates; {A} and {B} become the countries' names, {S} a sector label. */
    static final String[] QUOTES = {
            "We will deepen our cooperation with {B} on {S}.",
            "Our talks with {B} were constructive, and we agreed to meet again.",
            "{B} has been a reliable partner in {S}.",
            "We call on {B} to act against the networks operating across our border.",
            "The response of {B} has been \"inadequate\", and we said so plainly.",
            "Cooperation on {S} — with {B} and others — concerns our coming generations.",
            "We signed nothing today, but {A} and {B} agree on the next steps.",
            "We urge {B}, once again, to extradite the suspects.",
    };

    /** Per country, the speakers its officials are drawn from. */
    static final int SPEAKERS_PER_COUNTRY = 12;
    final String[][] speakers = new String[COUNTRIES.length][SPEAKERS_PER_COUNTRY];
    final String[][] speakerRoles = new String[COUNTRIES.length][SPEAKERS_PER_COUNTRY];

    /** Unordered pairs (indices into COUNTRIES, a < b), ranked for the Zipf draw: a few carry most records. */
    final int[][] pairs;
    final Zipf pairRank;
    final Zipf sectorRank = new Zipf(SECTORS.length, 1.3);
    /** Seizures lean harder on counter-narcotics. */
    final Zipf seizureSectorRank = new Zipf(SECTORS.length, 2.0);
    final Zipf drugRank = new Zipf(DRUGS.length, 1.1);
    final Zipf countryRank = new Zipf(COUNTRIES.length, 1.0);
    final Weighted statementKinds = new Weighted(STATEMENT_KIND_WEIGHTS);
    final Weighted agreementTypes = new Weighted(AGREEMENT_TYPE_WEIGHTS);
    final Weighted roles = new Weighted(ROLE_WEIGHTS);
    final Weighted currencies = new Weighted(CURRENCY_WEIGHTS);
    final Weighted massUnits = new Weighted(MASS_WEIGHTS);
    final Weighted volumeUnits = new Weighted(VOLUME_WEIGHTS);
    final Weighted countUnits = new Weighted(COUNT_WEIGHTS);

    /** yyyy-MM-dd for every day from a year before the range to a year after it (recorded_at runs past it). */
    private static final int TEXT_FROM = (int) FIRST_DAY.toEpochDay() - 400;
    private static final String[] DAY_TEXT = new String[SPAN + 800];

    static {
        for (int i = 0; i < DAY_TEXT.length; i++) {
            DAY_TEXT[i] = LocalDate.ofEpochDay(TEXT_FROM + i).toString();
        }
    }

    /** A standard normal table drawn once (fixed seed), for log-normal sizes without per-row exp(). */
    private static final double[] LOGNORMAL = new double[8192];

    static {
        SplittableRandom r = new SplittableRandom(20180101L);
        for (int i = 0; i < LOGNORMAL.length; i += 2) {
            double u1 = 1.0 - r.nextDouble();
            double u2 = r.nextDouble();
            double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            LOGNORMAL[i] = StrictMath.exp(1.1 * radius * StrictMath.cos(2 * StrictMath.PI * u2));
            LOGNORMAL[i + 1] = StrictMath.exp(1.1 * radius * StrictMath.sin(2 * StrictMath.PI * u2));
        }
    }

    Vocabulary(long seed) {
        SplittableRandom r = new SplittableRandom(Generator.mix(seed, 0x70CAB));
        for (int c = 0; c < COUNTRIES.length; c++) {
            for (int k = 0; k < SPEAKERS_PER_COUNTRY; k++) {
                speakers[c][k] = FIRST_NAMES[r.nextInt(FIRST_NAMES.length)] + " "
                        + LAST_NAMES[r.nextInt(LAST_NAMES.length)];
                speakerRoles[c][k] = SPEAKER_ROLES[r.nextInt(SPEAKER_ROLES.length)];
            }
        }
        // Pairs ranked by the product of the countries' own ranks (busy countries make busy pairs), with a
        // seeded jitter so that each seed has its own hot spots.
        List<int[]> all = new ArrayList<>();
        List<Double> score = new ArrayList<>();
        for (int a = 0; a < COUNTRIES.length; a++) {
            for (int b = a + 1; b < COUNTRIES.length; b++) {
                all.add(new int[] {a, b});
                score.add((a + 1.0) * (b + 1.0) * (0.25 + r.nextDouble()));
            }
        }
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> {
            int c = Double.compare(score.get(x), score.get(y));
            return c != 0 ? c : Integer.compare(x, y);
        });
        pairs = new int[order.length][];
        for (int i = 0; i < order.length; i++) {
            pairs[i] = all.get(order[i]);
        }
        pairRank = new Zipf(pairs.length, 1.1);
    }

    static String day(long epochDay) {
        return DAY_TEXT[(int) (epochDay - TEXT_FROM)];
    }

    static long firstEpochDay() {
        return FIRST_DAY.toEpochDay();
    }

    static long lastEpochDay() {
        return LAST_DAY.toEpochDay();
    }

    /** A day in the range, denser towards the end (curation grows over the years). */
    static long randomDay(SplittableRandom r) {
        return firstEpochDay() + (long) (SPAN * Math.sqrt(r.nextDouble()));
    }

    /** A log-normal factor with median 1 (sigma 1.1). */
    static double lognormal(SplittableRandom r) {
        return LOGNORMAL[r.nextInt(LOGNORMAL.length)] * (0.95 + 0.1 * r.nextDouble());
    }

    /** How a curator spelled a country: mostly alpha-3, sometimes the name, alpha-2 or an alias. */
    static String spell(int country, SplittableRandom r) {
        String[] forms = COUNTRIES[country];
        int u = r.nextInt(100);
        if (u < 70) {
            return forms[0];
        }
        if (u < 88) {
            return forms[2];
        }
        if (u < 93) {
            return forms[1];
        }
        if (u < 97 && forms.length > 3) {
            return forms[3 + r.nextInt(forms.length - 3)];
        }
        return u < 99 ? forms[2].toLowerCase(Locale.ROOT) : " " + forms[0] + " ";
    }

    /** A spelling of the country other than {@code not} (for same_country rows). */
    static String otherSpelling(int country, String not) {
        String[] forms = COUNTRIES[country];
        return forms[0].equals(not.trim()) ? forms[2] : forms[0];
    }

    static String spellSector(int sector, SplittableRandom r) {
        String[] forms = SECTORS[sector];
        return forms.length > 1 && r.nextInt(100) < 12 ? forms[1 + r.nextInt(forms.length - 1)] : forms[0];
    }

    /** The readable label of a sector as spelled in a row (by id or alias): "counter narcotics". */
    static String label(String spelled) {
        for (String[] forms : SECTORS) {
            for (String f : forms) {
                if (f.equals(spelled)) {
                    return forms[0].replace('_', ' ');
                }
            }
        }
        return spelled;
    }

    static String pick(String[] values, SplittableRandom r) {
        return values[r.nextInt(values.length)];
    }
}
