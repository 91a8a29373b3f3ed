package org.coopmetrics.ingest;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What the reader makes of each record as it reads it: a row of {@link #schema()}. It travels to the executors,
 * where each task asks it for a {@link Task} (which may hold state that is not thread-safe, such as a digest).
 */
public interface RecordMapper extends Serializable {
    StructType schema();

    Task task();

    /** Turns the records of one task into rows, one at a time. */
    interface Task {
        Row row(RawRecord record);
    }
}
