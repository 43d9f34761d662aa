package io.industrybrain.app.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * One tag key for the store of Kafka Streams' state-store metrics. Kafka names it after the store's kind
 * ({@code rocksdb.state.id}, {@code in.memory.state.id}, ...), so the same metric of a RocksDB store and of an
 * in-memory one carry different tag keys, which Prometheus does not allow under one name: the registry refused the
 * second kind with a WARN at every start, and its series were missing. Here the key becomes {@code state.id} and
 * the kind a tag of its own, {@code store.type} ({@code rocksdb}, {@code in.memory}).
 */
final class StateStoreTags implements MeterFilter {

    private static final String STATE_ID = "state.id";
    private static final String KIND_SUFFIX = "." + STATE_ID;

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("kafka.stream.state.")) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean renamed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            if (tag.getKey().endsWith(KIND_SUFFIX)) {
                tags.add(Tag.of(STATE_ID, tag.getValue()));
                tags.add(Tag.of("store.type", tag.getKey().substring(0, tag.getKey().length() - KIND_SUFFIX.length())));
                renamed = true;
            } else {
                tags.add(tag);
            }
        }
        return renamed ? id.replaceTags(tags) : id;
    }
}
