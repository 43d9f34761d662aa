package io.industrybrain.connectors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent MQTT subscription whose messages are acknowledged by the caller, not on arrival.
 *
 * <p>The client connects with clean session off under a stable client id and subscribes at QoS 1,
 * so the broker keeps every message it has not had a PUBACK for: those queued while no one is
 * connected, and those delivered but never acknowledged, which it sends again on the next
 * connection. {@link #acknowledge} sends the PUBACK; the task calls it once Kafka has the record.
 *
 * <p>Packet ids are per connection, and the broker reuses an id once it is acknowledged. A
 * delivery from an earlier connection is therefore never acknowledged on a later one (it could
 * acknowledge a different message); the broker redelivers it instead, a duplicate the pipeline drops.
 */
final class MqttSubscription implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttSubscription.class);

    static final int QOS = 1;
    /** Deliveries waiting for poll; when full the client stops reading and the broker holds the rest. */
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int CONNECTION_TIMEOUT_SECONDS = 10;
    private static final long DISCONNECT_QUIESCE_MS = 1_000;

    /** One message as it arrived, and which connection it arrived on. */
    record Delivery(String topic, byte[] payload, int messageId, int qos, long connection) { }

    private final MqttClient client;
    private final MqttConnectOptions options;
    private final List<String> filters;
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Object connectionLock = new Object();
    private long connection;

    MqttSubscription(MqttSourceConfig config) {
        try {
            this.client = new MqttClient(config.serverUris().get(0), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot make an MQTT client for " + config.serverUris() + ": " + e.getMessage(), e);
        }
        this.options = new MqttConnectOptions();
        options.setServerURIs(config.serverUris().toArray(String[]::new));
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().value().toCharArray());
        }
        this.filters = config.topicLayout().filters();
        client.setManualAcks(true);
        client.setCallback(new Callback());
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Connects and subscribes. On the broker's side the session resumes: messages queued meanwhile
     * and unacknowledged ones arrive at once.
     *
     * @throws MqttException when the broker cannot be reached, refuses the client, or grants less than QoS 1
     */
    void connect() throws MqttException {
        synchronized (connectionLock) {
            connection++;
        }
        client.connect(options);
        try {
            subscribe();
        } catch (MqttException e) {
            // Connected but not subscribed would look healthy and receive nothing new: start over next time.
            client.disconnect(DISCONNECT_QUIESCE_MS);
            throw e;
        }
        log.info("Subscribed to {} on {} as client {} (persistent session, QoS {})",
                filters, client.getCurrentServerURI(), client.getClientId(), QOS);
    }

    private void subscribe() throws MqttException {
        int[] qos = new int[filters.size()];
        Arrays.fill(qos, QOS);
        IMqttToken subscribed = client.subscribeWithResponse(filters.toArray(String[]::new), qos);
        int[] granted = subscribed.getGrantedQos();
        for (int i = 0; i < granted.length; i++) {
            if (granted[i] != QOS) {
                throw new MqttException(new IllegalStateException("the broker granted QoS " + granted[i] + " for "
                        + filters.get(i) + " instead of " + QOS + ": messages could be lost"));
            }
        }
    }

    /** Up to {@code max} deliveries, waiting at most {@code wait} for the first. */
    List<Delivery> take(int max, Duration wait) throws InterruptedException {
        List<Delivery> batch = new ArrayList<>();
        Delivery first = deliveries.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            batch.add(first);
            deliveries.drainTo(batch, max - 1);
        }
        return batch;
    }

    /**
     * Sends the PUBACK of a delivery if it arrived on the current connection; otherwise the broker
     * redelivers it on this connection and that copy is acknowledged.
     *
     * @return whether the PUBACK went out
     */
    boolean acknowledge(Delivery delivery) {
        synchronized (connectionLock) {
            if (delivery.connection() != connection || !client.isConnected()) {
                return false;
            }
            try {
                client.messageArrivedComplete(delivery.messageId(), delivery.qos());
                return true;
            } catch (MqttException e) {
                log.warn("Could not acknowledge MQTT message {} on {}: {}; the broker will redeliver it",
                        delivery.messageId(), delivery.topic(), e.getMessage());
                return false;
            }
        }
    }

    /** Disconnects and keeps the broker's session: what is unacknowledged comes back on the next connect. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(DISCONNECT_QUIESCE_MS);
            }
            client.close();
        } catch (MqttException e) {
            log.warn("MQTT client {} did not close cleanly: {}", client.getClientId(), e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            log.warn("Lost the connection to MQTT broker {}: {}", client.getCurrentServerURI(), cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            long arrivedOn;
            synchronized (connectionLock) {
                arrivedOn = connection;
            }
            // Blocks while the queue is full: the client stops reading and the broker keeps the messages.
            deliveries.put(new Delivery(topic, message.getPayload(), message.getId(), message.getQos(), arrivedOn));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Only for messages this client publishes; it publishes none.
        }
    }
}
