package io.industrybrain.app;

import io.industrybrain.streams.topology.progress.InputLag;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Which intake tasks have consumed their input to the end, as Kafka knows it: for partition p of every event topic,
 * the application's committed offset against the partition's end offset, asked of the cluster every
 * {@code watermark.interval}. Committed offsets are the application's, whichever instance runs the task, and trail
 * what was processed by at most a commit interval: a task with records still to read is never taken for caught up,
 * and one whose partitions have run dry is within a commit interval. When the cluster cannot be asked, no task is
 * caught up: windows then wait, which is late but never wrong.
 */
final class CommittedInputLag implements InputLag, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommittedInputLag.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String groupId;
    private final List<String> eventTopics;
    private final Duration every;
    private final Thread thread;
    private volatile Set<Integer> caughtUp = Set.of();
    private volatile boolean running = true;
    private boolean failing;

    private CommittedInputLag(String bootstrapServers, String groupId, List<String> eventTopics, Duration every) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-input-lag"));
        this.groupId = groupId;
        this.eventTopics = eventTopics;
        this.every = every;
        this.thread = new Thread(this::run, "brain-input-lag");
        thread.setDaemon(true);
    }

    static CommittedInputLag start(String bootstrapServers, String groupId, List<String> eventTopics, Duration every) {
        CommittedInputLag lag = new CommittedInputLag(bootstrapServers, groupId, eventTopics, every);
        lag.thread.start();
        return lag;
    }

    @Override
    public boolean caughtUp(int intakeTask) {
        return caughtUp.contains(intakeTask);
    }

    private void run() {
        while (running) {
            try {
                caughtUp = ask();
                if (failing) {
                    LOG.info("input lag known again");
                    failing = false;
                }
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                caughtUp = Set.of();
                if (!failing) {
                    LOG.warn("cannot read the input's committed and end offsets, intake tasks count as busy until it can: {}",
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

    private Set<Integer> ask() throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> topics = admin.describeTopics(eventTopics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.values().forEach(topic -> topic.partitions().forEach(p ->
                latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Set<Integer> partitions = new HashSet<>();
        ends.keySet().forEach(tp -> partitions.add(tp.partition()));
        Set<Integer> caught = new HashSet<>(partitions);
        ends.forEach((tp, end) -> {
            OffsetAndMetadata at = committed.get(tp);
            long position = at == null ? 0 : at.offset();
            if (position < end) {
                caught.remove(tp.partition());
            }
        });
        return Set.copyOf(caught);
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
