package io.industrybrain.app;

import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.streams.topology.progress.InputLag;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Since when the application has consumed each event partition to its end, as Kafka knows it: for every partition of
 * every event topic, the application's committed offset against the partition's end offset, asked of the cluster every
 * {@code watermark.interval}, and the unbroken run of answers that found it caught up. Committed offsets are the
 * application's, whichever instance runs the task, and trail what was processed by at most a commit interval: a
 * partition with records still to read is never taken for caught up, and one that has run dry is within a commit
 * interval. An answer is stamped with the moment the end offsets were asked: whatever was written before then is in
 * it. A partition number beyond a topic's count does not exist and holds nothing back. When the cluster cannot be
 * asked, no partition is caught up: windows then wait, which is late but never wrong.
 */
final class CommittedInputLag implements InputLag, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommittedInputLag.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String groupId;
    private final List<String> eventTopics;
    private final Duration every;
    private final Thread thread;
    /** The last answer of the cluster. */
    private volatile Known known = Known.NONE;
    private volatile boolean running = true;
    private boolean failing;

    private CommittedInputLag(KafkaClientSettings clients, String groupId, List<String> eventTopics, Duration every) {
        this.admin = Admin.create(clients.forAdmin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-input-lag")));
        this.groupId = groupId;
        this.eventTopics = eventTopics;
        this.every = every;
        this.thread = new Thread(this::run, "brain-input-lag");
        thread.setDaemon(true);
    }

    static CommittedInputLag start(KafkaClientSettings clients, String groupId, List<String> eventTopics, Duration every) {
        CommittedInputLag lag = new CommittedInputLag(clients, groupId, eventTopics, every);
        lag.thread.start();
        return lag;
    }

    @Override
    public Answer latest() {
        return known;
    }

    /**
     * @param partitions per event topic, its partition count
     * @param since      per partition consumed to its end, the time of the first answer of the run that found it so
     */
    private record Known(long at, Map<String, Integer> partitions, Map<TopicPartition, Long> since) implements Answer {

        static final Known NONE = new Known(Long.MIN_VALUE, Map.of(), Map.of());

        @Override
        public long caughtUpSince(String topic, int partition) {
            Integer count = partitions.get(topic);
            if (count == null) {
                return NOT_CAUGHT_UP;
            }
            if (partition >= count) {
                return Long.MIN_VALUE;
            }
            return since.getOrDefault(new TopicPartition(topic, partition), NOT_CAUGHT_UP);
        }
    }

    private void run() {
        while (running) {
            try {
                known = ask(known);
                if (failing) {
                    LOG.info("input lag known again");
                    failing = false;
                }
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                known = Known.NONE;
                if (!failing) {
                    LOG.warn("cannot read the input's committed and end offsets, event partitions count as busy until it can: {}",
                            e instanceof ExecutionException ? e.getCause().toString() : e.toString());
                    failing = true;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Known ask(Known before) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> topics = admin.describeTopics(eventTopics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Integer> partitions = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.values().forEach(topic -> {
            partitions.put(topic.name(), topic.partitions().size());
            topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
        });
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // Committed offsets only grow, so a partition whose committed offset reaches an end asked afterwards was caught
        // up when the end was asked.
        long at = System.currentTimeMillis();
        Map<TopicPartition, Long> since = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((tp, end) -> {
            OffsetAndMetadata position = committed.get(tp);
            if ((position == null ? 0 : position.offset()) >= end.offset()) {
                since.put(tp, before.since().getOrDefault(tp, at));
            }
        });
        return new Known(at, Map.copyOf(partitions), Map.copyOf(since));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
