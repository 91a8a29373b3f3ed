package org.coopmetrics.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The run manifest: what was read, what became of every row, what was written. Keys keep their meaning. */
public final class Manifest {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public Manifest put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException("manifest cannot be serialised", e);
        }
    }

    /** Writes next to the target and renames into place, so a reader never sees half a manifest. */
    public void write(FileSystem fs, Path target) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(FileSystem fs, Path path) throws IOException {
        try (java.io.InputStream in = fs.open(path)) {
            return MAPPER.readValue(in, Map.class);
        }
    }
}
