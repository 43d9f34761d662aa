package io.industrybrain.connectors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the gateways' MQTT messages and hands Connect one source record per message: the
 * contract's Avro record as a Struct (written by {@link AvroConverter}), or, for a payload that does
 * not map, the payload unchanged to the dead-letter topic ({@link DeadLetters}).
 *
 * <p>No loss: an MQTT message is acknowledged only in {@link #commitRecord} with the Kafka
 * metadata of its record, i.e. once Kafka has it (acks=all, Connect's producer default). Until
 * then the broker keeps it in the client's persistent session and sends it again after a restart.
 * If Connect reports a record it did not write (a transform dropped it, or errors.tolerance=all let
 * a conversion or send fail), the message is left unacknowledged and the task fails, rather than
 * dropping it: Connect has no dead-letter topic for source records to put it in.
 *
 * <p>Duplicates: a message whose record reached Kafka but whose acknowledgement did not reach the
 * broker arrives again and is mapped to the identical record (same key, same value bytes), which the
 * pipeline drops (deviceId+seq, batchId, shiftId; heartbeats are idempotent within a window).
 */
public final class MqttSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(MqttSourceTask.class);

    private static final int MAX_BATCH = 500;
    private static final Duration POLL_WAIT = Duration.ofMillis(500);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    /** Records handed to Connect and not yet committed, by identity: redelivered duplicates are equal records. */
    private final Map<SourceRecord, MqttSubscription.Delivery> inFlight = new IdentityHashMap<>();

    private MqttSourceConfig config;
    private GatewayMessages messages;
    private DeadLetters deadLetters;
    private MqttSubscription subscription;
    private Duration retryDelay = FIRST_RETRY;
    private long nextConnectAttemptMillis;
    private volatile String notWritten;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new MqttSourceConfig(props);
        messages = new GatewayMessages(config.topicLayout(), config.kafkaTopics());
        deadLetters = new DeadLetters(config.deadLetterTopic(), config.deadLetterContextHeaders(), config.connectorName());
        subscription = new MqttSubscription(config);
        // Connecting here makes the task's RUNNING state mean "subscribed" whenever the broker is up; poll retries otherwise.
        connectOnce();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (notWritten != null) {
            throw new ConnectException(notWritten);
        }
        if (!subscription.isConnected()) {
            long untilNextAttempt = nextConnectAttemptMillis - System.currentTimeMillis();
            if (untilNextAttempt > 0) {
                // Connect wants poll to return now and then (to pause or stop the task), so the back-off is waited in slices.
                TimeUnit.MILLISECONDS.sleep(Math.min(untilNextAttempt, POLL_WAIT.toMillis()));
                return null;
            }
            if (!connectOnce()) {
                return null;
            }
        }
        List<SourceRecord> records = new ArrayList<>();
        for (MqttSubscription.Delivery delivery : subscription.take(MAX_BATCH, POLL_WAIT)) {
            SourceRecord record = toRecord(delivery);
            synchronized (inFlight) {
                inFlight.put(record, delivery);
            }
            records.add(record);
        }
        return records.isEmpty() ? null : records;
    }

    private SourceRecord toRecord(MqttSubscription.Delivery delivery) {
        try {
            return messages.toSourceRecord(delivery.topic(), delivery.payload());
        } catch (UnmappablePayloadException e) {
            if (!config.toleratesUnmappable()) {
                // errors.tolerance=none: fail like Connect does; the message stays unacknowledged.
                throw new ConnectException("Payload on MQTT topic " + delivery.topic() + " cannot be mapped: " + e.getMessage(), e);
            }
            log.warn("Payload on MQTT topic {} cannot be mapped ({}); writing it to dead-letter topic {}",
                    delivery.topic(), e.getMessage(), deadLetters.topic());
            return deadLetters.record(delivery.topic(), delivery.payload(), e);
        }
    }

    private boolean connectOnce() {
        try {
            subscription.connect();
            retryDelay = FIRST_RETRY;
            return true;
        } catch (MqttException e) {
            log.warn("Cannot connect to MQTT broker {} ({}); retrying in {} s",
                    config.serverUris(), e.getMessage(), retryDelay.toSeconds());
            nextConnectAttemptMillis = System.currentTimeMillis() + retryDelay.toMillis();
            Duration doubled = retryDelay.multipliedBy(2);
            retryDelay = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
            return false;
        }
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        MqttSubscription.Delivery delivery;
        synchronized (inFlight) {
            delivery = inFlight.remove(record);
        }
        if (delivery == null) {
            return;
        }
        if (metadata == null) {
            notWritten = "Kafka Connect did not write the record of MQTT message " + delivery.messageId() + " on "
                    + delivery.topic() + " to " + record.topic() + " (a transform dropped it, or its conversion or send "
                    + "failed under errors.tolerance=all; see the worker log). The message is left unacknowledged, so "
                    + "the broker delivers it again when the task restarts.";
            return;
        }
        subscription.acknowledge(delivery);
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
