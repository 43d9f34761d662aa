package io.industrybrain.cluster;

import java.util.List;
import java.util.Locale;

/**
 * Which settings hold secrets, told by their names alone, so that whatever prints a setting (a {@code toString()}, an
 * error, a log line) can mask its value without knowing every client's configuration. Erring towards masking is
 * cheap: a masked trust-store location costs a look at the config file, a printed password costs a rotation.
 */
public final class SecretSettings {

    /** What stands in for a secret value wherever settings are printed. */
    public static final String MASK = "[hidden]";

    private static final List<String> SECRET_WORDS = List.of("password", "jaas", "secret", "key", "user.info", "token", "credential");

    private SecretSettings() { }

    /** True when a setting of this name may hold a secret: its name has password, jaas, secret, key, user.info, token or credential in it. */
    public static boolean looksSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** The value as it may be printed: itself, or {@link #MASK} for a setting that looks secret. */
    public static String printable(String name, Object value) {
        return looksSecret(name) ? MASK : String.valueOf(value);
    }
}
