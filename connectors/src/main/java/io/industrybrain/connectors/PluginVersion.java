package io.industrybrain.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Connect shows for this plugin's connector and converter: the Maven project version. */
final class PluginVersion {

    static final String VERSION = read();

    private PluginVersion() { }

    private static String read() {
        // Filled in by Maven resource filtering.
        try (InputStream in = PluginVersion.class.getResourceAsStream("plugin-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("plugin-version.properties is missing from the connector jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
