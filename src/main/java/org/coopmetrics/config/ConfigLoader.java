package org.coopmetrics.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.coopmetrics.JobException;

/** Reads a JSON config file through Hadoop's FileSystem, rejecting unknown keys by name. */
public final class ConfigLoader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    public static ConfigFile load(String location, Configuration hadoopConf) {
        if (location == null) {
            return ConfigFile.empty();
        }
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(hadoopConf);
            if (!fs.exists(path)) {
                throw JobException.usage("--config: file " + location + " does not exist");
            }
            try (InputStream in = fs.open(path)) {
                return parse(in, location);
            }
        } catch (IOException e) {
            throw JobException.usage("--config: cannot read " + location + ": " + e.getMessage());
        }
    }

    static ConfigFile parse(InputStream in, String location) throws IOException {
        try {
            ConfigFile file = MAPPER.readValue(in, ConfigFile.class);
            return file == null ? ConfigFile.empty() : file;
        } catch (UnrecognizedPropertyException e) {
            throw JobException.usage("config " + location + ": unknown key '" + e.getPropertyName()
                    + "' at line " + e.getLocation().getLineNr() + " (known keys: "
                    + String.join(", ", ConfigFile.KEYS) + ")");
        } catch (JsonMappingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            String field = e.getPath() == null || e.getPath().isEmpty() ? ""
                    : " (key '" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "')";
            throw JobException.usage("config " + location + ": invalid value" + where + field + ": "
                    + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            String field = "";
            throw JobException.usage("config " + location + ": invalid JSON" + where + field + ": "
                    + e.getOriginalMessage());
        }
    }
}
