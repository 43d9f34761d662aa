package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Marks an event as a duplicate when its duplicate key (deviceId + seq, batchId, shiftId) was already
 * counted for the same enterprise in the same window. Keys are kept for as long as their window is
 * open, i.e. window + grace, and purged when it closes: a resend after that is LATE at the gate.
 * Resends carry the original's eventTime, so they fall into the original's window. Word that stream time
 * moved ({@link StreamTimeAdvanced}) purges too, and passes on to the aggregator.
 */
public final class EventDeduplicator implements Processor<String, WindowInput, String, WindowInput> {

    private final WindowGeometry windows;
    private ProcessorContext<String, WindowInput> context;
    private KeyValueStore<String, Long> seen;
    private StreamTime streamTime;
    /** Not persisted: after a restart the first record purges whatever is closed. */
    private long purgedThrough = WindowGeometry.NONE;

    public EventDeduplicator(WindowGeometry windows) {
        this.windows = windows;
    }

    @Override
    public void init(ProcessorContext<String, WindowInput> context) {
        this.context = context;
        this.seen = context.getStateStore(TopologyNames.DUPLICATES_STORE);
        this.streamTime = new StreamTime(context.getStateStore(TopologyNames.STREAM_TIME_STORE));
    }

    @Override
    public void process(Record<String, WindowInput> record) {
        purgeClosedWindows();
        if (!(record.value() instanceof CandidateEvent candidate) || candidate.event().getDuplicateKey() == null) {
            context.forward(record);
            return;
        }
        AdmittedEvent event = candidate.event();
        String key = WindowStoreKeys.duplicate(windows.startOf(event.getEventTime()), event.getEnterpriseId(), event.getDuplicateKey());
        if (seen.get(key) != null) {
            context.forward(record.withValue(candidate.asDuplicate()));
            return;
        }
        seen.put(key, event.getEventTime());
        context.forward(record);
    }

    private void purgeClosedWindows() {
        long lastClosed = windows.lastClosedStart(streamTime.current());
        if (lastClosed == WindowGeometry.NONE || lastClosed <= purgedThrough) {
            return;
        }
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> closed = seen.range(WindowStoreKeys.first(), WindowStoreKeys.after(lastClosed))) {
            while (closed.hasNext()) {
                KeyValue<String, Long> entry = closed.next();
                expired.add(entry.key);
            }
        }
        expired.forEach(seen::delete);
        purgedThrough = lastClosed;
    }
}
