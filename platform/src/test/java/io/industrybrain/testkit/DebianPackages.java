package io.industrybrain.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the Debian packages an integration test needs (a real Confluent client, Mosquitto,
 * Prometheus, Chromium) when they are missing, so that the README's one test command works on a
 * fresh machine. Needs root and apt-get; elsewhere the test is skipped with a message saying what
 * to install, rather than failing for a reason that is not the product's.
 */
public final class DebianPackages {

    private static boolean updated;

    private DebianPackages() { }

    /**
     * Makes sure the check passes, installing the packages if it does not yet.
     *
     * @param check a command that succeeds when the packages are usable, e.g.
     *     {@code /usr/bin/python3 -c "import confluent_kafka"}
     */
    public static synchronized void require(List<String> check, String... packages) {
        if (succeeds(check)) {
            return;
        }
        boolean canInstall = Files.isExecutable(Path.of("/usr/bin/apt-get")) && "root".equals(System.getProperty("user.name"));
        assumeTrue(canInstall, "needs Debian packages " + String.join(" ", packages) + ": install them with apt-get");
        if (!updated) {
            run(List.of("apt-get", "update", "-qq"));
            updated = true;
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"));
        install.addAll(List.of(packages));
        run(install);
        if (!succeeds(check)) {
            throw new IllegalStateException("installed " + String.join(" ", packages) + " but " + check + " still fails");
        }
    }

    /**
     * The Confluent Python client with its schema-registry and Avro support, for /usr/bin/python3.
     * Debian 12 packages the client but not fastavro, which its Avro serializer imports: that one comes
     * from pip (the machine's wheel index has it), installed beside Debian's packages.
     */
    public static void requireConfluentPython() {
        require(List.of("/usr/bin/python3", "-c", "import confluent_kafka.schema_registry"),
                "python3-confluent-kafka", "python3-requests", "python3-pip");
        List<String> avroCheck = List.of("/usr/bin/python3", "-c", "import confluent_kafka.schema_registry.avro");
        if (succeeds(avroCheck)) {
            return;
        }
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs fastavro for /usr/bin/python3: /usr/bin/python3 -m pip install --break-system-packages fastavro");
        run(List.of("/usr/bin/python3", "-m", "pip", "install", "--quiet", "--break-system-packages", "fastavro"));
        if (!succeeds(avroCheck)) {
            throw new IllegalStateException("installed fastavro but " + avroCheck + " still fails");
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).inheritIO()
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
