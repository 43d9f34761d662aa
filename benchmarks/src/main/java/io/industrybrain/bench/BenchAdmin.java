package io.industrybrain.bench;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import io.industrybrain.topics.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/** Clean-up between runs, so that each run starts cold and the broker's disk does not fill up. */
final class BenchAdmin {

    private BenchAdmin() { }

    /** Deletes those of the topics that exist and waits until the broker no longer lists them. */
    static void deleteTopics(Admin admin, Collection<String> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<String> doomed = topics.stream().filter(existing::contains).toList();
            if (doomed.isEmpty()) {
                return;
            }
            admin.deleteTopics(doomed).all().get();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                Set<String> now = admin.listTopics().names().get();
                if (doomed.stream().noneMatch(now::contains)) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("topics still listed a minute after their deletion: " + doomed);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete topics " + topics, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The names of every topic the product creates under these names. */
    static List<String> names(TopicNames topics) {
        return topics.all().stream().map(TopicNames.TopicSpec::name).toList();
    }

    /** Deletes every topic whose name starts with the prefix: an application's internal topics. */
    static void deleteTopicsStartingWith(Admin admin, String prefix) {
        try {
            deleteTopics(admin, admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).toList());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Forgets what an earlier run of the application left: its internal topics and its consumer group's committed
     * offsets. A run that reuses a data set under the same application id would otherwise start at the end of its
     * input and settle nothing.
     */
    static void resetApplication(Admin admin, String applicationId) {
        deleteTopicsStartingWith(admin, applicationId + "-");
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (true) {
                try {
                    admin.deleteConsumerGroups(List.of(applicationId)).all().get();
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        return;
                    }
                    // a member of a run that was killed stays in the group until its session times out
                    if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(1_000);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete the consumer group " + applicationId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
