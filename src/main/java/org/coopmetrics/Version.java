package org.coopmetrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application version, filled in by Maven at build time. */
public final class Version {
    private Version() {
    }

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/coopmetrics-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
