package io.industrybrain.streams.topology;

/**
 * A value a topology cannot run with, named by the product's setting that gives it ({@code window},
 * {@code watermark.interval}, ...). The topology's own types hold each rule once; the application reports a
 * failure as the setting's, with where the value came from.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String setting;
    private final String problem;

    public InvalidSettingException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting's name, as in flags and files. */
    public String setting() { return setting; }

    /** What is wrong with the value, without the value. */
    public String problem() { return problem; }
}
