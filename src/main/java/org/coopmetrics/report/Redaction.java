package org.coopmetrics.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/** Keeps secrets out of the manifest and the logs: Spark's own redaction rule, and credentials in URIs. */
public final class Redaction {
    public static final String REDACTED = "*********(redacted)";
    /** Spark's default for spark.redaction.regex. */
    static final String DEFAULT_RULE = "(?i)secret|password|token|access[.]?key";
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]+@");

    private Redaction() {
    }

    /** The session's Spark settings, with the values of secret-looking keys (or values) replaced. */
    public static Map<String, String> sparkConf(SparkSession spark) {
        Pattern rule = Pattern.compile(spark.conf().get("spark.redaction.regex", DEFAULT_RULE));
        Map<String, String> out = new TreeMap<>();
        scala.jdk.javaapi.CollectionConverters.asJava(spark.conf().getAll()).forEach((k, v) ->
                out.put(k, rule.matcher(k).find() || rule.matcher(v).find() ? REDACTED : path(v)));
        return out;
    }

    /** A path or URI without the user:password part (s3a://KEY:SECRET@bucket/x becomes s3a://***@bucket/x). */
    public static String path(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceFirst("$1***@");
    }
}
