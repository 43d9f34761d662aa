package io.industrybrain.streams.topology.window;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.MetricKeys;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.intake.DecodedReferenceTable;
import io.industrybrain.streams.topology.intake.EnterpriseResolver;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.DeviceWindowState;
import io.industrybrain.streams.topology.internal.EnterpriseClosing;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import io.industrybrain.streams.topology.internal.GroupPartial;
import io.industrybrain.streams.topology.internal.PeriodInput;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.RollupInput;
import io.industrybrain.streams.topology.ledger.SettledOutcomes;
import io.industrybrain.streams.topology.PeriodCalendar;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts events into their enterprise's window and emits the ENTERPRISE records: updates while a window is open,
 * and exactly one closing record when this partition's stream time closes it. Duplicates are found in the state
 * the event is counted into anyway: a sample in its device's record (its seqs), a batch or shift by its id.
 *
 * <p>State per event is small and of fixed size whatever the enterprise's device count: the enterprise's sums
 * ({@code enterprise-windows} store), the device's last sample and seqs ({@code device-windows}), the ids of
 * batches and shifts ({@code seen-ids}), all written through (see the topology for why).
 *
 * <p>Updates are coalesced: a changed state is marked pending (in the state itself, so the mark survives a
 * restart) and a wall-clock punctuation every {@code updateInterval} emits one update per pending (enterprise,
 * window); with an interval of zero every input record emits its update at once. After emitting, the partition's
 * partials of the roll-ups of those windows are recomputed and the changed ones sent to the roll-up stage
 * ({@link RollupPartials}). Each record is filed under the chain and region the reference data gives the
 * enterprise at that moment, and the partials follow that filing.
 *
 * <p>When stream time closes a window ({@link LateEventGate} keeps it), the pending update goes out first, then the
 * closing record with the next revision (for the roll-up stage, which publishes it as the final with its chain
 * percentiles), the changed partials, and a progress marker saying this partition has closed the window; then the
 * window's state is deleted. Stream time never goes back, so any later event of that window is LATE at the gate and
 * no second closing record can follow. In the same step the closing windows are added to their enterprises' calendar
 * periods ({@link EnterprisePeriodAccumulator}), whose sums go to the period stage, followed by the same marker.
 */
public final class EnterpriseWindowAggregator implements Processor<String, WindowInput, String, WindowOutput> {

    /** The key of the progress markers sent to the period stage, which go to every partition whatever their key. */
    private static final String PERIOD_MARKER_KEY = "closed";

    private final WindowGeometry windows;
    private final EnterpriseWindowAccumulator accumulator;
    private final EnterpriseMetricsCalculator calculator;
    private final OutcomeCounters counters;
    private final OpenWindows openWindows;
    private final DecodedReferenceTable<Enterprise> decodedEnterprises;
    private final Clock clock;
    private final Duration updateInterval;
    private final PeriodCalendar calendar;

    private ProcessorContext<String, WindowOutput> context;
    private String task;
    private int partition;
    private KeyValueStore<String, EnterpriseWindowState> states;
    private KeyValueStore<String, DeviceWindowState> devices;
    private KeyValueStore<String, Long> seenIds;
    private RollupPartials partials;
    private EnterprisePeriodAccumulator periods;
    private EnterpriseResolver enterprises;
    private SettledOutcomes outcomes;
    /**
     * The states with updatePending set, by key, each as last written to the store: an event of a pending state and
     * the update that ends its pending read them here, not from the store. Rebuilt from the store at init, sorted
     * for a stable order.
     */
    private SortedMap<String, EnterpriseWindowState> pending = new TreeMap<>();
    /** Windows with records emitted since their partials were last recomputed. */
    private final SortedSet<Long> emittedWindows = new TreeSet<>();
    /** Not persisted: after a restart the first input closes whatever is due. */
    private long closedThrough = WindowGeometry.NONE;

    public EnterpriseWindowAggregator(WindowGeometry windows, EnterpriseWindowAccumulator accumulator, EnterpriseMetricsCalculator calculator,
                                      OutcomeCounters counters, OpenWindows openWindows, DecodedReferenceTable<Enterprise> decodedEnterprises,
                                      Clock clock, Duration updateInterval, PeriodCalendar calendar) {
        this.windows = windows;
        this.accumulator = accumulator;
        this.calculator = calculator;
        this.counters = counters;
        this.openWindows = openWindows;
        this.decodedEnterprises = decodedEnterprises;
        this.clock = clock;
        this.updateInterval = updateInterval;
        this.calendar = calendar;
    }

    @Override
    public void init(ProcessorContext<String, WindowOutput> context) {
        this.context = context;
        this.task = context.taskId().toString();
        this.partition = context.taskId().partition();
        this.states = context.getStateStore(TopologyNames.ENTERPRISE_WINDOWS_STORE);
        this.devices = context.getStateStore(TopologyNames.DEVICE_WINDOWS_STORE);
        this.seenIds = context.getStateStore(TopologyNames.SEEN_IDS_STORE);
        this.partials = new RollupPartials(states, context.getStateStore(TopologyNames.PARTIALS_SENT_STORE), calculator);
        this.periods = new EnterprisePeriodAccumulator(calendar, calculator, context.getStateStore(TopologyNames.ENTERPRISE_PERIODS_STORE),
                context.getStateStore(TopologyNames.DEVICE_PERIODS_STORE));
        this.enterprises = new EnterpriseResolver(decodedEnterprises, context.getStateStore(TopologyNames.ENTERPRISES_STORE));
        this.outcomes = new SettledOutcomes(context, counters);
        // init runs again when a task is revived after an aborted transaction: what was closed or pending in
        // memory then is forgotten, and the stores (back at the last commit) say again what is due.
        closedThrough = WindowGeometry.NONE;
        pending.clear();
        emittedWindows.clear();
        try (KeyValueIterator<String, EnterpriseWindowState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, EnterpriseWindowState> entry = all.next();
                openWindows.opened(task, entry.value.getWindowStart());
                if (entry.value.getUpdatePending()) {
                    pending.put(entry.key, entry.value);
                }
            }
        }
        if (!updateInterval.isZero()) {
            context.schedule(updateInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
                emitPendingUpdates();
                sendChangedPartials();
            });
        }
    }

    @Override
    public void process(Record<String, WindowInput> record) {
        if (record.value() instanceof CandidateEvent candidate) {
            count(candidate);
        }
        closeWindows(record.value().streamTime());
    }

    private void count(CandidateEvent candidate) {
        AdmittedEvent event = candidate.event();
        String enterpriseId = event.getEnterpriseId();
        long windowStart = windows.startOf(event.getEventTime());
        String key = WindowStoreKeys.state(windowStart, enterpriseId);
        EnterpriseWindowState state = pending.get(key);
        if (state == null) {
            state = states.get(key);
        }
        if (state == null) {
            // an event of a window the enterprise has no state in yet cannot be a resend of a counted one
            state = accumulator.open(enterpriseId, windowStart);
            openWindows.opened(task, windowStart);
        }
        if (countedInto(state, event, windowStart)) {
            accumulator.counted(state, event.getEventTime(), event.getSource().getTimestamp());
            if (candidate.lateInGrace()) {
                state.setLateEventsInGrace(state.getLateEventsInGrace() + 1);
            }
            outcomes.accepted(event.getSource());
        } else {
            state.setDuplicatesDropped(state.getDuplicatesDropped() + 1);
            outcomes.duplicate(event.getSource());
        }
        state.setUpdatePending(true);
        states.put(key, state);
        pending.put(key, state);
        if (updateInterval.isZero()) {
            emitUpdate(key, state);
            sendChangedPartials();
        }
    }

    /** Adds the event to the state, or returns false for a resend of an event already counted in the window. */
    private boolean countedInto(EnterpriseWindowState state, AdmittedEvent event, long windowStart) {
        String enterpriseId = event.getEnterpriseId();
        Object value = event.getEvent();
        if (value instanceof MachineTelemetry sample) {
            String deviceKey = WindowStoreKeys.ofEnterprise(windowStart, enterpriseId, sample.getDeviceId());
            DeviceWindowState device = devices.get(deviceKey);
            if (EnterpriseWindowAccumulator.isResend(device, sample)) {
                return false;
            }
            devices.put(deviceKey, accumulator.telemetry(state, device, sample));
        } else if (value instanceof ProductionOutput batch) {
            if (!firstSighting(WindowStoreKeys.ofEnterprise(windowStart, enterpriseId, "batch|" + batch.getBatchId()), event)) {
                return false;
            }
            accumulator.production(state, batch);
        } else if (value instanceof WorkShift shift) {
            if (!firstSighting(WindowStoreKeys.ofEnterprise(windowStart, enterpriseId, "shift|" + shift.getShiftId()), event)) {
                return false;
            }
            accumulator.shift(state, shift);
        } else if (value instanceof ProcessHeartbeat heartbeat) {
            // a repeated heartbeat changes nothing: heartbeats are never duplicates
            accumulator.heartbeat(state, heartbeat);
        } else {
            throw new IllegalArgumentException("not an event: " + value);
        }
        return true;
    }

    /** Records a batch or shift id; false when the window has it already. */
    private boolean firstSighting(String idKey, AdmittedEvent event) {
        if (seenIds.get(idKey) != null) {
            return false;
        }
        seenIds.put(idKey, event.getEventTime());
        return true;
    }

    @Override
    public void close() {
        openWindows.forget(task);
    }

    private void emitPendingUpdates() {
        SortedMap<String, EnterpriseWindowState> due = pending;
        pending = new TreeMap<>();
        due.forEach(this::emitUpdate);
    }

    private void closeWindows(long streamTime) {
        long lastClosed = windows.lastClosedStart(streamTime);
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
            MetricRecord record = emit(state, true);
            states.put(entry.key, state);
            toRollup(state.getWindowStart(), new RollupInput(new EnterpriseClosing(state.getIndustryChain(), state.getRegion(), record)));
        }
        // the closing records may have filed enterprises under a new chain or region
        sendChangedPartials();
        addToPeriods(closing);
        for (KeyValue<String, EnterpriseWindowState> entry : closing) {
            states.delete(entry.key);
            openWindows.closed(task, entry.value.getWindowStart());
        }
        deleteThrough(seenIds, lastClosed);
        partials.forget(lastClosed);
        closedThrough = lastClosed;
        ProgressMarker closed = new ProgressMarker(partition, lastClosed, false);
        toRollup(lastClosed, new RollupInput(closed));
        toPeriods(PERIOD_MARKER_KEY, new PeriodInput(closed));
    }

    /**
     * Adds the closing windows to their enterprises' periods, window by window in order, and sends each enterprise's
     * period sums to the period stage. Each window's devices are read once, added and deleted: a device's record is
     * written only with its enterprise's state, so the closing windows hold every device record there is to delete.
     */
    private void addToPeriods(List<KeyValue<String, EnterpriseWindowState>> closing) {
        SortedMap<Long, List<EnterpriseWindowState>> byWindow = new TreeMap<>();
        closing.forEach(entry -> byWindow.computeIfAbsent(entry.value.getWindowStart(), w -> new ArrayList<>()).add(entry.value));
        byWindow.forEach((windowStart, enterprisesClosing) -> {
            EnterprisePeriodAccumulator.WindowClose close = periods.closing(windowStart);
            enterprisesClosing.forEach(close::enterprise);
            List<String> counted = new ArrayList<>();
            try (KeyValueIterator<String, DeviceWindowState> window =
                         devices.range(WindowStoreKeys.window(windowStart), WindowStoreKeys.after(windowStart))) {
                window.forEachRemaining(entry -> {
                    WindowStoreKeys.EnterpriseAndId device = WindowStoreKeys.enterpriseAndId(entry.key);
                    close.device(device.enterpriseId(), device.key(), entry.value);
                    counted.add(entry.key);
                });
            }
            counted.forEach(devices::delete);
            String year = calendar.spanOf(Period.YEAR, windowStart).firstDay().toString();
            close.finish().forEach(sums -> toPeriods(year, new PeriodInput(sums)));
        });
    }

    private static <V> void deleteThrough(KeyValueStore<String, V> store, long lastClosed) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> closed = store.range(WindowStoreKeys.first(), WindowStoreKeys.after(lastClosed))) {
            closed.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    private void emitUpdate(String key, EnterpriseWindowState state) {
        MetricRecord record = emit(state, false);
        state.setUpdatePending(false);
        states.put(key, state);
        pending.remove(key);
        emittedWindows.add(state.getWindowStart());
        context.forward(new Record<>(MetricKeys.of(Scope.ENTERPRISE, record.getScopeId(), record.getWindowStart()),
                new WindowOutput.EnterpriseUpdate(record), record.getEmittedAt().toEpochMilli()));
    }

    /** The next record of the state, filed under the enterprise's current reference data. */
    private MetricRecord emit(EnterpriseWindowState state, boolean isFinal) {
        long revision = state.getRevision() + 1;
        state.setRevision(revision);
        EnterpriseMetricsCalculator.refresh(state, enterprises.resolve(state.getEnterpriseId()).orElse(null));
        emittedWindows.add(state.getWindowStart());
        return calculator.calculate(state, revision, isFinal, clock.instant());
    }

    private void sendChangedPartials() {
        for (long windowStart : emittedWindows) {
            for (GroupPartial partial : partials.changed(partition, windowStart)) {
                toRollup(windowStart, new RollupInput(partial));
            }
        }
        emittedWindows.clear();
    }

    private void toRollup(long windowStart, RollupInput input) {
        context.forward(new Record<>(WindowStoreKeys.window(windowStart), new WindowOutput.ToRollup(input), clock.millis()));
    }

    private void toPeriods(String key, PeriodInput input) {
        context.forward(new Record<>(key, new WindowOutput.ToPeriods(input), clock.millis()));
    }
}
