package io.industrybrain.streams.topology.window;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.MetricKeys;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.deadletter.DeadLetter;
import io.industrybrain.streams.topology.intake.DecodedEvent;
import io.industrybrain.streams.topology.intake.EnterpriseResolver;
import io.industrybrain.streams.topology.intake.EventDecoder;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts events into their enterprise's window state and emits the ENTERPRISE records: updates while a
 * window is open, and exactly one closing record when this partition's stream time closes it, followed by a
 * {@link WindowOutput.WindowsClosed} mark. The roll-up stage publishes the closing record as the final once
 * every partition has closed the window (see {@code rollup/package-info.java}).
 *
 * <p>Updates are coalesced: a changed state is marked pending (in the state itself, so the mark survives
 * a restart) and a wall-clock punctuation every {@code updateInterval} emits one update per pending
 * (enterprise, window); with an interval of zero every input record emits its update at once. When a
 * window closes, a pending update is emitted first, then the closing record with the next revision, and
 * the state is deleted: stream time never goes back, so any later event of that window is LATE at the
 * gate and no second final can follow. Every record names the chain and region the enterprise has in the
 * reference data at that moment: the roll-ups file its contribution under them.
 *
 * <p>Stream time is the late gate's to move ({@link LateEventGate}); windows are closed after each event
 * is counted, the event's own window never among them, and whenever the gate says a marker moved it. A
 * partition with no events of its own still closes windows (and tells the roll-ups so) on markers.
 */
public final class EnterpriseWindowAggregator implements Processor<String, WindowInput, String, WindowOutput> {

    private final WindowGeometry windows;
    private final EventDecoder decoder;
    private final EnterpriseWindowAccumulator accumulator;
    private final EnterpriseMetricsCalculator calculator;
    private final OutcomeCounters counters;
    private final OpenWindows openWindows;
    private final Clock clock;
    private final Duration updateInterval;

    private ProcessorContext<String, WindowOutput> context;
    private String task;
    private KeyValueStore<String, EnterpriseWindowState> states;
    private StreamTime streamTime;
    private EnterpriseResolver enterprises;
    /** Keys of states with updatePending set; rebuilt from the store at init, sorted for a stable order. */
    private final SortedSet<String> pending = new TreeSet<>();
    /** Not persisted: after a restart the first input closes whatever is due. */
    private long closedThrough = WindowGeometry.NONE;

    public EnterpriseWindowAggregator(WindowGeometry windows, EventDecoder decoder, EnterpriseWindowAccumulator accumulator,
                                      EnterpriseMetricsCalculator calculator, OutcomeCounters counters, OpenWindows openWindows,
                                      Clock clock, Duration updateInterval) {
        this.windows = windows;
        this.decoder = decoder;
        this.accumulator = accumulator;
        this.calculator = calculator;
        this.counters = counters;
        this.openWindows = openWindows;
        this.clock = clock;
        this.updateInterval = updateInterval;
    }

    @Override
    public void init(ProcessorContext<String, WindowOutput> context) {
        this.context = context;
        this.task = context.taskId().toString();
        this.states = context.getStateStore(TopologyNames.WINDOW_STATE_STORE);
        this.streamTime = new StreamTime(context.getStateStore(TopologyNames.STREAM_TIME_STORE));
        this.enterprises = new EnterpriseResolver(context.getStateStore(TopologyNames.ENTERPRISES_STORE));
        // init runs again when a task is revived after an aborted transaction: what was closed or pending in
        // memory then is forgotten, and the stores (back at the last commit) say again what is due.
        closedThrough = WindowGeometry.NONE;
        pending.clear();
        try (KeyValueIterator<String, EnterpriseWindowState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, EnterpriseWindowState> entry = all.next();
                openWindows.opened(task, entry.value.getWindowStart());
                if (entry.value.getUpdatePending()) {
                    pending.add(entry.key);
                }
            }
        }
        if (!updateInterval.isZero()) {
            context.schedule(updateInterval, PunctuationType.WALL_CLOCK_TIME, now -> emitPendingUpdates());
        }
    }

    @Override
    public void process(Record<String, WindowInput> record) {
        if (record.value() instanceof CandidateEvent candidate) {
            count(candidate);
        }
        closeWindows(streamTime.current());
    }

    private void count(CandidateEvent candidate) {
        AdmittedEvent event = candidate.event();
        long windowStart = windows.startOf(event.getEventTime());
        String key = WindowStoreKeys.state(windowStart, event.getEnterpriseId());
        EnterpriseWindowState state = states.get(key);
        if (candidate.duplicate()) {
            if (state == null) {
                throw new IllegalStateException("duplicate " + event.getDuplicateKey() + " of a window with no state: " + key);
            }
            state.setDuplicatesDropped(state.getDuplicatesDropped() + 1);
            counters.duplicate(event.getSource().getTopic());
        } else {
            if (state == null) {
                state = accumulator.open(event.getEnterpriseId(), windowStart);
                openWindows.opened(task, windowStart);
            }
            DecodedEvent decoded = decoder.decode(event.getKind(), event.getSource().getTopic(), DeadLetter.bytes(event.getSource().getValue()));
            accumulator.add(state, decoded, event.getSource().getTimestamp());
            rememberReferenceData(state);
            if (candidate.lateInGrace()) {
                state.setLateEventsInGrace(state.getLateEventsInGrace() + 1);
            }
            counters.accepted(event.getSource().getTopic());
        }
        state.setUpdatePending(true);
        states.put(key, state);
        pending.add(key);
        if (updateInterval.isZero()) {
            emitUpdate(key, state);
        }
    }

    @Override
    public void close() {
        openWindows.forget(task);
    }

    private void rememberReferenceData(EnterpriseWindowState state) {
        enterprises.resolve(state.getEnterpriseId()).ifPresent(enterprise -> {
            state.setAboveScale(enterprise.getAboveScale());
            state.setEmployees(enterprise.getEmployees());
        });
    }

    private void emitPendingUpdates() {
        for (String key : List.copyOf(pending)) {
            EnterpriseWindowState state = states.get(key);
            if (state != null && state.getUpdatePending()) {
                emitUpdate(key, state);
            }
        }
        pending.clear();
    }

    private void closeWindows(long now) {
        long lastClosed = windows.lastClosedStart(now);
        if (lastClosed == WindowGeometry.NONE || lastClosed <= closedThrough) {
            return;
        }
        List<KeyValue<String, EnterpriseWindowState>> closing = new ArrayList<>();
        try (KeyValueIterator<String, EnterpriseWindowState> closed = states.range(WindowStoreKeys.first(), WindowStoreKeys.after(lastClosed))) {
            closed.forEachRemaining(closing::add);
        }
        for (KeyValue<String, EnterpriseWindowState> entry : closing) {
            EnterpriseWindowState state = entry.value;
            if (state.getUpdatePending()) {
                emitUpdate(entry.key, state);
            }
            emit(state, true);
            states.delete(entry.key);
            openWindows.closed(task, state.getWindowStart());
        }
        closedThrough = lastClosed;
        context.forward(new Record<>(WindowStoreKeys.window(lastClosed),
                new WindowOutput.WindowsClosed(context.taskId().partition(), lastClosed), clock.millis()));
    }

    private void emitUpdate(String key, EnterpriseWindowState state) {
        emit(state, false);
        state.setUpdatePending(false);
        states.put(key, state);
        pending.remove(key);
    }

    private void emit(EnterpriseWindowState state, boolean isFinal) {
        long revision = state.getRevision() + 1;
        state.setRevision(revision);
        Instant emittedAt = clock.instant();
        Enterprise current = enterprises.resolve(state.getEnterpriseId()).orElse(null);
        MetricRecord metrics = calculator.calculate(state, current, revision, isFinal, emittedAt);
        String key = MetricKeys.of(Scope.ENTERPRISE, state.getEnterpriseId(), Instant.ofEpochMilli(state.getWindowStart()));
        WindowOutput output = current == null ? new WindowOutput.EnterpriseRecord(metrics, null, null)
                : new WindowOutput.EnterpriseRecord(metrics, current.getIndustryChain(), current.getRegion());
        context.forward(new Record<>(key, output, emittedAt.toEpochMilli()));
    }
}
