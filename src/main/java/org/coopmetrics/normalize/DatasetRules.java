package org.coopmetrics.normalize;

import java.io.Serializable;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.ingest.RawRecord;

/**
 * One dataset's normaliser in plain Java: it reads a record's cleaned text into a typed record, checks it with
 * the dataset's {@link Rule rules} and writes its canonical values (ISO codes, sectors, dates, kg, USD).
 */
public interface DatasetRules extends Serializable {
    /** The canonical columns this dataset adds to the ledger, in order. */
    StructType columns();

    /**
     * Writes the record's canonical values into {@code out} (one per column; null where a value is absent or
     * unknown) and returns the verdict. A record that could not be read has no values: all come out null.
     */
    Verdict apply(RawRecord record, Object[] out);
}
