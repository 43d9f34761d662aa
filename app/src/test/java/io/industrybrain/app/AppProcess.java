package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.httpStatus;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./brain run} in a JVM of its own, so that a test can kill it with SIGKILL as an operator's machine dies:
 * no shutdown hook runs, an open transaction stays open. Its output goes to a log file beside its data directory.
 */
final class AppProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int httpPort;
    private Process process;

    /**
     * @param flags the settings of {@code ./brain run} besides {@code --http.port} and {@code --data.dir}, which this
     *              class chooses
     */
    AppProcess(String name, Path dataDir, String heap, List<String> flags) throws IOException {
        this.name = name;
        this.httpPort = freePort();
        Files.createDirectories(dataDir);
        this.log = dataDir.resolveSibling(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Brain.class.getName(), "run",
                "--http.port=" + httpPort, "--data.dir=" + dataDir));
        command.addAll(flags);
        this.command = List.copyOf(command);
    }

    void start() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    String url() {
        return "http://localhost:" + httpPort;
    }

    void awaitHealthy(Duration timeout) {
        await().alias(name + " healthy (log " + log + ")").atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> httpStatus(url() + "/health") == 200);
    }

    /** Its exit code, once it has exited on its own within {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            List<String> lines = Files.readAllLines(log);
            throw new AssertionError(name + " still runs after " + timeout + "; the end of its log:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
        return process.exitValue();
    }

    /** Everything it wrote to stdout and stderr so far, by line. */
    List<String> output() throws IOException {
        return Files.readAllLines(log);
    }

    /** SIGTERM, as Ctrl-C or a supervisor stops it, and waits for it to exit; its exit code. */
    int stop() throws InterruptedException, IOException {
        process.destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
