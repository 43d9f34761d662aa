package io.industrybrain.app;

import io.industrybrain.cluster.SecretSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Layers the settings in the documented order: defaults, then the properties file named by
 * {@code --config=FILE}, then the one named by {@code --secrets=FILE}, then {@code BRAIN_*} environment variables
 * (a {@code BRAIN_<NAME>_FILE} variable gives the content of a file as the value of {@code BRAIN_<NAME>}), then
 * {@code --name=value} flags. Unknown names at any layer stop start-up, because a misspelt setting silently ignored is
 * a production incident waiting to happen.
 */
public final class SettingsLoader {

    /** The flag naming the properties file; not a setting itself. */
    public static final String CONFIG_FLAG = "config";
    /** The flag naming the properties file of secrets, whose values are never shown; not a setting itself. */
    public static final String SECRETS_FLAG = "secrets";
    /** What ends an environment variable that names a file holding a setting's value. */
    static final String FILE_SUFFIX = "_FILE";

    /**
     * A value and where it came from, so that an error can say which layer to fix.
     *
     * @param secret true when the value must never be shown: it came from a secrets file, or the setting looks secret
     */
    public record Sourced(String value, String source, boolean secret) {
        /** The value as an error may repeat it: in quotes with its source, or only its source when it is a secret. */
        String shown() {
            return secret ? "from " + source : "'" + value + "' from " + source;
        }

        @Override
        public String toString() {
            return "Sourced[" + (secret ? SecretSettings.MASK : value) + " from " + source + "]";
        }
    }

    /** What is left of the command line after the flags: the subcommand and its own arguments. */
    public record Loaded(BrainSettings settings, List<String> arguments) { }

    private SettingsLoader() { }

    /**
     * @param args the command line: flags {@code --name=value} anywhere, other words kept in order
     * @param environment usually {@code System.getenv()}
     * @param extraFlags flag names a subcommand accepts besides the settings (they are returned as arguments)
     */
    public static Loaded load(List<String> args, Map<String, String> environment, List<String> extraFlags) {
        Map<String, Sourced> values = new HashMap<>();
        for (Setting s : Setting.values()) {
            s.defaultValue().ifPresent(v -> values.put(s.key(), new Sourced(v, "default", false)));
        }

        Map<String, Sourced> flags = new HashMap<>();
        List<String> arguments = new ArrayList<>();
        Path configFile = null;
        Path secretsFile = null;
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.equals("--help")) {
                arguments.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (name.equals(CONFIG_FLAG) || name.equals(SECRETS_FLAG)) {
                if (eq < 0 || arg.length() == eq + 1) {
                    throw new SettingException(name, "give the file as --" + name + "=FILE");
                }
                if (name.equals(CONFIG_FLAG)) {
                    configFile = Path.of(arg.substring(eq + 1));
                } else {
                    secretsFile = Path.of(arg.substring(eq + 1));
                }
            } else if (extraFlags.contains(name)) {
                arguments.add(arg);
            } else {
                // The flag is not repeated: it may be --kafka.sasl.jaas.config=... with a password in it.
                requireKnown(name, "flag --" + name);
                if (eq < 0) {
                    throw new SettingException(name, "give a value as --" + name + "=VALUE");
                }
                flags.put(name, sourced(name, arg.substring(eq + 1), "flag --" + name, false));
            }
        }

        if (configFile != null) {
            values.putAll(readFile(configFile, CONFIG_FLAG, false));
        }
        if (secretsFile != null) {
            values.putAll(readFile(secretsFile, SECRETS_FLAG, true));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("BRAIN_")) {
                Optional<String> key = keyOfEnvironmentVariable(name);
                if (key.isPresent()) {
                    values.put(key.get(), sourced(key.get(), value, "environment variable " + name, false));
                } else if (name.endsWith(FILE_SUFFIX)) {
                    String variable = name.substring(0, name.length() - FILE_SUFFIX.length());
                    String named = keyOfEnvironmentVariable(variable).orElseThrow(() -> new SettingException(name,
                            "names no setting (" + variable + " is unknown); see ./brain --help"));
                    values.put(named, new Sourced(readValueFile(name, Path.of(value)), "the file named by " + name, true));
                } else {
                    throw new SettingException(name, "unknown setting (environment variable); see ./brain --help");
                }
            }
        });
        values.putAll(flags);
        return new Loaded(BrainSettings.from(values), arguments);
    }

    private static Optional<String> keyOfEnvironmentVariable(String name) {
        return Setting.byEnvironmentVariable(name).map(Setting::key).or(() -> KafkaPassThrough.byEnvironmentVariable(name));
    }

    private static void requireKnown(String key, String where) {
        if (Setting.byKey(key).isEmpty() && !KafkaPassThrough.isPassThrough(key)) {
            throw new SettingException(key, "unknown setting (" + where + "); see ./brain --help");
        }
    }

    private static Sourced sourced(String key, String value, String source, boolean secret) {
        return new Sourced(value, source, secret || SecretSettings.looksSecret(key));
    }

    private static Map<String, Sourced> readFile(Path file, String flag, boolean secrets) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new SettingException(flag, "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, Sourced> values = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            requireKnown(key, "in " + file);
            values.put(key, sourced(key, properties.getProperty(key).strip(), "file " + file, secrets));
        }
        return values;
    }

    /** A secret mounted as a file (Docker's and Kubernetes' way) ends with a newline that is not part of it. */
    private static String readValueFile(String variable, Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new SettingException(variable, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
