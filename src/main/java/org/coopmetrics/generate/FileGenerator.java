package org.coopmetrics.generate;

import static org.coopmetrics.ingest.QuarantineReason.AMBIGUOUS_REVISION;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_SOURCE;
import static org.coopmetrics.ingest.QuarantineReason.MALFORMED_RECORD;

import java.io.IOException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.QuarantineReason;

/**
 * Writes one input file from its own random stream, so that the file's bytes depend only on the seed, the
 * dataset and the file's index, never on which thread writes it or when.
 *
 * <p>Each new record is, by chance: spoilt for one quarantine reason, revised (written now and
 * again later in the file with a later recorded_at and changed content: the first copy is superseded), or
 * plain. Revised versions and the twins of ambiguous revisions wait in a queue for a few hundred rows.
 */
final class FileGenerator implements Callable<FileStats> {
    /** Reasons every dataset's spoilt rows may carry, besides the dataset's own. */
    static final QuarantineReason[] GENERIC_REASONS = {MALFORMED_RECORD, INVALID_SOURCE, AMBIGUOUS_REVISION};

    private final Maker maker;
    private final FileSystem fs;
    private final Path path;
    private final boolean json;
    private final long rows;
    private final long seed;
    private final double bad;
    private final double revised;
    private final int fileIndex;
    private final QuarantineReason[] reasons;

    private record Pending(long due, long order, Record record) {
    }

    FileGenerator(Maker maker, FileSystem fs, Path path, long rows, Generator.Settings settings, int fileIndex) {
        this.maker = maker;
        this.fs = fs;
        this.path = path;
        this.json = path.getName().endsWith(".jsonl");
        this.rows = rows;
        this.seed = settings.seed();
        this.bad = settings.badShare();
        this.revised = settings.revisionShare();
        this.fileIndex = fileIndex;
        QuarantineReason[] own = maker.reasons();
        reasons = java.util.Arrays.copyOf(own, own.length + GENERIC_REASONS.length);
        System.arraycopy(GENERIC_REASONS, 0, reasons, own.length, GENERIC_REASONS.length);
    }

    @Override
    public FileStats call() throws IOException {
        SplittableRandom r = new SplittableRandom(Generator.mix(seed, maker.spec.ordinal() + 1, fileIndex));
        FileStats stats = new FileStats();
        PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> a.due != b.due
                ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
        String idPrefix = maker.prefix() + fileIndex + "-";
        try (Utf8Out out = new Utf8Out(fs.create(path, true))) {
            if (!json) {
                header(out);
            }
            long written = 0;
            long seq = 0;
            while (written < rows) {
                Pending head = pending.peek();
                if (head != null && (head.due <= written || rows - written == pending.size())) {
                    write(out, pending.poll().record);
                    written++;
                    continue;
                }
                long room = rows - written - pending.size();
                Record rec = maker.make(r, idPrefix + seq++);
                double u = r.nextDouble();
                if (u < bad) {
                    QuarantineReason reason = reasons[r.nextInt(reasons.length)];
                    if (reason == AMBIGUOUS_REVISION && room < 2) {
                        reason = INVALID_SOURCE;
                    }
                    if (reason == AMBIGUOUS_REVISION) {
                        Record twin = rec.copy();
                        maker.revise(twin, r); // same id and recorded_at, other content
                        pending.add(new Pending(written + 1 + r.nextInt(200), seq, twin));
                        stats.bad(reason, 2);
                    } else {
                        spoil(rec, reason, r);
                        stats.bad(reason, 1);
                    }
                } else if (u < bad + revised && room >= 2) {
                    Record newer = rec.copy();
                    maker.revise(newer, r);
                    newer.recordedAt = rec.recordedAt + 86400L * (1 + r.nextInt(120)) + r.nextInt(86400);
                    pending.add(new Pending(written + 1 + r.nextInt(500), seq, newer));
                    stats.revisionRows++;
                }
                write(out, rec);
                written++;
            }
            stats.rows = written;
            stats.bytes = out.bytesWritten();
        }
        return stats;
    }

    private void spoil(Record rec, QuarantineReason reason, SplittableRandom r) {
        switch (reason) {
            case MALFORMED_RECORD -> rec.malformed = malformed(rec);
            case INVALID_SOURCE -> rec.list(maker.sources)[0] = "ftp://files.example.org/" + rec.text(maker.id);
            case INVALID_DATE -> {
                if (r.nextInt(4) == 0) {
                    // recorded_at without a time zone: not an instant
                    rec.values[maker.recordedAt] = instant(rec.recordedAt).substring(0, 19).replace('T', ' ');
                    rec.recordedAt = -1;
                } else {
                    maker.spoil(rec, reason, r);
                }
            }
            default -> maker.spoil(rec, reason, r);
        }
    }

    /**
     * A JSON line with an unquoted text value (not JSON; its braces still balance, so a reader that resyncs on
     * braces rather than lines loses only this row), or a CSV row with too few fields.
     */
    private String malformed(Record rec) {
        if (!json) {
            return rec.text(maker.id) + ",broken row,";
        }
        String second = maker.spec.fields().get(1);
        return "{\"" + maker.spec.idField() + "\": \"" + rec.text(maker.id) + "\", \"" + second + "\": "
                + rec.text(1) + "}";
    }

    private void header(Utf8Out out) throws IOException {
        DatasetSpec spec = maker.spec;
        for (int i = 0; i < spec.fields().size(); i++) {
            if (i > 0) {
                out.ascii(',');
            }
            out.text(spec.fields().get(i));
        }
        out.ascii('\n');
    }

    private void write(Utf8Out out, Record rec) throws IOException {
        if (rec.malformed != null) {
            out.text(rec.malformed);
            out.ascii('\n');
            return;
        }
        if (rec.recordedAt >= 0) {
            rec.values[maker.recordedAt] = instant(rec.recordedAt);
        }
        if (json) {
            writeJson(out, rec);
        } else {
            writeCsv(out, rec);
        }
        out.ascii('\n');
    }

    /** Compact JSON; absent (null) fields are left out, as many exporters do. */
    private void writeJson(Utf8Out out, Record rec) throws IOException {
        java.util.List<String> fields = maker.spec.fields();
        boolean first = true;
        out.ascii('{');
        for (int i = 0; i < rec.values.length; i++) {
            Object v = rec.values[i];
            if (v == null) {
                continue;
            }
            if (!first) {
                out.ascii(',');
            }
            first = false;
            out.ascii('"');
            out.text(fields.get(i));
            out.ascii('"');
            out.ascii(':');
            if (v instanceof String s) {
                out.jsonString(s);
            } else if (v instanceof Record.Num n) {
                out.text(n.text());
            } else {
                String[] items = (String[]) v;
                out.ascii('[');
                for (int k = 0; k < items.length; k++) {
                    if (k > 0) {
                        out.ascii(',');
                    }
                    out.jsonString(items[k]);
                }
                out.ascii(']');
            }
        }
        out.ascii('}');
    }

    /** One CSV row in the header's order; a list is one cell joined by ';'. */
    private static void writeCsv(Utf8Out out, Record rec) throws IOException {
        for (int i = 0; i < rec.values.length; i++) {
            if (i > 0) {
                out.ascii(',');
            }
            Object v = rec.values[i];
            if (v instanceof String s) {
                out.csvCell(s);
            } else if (v instanceof Record.Num n) {
                out.text(n.text());
            } else if (v != null) {
                out.csvCell(String.join(";", (String[]) v));
            }
        }
    }

    private static final String[] TWO_DIGITS = new String[60];

    static {
        for (int i = 0; i < 60; i++) {
            TWO_DIGITS[i] = (i < 10 ? "0" : "") + i;
        }
    }

    /** yyyy-MM-ddTHH:mm:ssZ. */
    static String instant(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86400L);
        int s = (int) Math.floorMod(epochSecond, 86400L);
        return new StringBuilder(20).append(Vocabulary.day(day)).append('T').append(TWO_DIGITS[s / 3600])
                .append(':').append(TWO_DIGITS[s / 60 % 60]).append(':').append(TWO_DIGITS[s % 60]).append('Z')
                .toString();
    }
}
