package io.industrybrain.app;

import io.industrybrain.cluster.KafkaClientSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/**
 * Notices that a topic the app reads or writes was deleted under it, and says which, once. Kafka Streams learns of a
 * deleted source only when a fetch of its partitions fails and the group rebalances (seen after 15 s to 2 minutes),
 * and then fails through one of several paths, one of which left it in PENDING_ERROR for minutes; a deleted output
 * topic first blocks its producer for {@code max.block.ms}. Asking the cluster for the names of its topics every
 * {@link #EVERY} finds a deletion within seconds, whichever topic it was.
 *
 * <p>A topic counts as deleted when two answers in a row lack it, so that a broker whose metadata trails the
 * controller's by a moment never stops the app; an answer that does not come counts for nothing.
 */
final class DeletedTopicWatch implements AutoCloseable {

    /** Short against Kafka Streams' own discovery, long against the cost of one metadata request. */
    static final Duration EVERY = Duration.ofSeconds(2);

    private final Admin admin;
    private final List<String> topics;
    private final Consumer<String> onDeleted;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "brain-deleted-topic-watch");
        thread.setDaemon(true);
        return thread;
    });
    /** The topics the last answer lacked. */
    private Set<String> missingBefore = Set.of();

    private DeletedTopicWatch(KafkaClientSettings clients, String clientId, List<String> topics, Consumer<String> onDeleted) {
        this.admin = Admin.create(clients.forAdmin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, clientId)));
        this.topics = List.copyOf(topics);
        this.onDeleted = onDeleted;
    }

    /**
     * Watches {@code topics}, which must exist now; {@code onDeleted} is given the first one found deleted, once,
     * on the watch's own thread, and the watch stops.
     */
    static DeletedTopicWatch start(KafkaClientSettings clients, String clientId, List<String> topics, Consumer<String> onDeleted) {
        DeletedTopicWatch watch = new DeletedTopicWatch(clients, clientId, topics, onDeleted);
        watch.timer.scheduleWithFixedDelay(watch::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Why the app stops when {@code topic} was deleted under it. */
    static String stopReason(String topic) {
        return "topic " + topic + " was deleted under the running app; a restart creates it again, empty (what it held is gone)";
    }

    /** The first watched topic the cluster lacks now, by one answer; empty also when no answer comes in time. */
    Optional<String> deletedNow() {
        return present().flatMap(present -> topics.stream().filter(topic -> !present.contains(topic)).findFirst());
    }

    private void check() {
        Optional<Set<String>> present = present();
        if (present.isEmpty()) {
            return;
        }
        Set<String> missing = new HashSet<>(topics);
        missing.removeAll(present.get());
        for (String topic : topics) {
            if (missing.contains(topic) && missingBefore.contains(topic)) {
                timer.shutdown();
                onDeleted.accept(topic);
                return;
            }
        }
        missingBefore = missing;
    }

    private Optional<Set<String>> present() {
        try {
            return Optional.of(admin.listTopics(new ListTopicsOptions().timeoutMs((int) EVERY.toMillis())).names()
                    .get(EVERY.toMillis() * 2, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            // an unreachable cluster is reported where it matters (health, lag); it deletes nothing
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
