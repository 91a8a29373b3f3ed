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
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = MAPPER.readTree(text); // syntax first, so a truncated file reads as invalid JSON
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw JobException.usage("config " + location + ": invalid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return ConfigFile.empty();
        }
        if (!tree.isObject()) {
            throw JobException.usage("config " + location + ": expected a JSON object of settings");
        }
        try {
            return MAPPER.treeToValue(tree, ConfigFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw JobException.usage("config " + location + ": unknown key '" + e.getPropertyName()
                    + "'" + lineOf(text, e.getPropertyName()) + " (known keys: "
                    + String.join(", ", ConfigFile.KEYS) + ")");
        } catch (JsonMappingException e) {
            String key = e.getPath() == null || e.getPath().isEmpty() ? null
                    : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw JobException.usage("config " + location + ": invalid value"
                    + (key == null ? "" : " for key '" + key + "'" + lineOf(text, key)) + ": " + e.getOriginalMessage());
        }
    }

    /** " at line N" where the key is first written, or "" (the tree has no positions). */
    private static String lineOf(String text, String key) {
        int at = text.indexOf("\"" + key + "\"");
        return at < 0 ? "" : " at line " + (text.substring(0, at).chars().filter(c -> c == '\n').count() + 1);
    }
}
