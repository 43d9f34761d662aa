package io.industrybrain.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import org.slf4j.LoggerFactory;

/**
 * Keeps the broker's own INFO chatter (hundreds of lines per start) off the console when the
 * process logs through slf4j-simple: the loggers {@code kafka}, {@code org.apache.kafka} and
 * {@code state.change.logger} are set to WARN. A level already chosen for one of them, as a
 * {@code -Dorg.slf4j.simpleLogger.log.<name>=...} system property or in
 * {@code simplelogger.properties}, is left as it is. Other slf4j bindings are configured by their
 * own files (for logback: {@code <logger name="org.apache.kafka" level="WARN"/>}).
 *
 * <p>slf4j-simple fixes a logger's level when the logger is created, so this must run before the
 * broker's classes are first used.
 */
final class QuietBrokerLogging {

    private static final String SIMPLE_LOGGER_FACTORY = "org.slf4j.simple.SimpleLoggerFactory";
    private static final String SIMPLE_LOGGER_FILE = "simplelogger.properties";
    private static final String LEVEL_KEY_PREFIX = "org.slf4j.simpleLogger.log.";
    private static final List<String> BROKER_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");

    private QuietBrokerLogging() { }

    static void applyUnderSlf4jSimple() {
        if (!SIMPLE_LOGGER_FACTORY.equals(LoggerFactory.getILoggerFactory().getClass().getName())) {
            return;
        }
        Properties file = simpleLoggerFile();
        for (String logger : BROKER_LOGGERS) {
            String key = LEVEL_KEY_PREFIX + logger;
            if (System.getProperty(key) == null && !file.containsKey(key)) {
                System.setProperty(key, "warn");
            }
        }
    }

    private static Properties simpleLoggerFile() {
        Properties properties = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(SIMPLE_LOGGER_FILE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + SIMPLE_LOGGER_FILE, e);
        }
        return properties;
    }
}
