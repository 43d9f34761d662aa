package io.industrybrain.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;

/** TCP ports on the loopback host the embedded broker listens on. */
final class LocalPorts {

    static final String HOST = "localhost";

    private LocalPorts() { }

    /**
     * A free port none of {@code taken}: the system may hand out a port again as soon as the socket that asked
     * for it closes, so two picks in a row can return the same one (seen: broker and controller on one port).
     */
    static int pickFreeOtherThan(Collection<Integer> taken) {
        int port = pickFree();
        while (taken.contains(port)) {
            port = pickFree();
        }
        return port;
    }

    /** A port the operating system reports free right now; a later bind may still lose a race for it. */
    static int pickFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    /**
     * Fails with {@link PortInUseException} when something already listens on the port. The broker
     * would find out too, but only after its controller has started, and with a less direct message.
     */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new PortInUseException(HOST, port, e);
        }
    }
}
