package io.industrybrain.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python script with Debian's interpreter and Confluent's Python client (installed on first
 * use), as a gateway written in Python would run: the real Confluent client against this product.
 */
public final class ConfluentPython {

    private ConfluentPython() { }

    /** Runs {@code /usr/bin/python3 script args...}, fails the test unless it exits 0, and returns its output. */
    public static String run(Path script, List<String> args) {
        DebianPackages.requireConfluentPython();
        assertTrue(Files.isRegularFile(script), script.toAbsolutePath() + " is missing");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        command.addAll(args);
        try {
            Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(python.waitFor(2, TimeUnit.MINUTES), "the script did not finish:\n" + output);
            assertEquals(0, python.exitValue(), "the script failed:\n" + output);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
