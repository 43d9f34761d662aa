package io.industrybrain.app.observability;

import static org.junit.jupiter.api.Assertions.fail;

import io.industrybrain.testkit.DebianPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Prometheus' own command-line checker, from Debian's {@code prometheus} package (installed when missing). */
final class Promtool {

    /** docker/ at the project root, seen from the app module where the tests run. */
    static final Path DOCKER = Path.of("..", "docker").toAbsolutePath().normalize();
    static final Path PROMETHEUS = DOCKER.resolve("prometheus");

    private Promtool() { }

    static void requireInstalled() {
        DebianPackages.require(List.of("which", "promtool"), "prometheus");
    }

    /** Runs {@code promtool <arguments>}; fails the test with promtool's output when it exits non-zero. */
    static String run(String... arguments) {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 2 minutes:\n" + output);
            }
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /**
     * Parses every expression with Prometheus' own PromQL parser: they become recording rules of a
     * throw-away rule file, which {@code promtool check rules} parses. The failure names the expression.
     *
     * @param expressions where each expression comes from -> the expression
     */
    static void assertParses(Map<String, String> expressions, Path dir) throws IOException {
        StringBuilder rules = new StringBuilder("groups:\n  - name: parse-check\n    rules:\n");
        List<String> where = new ArrayList<>(expressions.keySet());
        for (int i = 0; i < where.size(); i++) {
            rules.append("      - record: parse_check_").append(i).append('\n')
                    .append("        expr: ").append(jsonString(expressions.get(where.get(i)))).append('\n');
        }
        Path file = Files.writeString(dir.resolve("parse-check.yml"), rules);
        try {
            run("check", "rules", file.toString());
        } catch (AssertionError e) {
            StringBuilder index = new StringBuilder();
            for (int i = 0; i < where.size(); i++) {
                index.append("parse_check_").append(i).append(": ").append(where.get(i)).append('\n');
            }
            throw new AssertionError(e.getMessage() + "\nrules are:\n" + index, e);
        }
    }

    /** YAML reads a JSON string as the same string: no escaping rules of its own to get wrong. */
    private static String jsonString(String text) {
        return new com.fasterxml.jackson.databind.node.TextNode(text).toString();
    }
}
