package io.industrybrain.app;

/**
 * A setting that stops start-up: unknown, malformed, or naming something unusable (a port in use,
 * an unreachable cluster). The launcher prints {@link #getMessage()} as one line and exits with 2.
 */
public final class SettingException extends RuntimeException {
    private final String setting;

    public SettingException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    public String setting() { return setting; }
}
