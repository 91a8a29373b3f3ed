package org.coopmetrics.generate;

/** One generated GDELT event row, as values (indices into {@link EventVocabulary} and pre-encoded bytes). */
final class EventRow implements Cloneable {
    /** How a row is spoilt on purpose: not at all, or for one quarantine reason of contract section 6. */
    static final int CLEAN = 0;
    static final int SIXTY_FIELDS = 1;
    static final int NOT_UTF8 = 2;
    static final int BAD_SQLDATE = 3;
    static final int BAD_GOLDSTEIN = 4;
    static final String[] SPOILT = {"clean", "sixty_fields", "not_utf8", "invalid_sqldate", "invalid_goldstein"};

    long id;
    int sqlDay;
    int event;
    boolean root;
    int mentions;
    int sources;
    int articles;
    byte[] tone;
    byte[] url;
    /** SOURCEURL is not a link: such values repeat across articles, so these rows are settled across files. */
    boolean notUrl;
    /** The article's index in its group of interleaved articles (re-emissions are settled per article). */
    int article;
    /** Written in one batch and again in the next with the same GLOBALEVENTID. */
    boolean repeated;

    /** Actors: country code (-1 none), type (-1 none), second type, name, known group, ethnic, religion, place. */
    int country1 = -1;
    int type1 = -1;
    int secondType1 = -1;
    byte[] name1;
    int group1 = -1;
    int ethnic1 = -1;
    int religion1 = -1;
    byte[] place1;
    int country2 = -1;
    int type2 = -1;
    int secondType2 = -1;
    byte[] name2;
    int group2 = -1;
    int ethnic2 = -1;
    int religion2 = -1;
    byte[] place2;
    byte[] actionPlace;

    int spoilt = CLEAN;
    /** The text written in the spoilt field (SQLDATE or GoldsteinScale). */
    byte[] spoiltText;

    /** A copy of every field (a shallow one: the encoded bytes are shared). */
    EventRow copy() {
        try {
            return (EventRow) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
