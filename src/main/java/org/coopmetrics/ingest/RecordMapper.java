package org.coopmetrics.ingest;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What the reader makes of each record as it reads it: a row of {@link #schema()}. It travels to the executors,
 * where each task asks it for a {@link Task} (which may hold state that is not thread-safe, such as a digest).
 */
public interface RecordMapper extends Serializable {
    StructType schema();

    Task task();

    /**
     * The spec's fields (by their place in it) that the rows are made of; null for all. A reader may pass over
     * the others without making values of them: a GDELT export has 61 fields and the job reads 21.
     */
    default boolean[] fieldsRead() {
        return null;
    }

    /**
     * Turns the records of one task into rows, one at a time. A record may be folded into a row that stands for
     * several ({@link Ledger#FOLDED}): then {@link #row} gives null, and the folded rows come after the task's
     * last record.
     */
    interface Task {
        Row row(RawRecord record);

        /** The rows the task's records were folded into, once they have all been read. */
        default List<Row> folded() {
            return List.of();
        }
    }
}
