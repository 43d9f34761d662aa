package io.industrybrain.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Layers the settings in the documented order: defaults, then the properties file named by
 * {@code --config=FILE}, then {@code BRAIN_*} environment variables, then {@code --name=value} flags.
 * Unknown names at any layer stop start-up, because a misspelt setting silently ignored is a
 * production incident waiting to happen.
 */
public final class SettingsLoader {

    /** The flag naming the properties file; not a setting itself. */
    public static final String CONFIG_FLAG = "config";

    /** A value and where it came from, so that an error can say which layer to fix. */
    public record Sourced(String value, String source) { }

    /** What is left of the command line after the flags: the subcommand and its own arguments. */
    public record Loaded(BrainSettings settings, List<String> arguments) { }

    private SettingsLoader() { }

    /**
     * @param args the command line: flags {@code --name=value} anywhere, other words kept in order
     * @param environment usually {@code System.getenv()}
     * @param extraFlags flag names a subcommand accepts besides the settings (they are returned as arguments)
     */
    public static Loaded load(List<String> args, Map<String, String> environment, List<String> extraFlags) {
        Map<Setting, Sourced> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            s.defaultValue().ifPresent(v -> values.put(s, new Sourced(v, "default")));
        }

        Map<Setting, Sourced> flags = new EnumMap<>(Setting.class);
        List<String> arguments = new ArrayList<>();
        Path configFile = null;
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.equals("--help")) {
                arguments.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (name.equals(CONFIG_FLAG)) {
                if (eq < 0 || arg.length() == eq + 1) {
                    throw new SettingException(CONFIG_FLAG, "give the file as --config=FILE");
                }
                configFile = Path.of(arg.substring(eq + 1));
            } else if (extraFlags.contains(name)) {
                arguments.add(arg);
            } else {
                Setting setting = Setting.byKey(name).orElseThrow(() -> new SettingException(name,
                        "unknown setting (flag " + arg + "); see ./brain --help"));
                if (eq < 0) {
                    throw new SettingException(name, "give a value as --" + name + "=VALUE");
                }
                flags.put(setting, new Sourced(arg.substring(eq + 1), "flag --" + name));
            }
        }

        if (configFile != null) {
            values.putAll(readFile(configFile));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("BRAIN_")) {
                Setting setting = Setting.byEnvironmentVariable(name).orElseThrow(() -> new SettingException(name,
                        "unknown setting (environment variable); see ./brain --help"));
                values.put(setting, new Sourced(value, "environment variable " + name));
            }
        });
        values.putAll(flags);
        return new Loaded(BrainSettings.from(values), arguments);
    }

    private static Map<Setting, Sourced> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new SettingException(CONFIG_FLAG, "cannot read " + file + ": " + e.getMessage());
        }
        Map<Setting, Sourced> values = new EnumMap<>(Setting.class);
        for (String key : properties.stringPropertyNames()) {
            Setting setting = Setting.byKey(key).orElseThrow(() -> new SettingException(key,
                    "unknown setting (in " + file + "); see ./brain --help"));
            values.put(setting, new Sourced(properties.getProperty(key).strip(), "file " + file));
        }
        return values;
    }
}
