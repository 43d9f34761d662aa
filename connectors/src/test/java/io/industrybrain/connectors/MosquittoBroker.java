package io.industrybrain.connectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}) as a child process on a free loopback port,
 * and Debian's {@code mosquitto_pub} to publish to it at QoS 1, as a gateway would.
 */
final class MosquittoBroker implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private MosquittoBroker(Path dir, Path config, int port) {
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    /**
     * Starts Mosquitto with its config, log and saved sessions in {@code dir}, and waits until it
     * accepts connections.
     */
    static MosquittoBroker start(Path dir) throws IOException {
        Files.createDirectories(dir);
        int port = freePort();
        Path config = Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " " + HOST,
                "allow_anonymous true",
                // Sessions and their queued messages survive a restart, as on a production broker.
                "persistence true",
                "persistence_location " + dir + "/",
                // Run as the test's user, who owns the directory (as root Mosquitto would switch to user mosquitto).
                "user " + System.getProperty("user.name"),
                // Room for everything a test publishes while the connector is away.
                "max_queued_messages 100000",
                ""));
        MosquittoBroker broker = new MosquittoBroker(dir, config, port);
        broker.launch();
        return broker;
    }

    private void launch() throws IOException {
        Process started = new ProcessBuilder("mosquitto", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        process = started;
        await().alias("Mosquitto accepts connections on port " + port).atMost(TIMEOUT)
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("mosquitto exited with " + started.exitValue() + "; see " + dir);
                    }
                    return accepts();
                });
    }

    /** Stops the broker (which saves its sessions) and starts it again on the same port. */
    void restart() throws IOException, InterruptedException {
        close();
        launch();
    }

    String uri() {
        return "tcp://" + HOST + ":" + port;
    }

    /** Publishes one message at QoS 1; returns once the broker has acknowledged it. */
    void publish(String topic, String payload) {
        run(List.of("-t", topic, "-m", payload), null);
    }

    /** Publishes each payload as one message at QoS 1 and in order, from one client connection. */
    void publishEach(String topic, List<String> payloads) {
        run(List.of("-t", topic, "-l"), String.join("\n", payloads) + "\n");
    }

    private void run(List<String> arguments, String input) {
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-h", HOST, "-p", String.valueOf(port), "-q", "1"));
        command.addAll(arguments);
        try {
            Process publisher = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (input != null) {
                try (OutputStream stdin = publisher.getOutputStream()) {
                    stdin.write(input.getBytes(UTF_8));
                }
            }
            String output = new String(publisher.getInputStream().readAllBytes(), UTF_8);
            if (!publisher.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || publisher.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing to " + arguments, e);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
