package io.industrybrain.cluster;

/** The embedded broker cannot listen on the port it was given because something else already does. */
public final class PortInUseException extends IllegalStateException {

    private final int port;

    PortInUseException(String host, int port, Throwable cause) {
        super("Cannot start the embedded Kafka broker: port " + port + " on " + host
                + " is already in use. Stop whatever listens there or choose another port (0 picks a free one).",
                cause);
        this.port = port;
    }

    public int port() { return port; }
}
