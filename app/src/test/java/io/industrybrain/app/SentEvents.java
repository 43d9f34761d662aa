package io.industrybrain.app;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.simulator.EventSink;
import io.industrybrain.simulator.EventTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every record a test's simulator sends, kept aside to recompute the figures of windows (and, through {@link #counted()},
 * of periods) as docs/contract.md defines them, independently of the product: the samples, batches, shifts and
 * heartbeats, and the reference records to roll them up. Put in front of the real sink with {@link #andThen}.
 */
final class SentEvents implements EventSink {

    private final Duration window;
    private final Duration grace;
    private final List<MachineTelemetry> samples = new ArrayList<>();
    /** Wall-clock time each sample was sent, for the contract's "more than 5 minutes ahead of the wall clock". */
    private final List<Instant> sentAt = new ArrayList<>();
    private final List<ProductionOutput> batches = new ArrayList<>();
    private final List<WorkShift> shifts = new ArrayList<>();
    private final List<ProcessHeartbeat> heartbeats = new ArrayList<>();
    private final Map<String, Enterprise> enterprises = new HashMap<>();

    SentEvents(Duration window, Duration grace) {
        this.window = window;
        this.grace = grace;
    }

    @Override public synchronized void enterprise(Enterprise enterprise) { enterprises.put(enterprise.getEnterpriseId(), enterprise); }
    @Override public synchronized void telemetry(MachineTelemetry sample) { samples.add(sample); sentAt.add(Instant.now()); }
    @Override public synchronized void production(ProductionOutput batch) { batches.add(batch); }
    @Override public synchronized void shift(WorkShift shift) { shifts.add(shift); }
    @Override public synchronized void heartbeat(ProcessHeartbeat heartbeat) { heartbeats.add(heartbeat); }
    @Override public void raw(EventTopic topic, String key, byte[] value) { }

    /** This sink, then {@code next}: the simulator sees one sink. */
    EventSink andThen(EventSink next) {
        SentEvents recording = this;
        return new EventSink() {
            @Override public void enterprise(Enterprise enterprise) { recording.enterprise(enterprise); next.enterprise(enterprise); }
            @Override public void telemetry(MachineTelemetry sample) { recording.telemetry(sample); next.telemetry(sample); }
            @Override public void production(ProductionOutput batch) { recording.production(batch); next.production(batch); }
            @Override public void shift(WorkShift shift) { recording.shift(shift); next.shift(shift); }
            @Override public void heartbeat(ProcessHeartbeat heartbeat) { recording.heartbeat(heartbeat); next.heartbeat(heartbeat); }
            @Override public void raw(EventTopic topic, String key, byte[] value) { next.raw(topic, key, value); }
            @Override public void flush() { next.flush(); }
        };
    }

    /**
     * The telemetry figures of every key of every window closed by {@code end} (its end + grace a minute before it), by
     * the key of {@code brain.metrics.final}: the accepted samples (valid, of a known enterprise), each (deviceId, seq)
     * once.
     */
    synchronized Map<String, TelemetryTotals> closedWindowTotals(Instant end) {
        Map<String, List<MachineTelemetry>> byKey = new TreeMap<>();
        for (MachineTelemetry sample : acceptedSamples(duplicate -> { })) {
            forEveryScope(sample.getEnterpriseId(), sample.getEventTime(), end, key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(sample));
        }
        Map<String, TelemetryTotals> totals = new TreeMap<>();
        byKey.forEach((key, inWindow) -> totals.put(key, TelemetryTotals.of(inWindow)));
        return totals;
    }

    /**
     * Σ addedValueCny, Σ outputValueCny and Σ workers × hours of every key of every window closed by {@code end}: the
     * sparse topics' figures, each batch and shift once by its id.
     */
    synchronized Map<String, ValueTotals> closedWindowValues(Instant end) {
        Map<String, double[]> sums = new TreeMap<>();
        for (ProductionOutput batch : firstOfEach(batches, ProductionOutput::getBatchId, duplicate -> { })) {
            forEveryScope(batch.getEnterpriseId(), batch.getEventTime(), end, key -> {
                double[] sum = sums.computeIfAbsent(key, k -> new double[3]);
                sum[0] += batch.getAddedValueCny();
                sum[1] += batch.getOutputValueCny();
            });
        }
        for (WorkShift shift : firstOfEach(shifts, WorkShift::getShiftId, duplicate -> { })) {
            forEveryScope(shift.getEnterpriseId(), shift.getEventTime(), end,
                    key -> sums.computeIfAbsent(key, k -> new double[3])[2] += shift.getWorkers() * shift.getHours());
        }
        Map<String, ValueTotals> totals = new TreeMap<>();
        sums.forEach((key, sum) -> totals.put(key, ValueTotals.of(sum[0], sum[1], sum[2])));
        return totals;
    }

    /** Per ENTERPRISE key of every window closed by {@code end}: its distinct key processes with a digitized heartbeat. */
    synchronized Map<String, Long> closedWindowDigitizedProcesses(Instant end) {
        Map<String, Set<String>> processes = new TreeMap<>();
        for (ProcessHeartbeat heartbeat : heartbeats) {
            String key = enterpriseKey(heartbeat.getEnterpriseId(), heartbeat.getEventTime(), end);
            if (key != null) {
                Set<String> digitized = processes.computeIfAbsent(key, k -> new TreeSet<>());
                if (heartbeat.getDigitized()) {
                    digitized.add(heartbeat.getProcess().name());
                }
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        processes.forEach((key, digitized) -> counts.put(key, (long) digitized.size()));
        return counts;
    }

    synchronized long records() {
        return samples.size() + batches.size() + shifts.size() + heartbeats.size();
    }

    /**
     * Everything sent that the contract counts, to recompute figures over any span: the current reference data, the
     * accepted samples (valid, of a known enterprise), batches and shifts, each (deviceId, seq), batchId and shiftId
     * once, the heartbeats of known enterprises, and the resends dropped as duplicates.
     */
    synchronized Counted counted() {
        List<Resend> resends = new ArrayList<>();
        List<MachineTelemetry> accepted = acceptedSamples(sample -> resends.add(new Resend(sample.getEnterpriseId(), sample.getEventTime())));
        List<ProductionOutput> uniqueBatches = firstOfEach(known(batches, ProductionOutput::getEnterpriseId), ProductionOutput::getBatchId,
                batch -> resends.add(new Resend(batch.getEnterpriseId(), batch.getEventTime())));
        List<WorkShift> uniqueShifts = firstOfEach(known(shifts, WorkShift::getEnterpriseId), WorkShift::getShiftId,
                shift -> resends.add(new Resend(shift.getEnterpriseId(), shift.getEventTime())));
        return new Counted(Map.copyOf(enterprises), accepted, uniqueBatches, uniqueShifts,
                known(heartbeats, ProcessHeartbeat::getEnterpriseId), List.copyOf(resends));
    }

    /** What {@link #counted()} gives. */
    record Counted(Map<String, Enterprise> enterprises, List<MachineTelemetry> samples, List<ProductionOutput> batches,
                   List<WorkShift> shifts, List<ProcessHeartbeat> heartbeats, List<Resend> resends) {
    }

    /** A record dropped as a duplicate: whose, and when it happened, to count it in its window or period. */
    record Resend(String enterpriseId, Instant eventTime) {
    }

    /** The valid samples of known enterprises, the first of each (deviceId, seq); each later one to {@code duplicate}. */
    private List<MachineTelemetry> acceptedSamples(Consumer<MachineTelemetry> duplicate) {
        List<MachineTelemetry> valid = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            MachineTelemetry sample = samples.get(i);
            if (valid(sample, sentAt.get(i)) && enterprises.containsKey(sample.getEnterpriseId())) {
                valid.add(sample);
            }
        }
        return firstOfEach(valid, sample -> sample.getDeviceId() + "#" + sample.getSeq(), duplicate);
    }

    /** The first record of each id, in the order sent; every later one with the same id to {@code duplicate}. */
    private static <T> List<T> firstOfEach(List<T> records, Function<T, String> id, Consumer<T> duplicate) {
        Map<String, T> first = new LinkedHashMap<>();
        for (T record : records) {
            if (first.putIfAbsent(id.apply(record), record) != null) {
                duplicate.accept(record);
            }
        }
        return List.copyOf(first.values());
    }

    private <T> List<T> known(List<T> records, Function<T, String> enterpriseId) {
        return records.stream().filter(record -> enterprises.containsKey(enterpriseId.apply(record))).toList();
    }

    /** The window's ENTERPRISE key of an event, or null when its window is not closed by {@code end}. */
    private String enterpriseKey(String enterpriseId, Instant eventTime, Instant end) {
        Instant start = windowStart(eventTime);
        if (!enterprises.containsKey(enterpriseId) || start.plus(window).plus(grace).isAfter(end.minus(Duration.ofMinutes(1)))) {
            return null;
        }
        return "ENTERPRISE:" + enterpriseId + ":" + start;
    }

    /** Gives an event's key at every scope (enterprise, its chain and region, the province) when its window is closed by {@code end}. */
    private void forEveryScope(String enterpriseId, Instant eventTime, Instant end, Consumer<String> key) {
        if (enterpriseKey(enterpriseId, eventTime, end) == null) {
            return;
        }
        Enterprise enterprise = enterprises.get(enterpriseId);
        Instant start = windowStart(eventTime);
        for (String scope : List.of("ENTERPRISE:" + enterprise.getEnterpriseId(), "INDUSTRY_CHAIN:" + enterprise.getIndustryChain(),
                "REGION:" + enterprise.getRegion(), "PROVINCE:ZJ")) {
            key.accept(scope + ":" + start);
        }
    }

    private Instant windowStart(Instant eventTime) {
        return Instant.ofEpochMilli(Math.floorDiv(eventTime.toEpochMilli(), window.toMillis()) * window.toMillis());
    }

    /** docs/contract.md's ranges for telemetry. */
    private static boolean valid(MachineTelemetry sample, Instant sentAt) {
        return !sample.getDeviceId().isEmpty() && sample.getSampleSeconds() > 0 && sample.getGoodUnits() >= 0
                && sample.getDefectUnits() >= 0 && Double.isFinite(sample.getEnergyKwh()) && sample.getEnergyKwh() >= 0
                && !sample.getEventTime().isAfter(sentAt.plus(Duration.ofMinutes(5)));
    }

    /** The sparse topics' sums of one final, to the cent and the hundredth of a worker-hour. */
    record ValueTotals(long addedValueCents, long outputValueCents, long workerHundredthHours) {

        static ValueTotals of(double addedValueCny, double outputValueCny, double workerHours) {
            return new ValueTotals(Math.round(addedValueCny * 100), Math.round(outputValueCny * 100), Math.round(workerHours * 100));
        }

        /** A window without batches or shifts has no sums (null): none is zero here. */
        static ValueTotals of(MetricRecord metric) {
            return of(orZero(metric.getAddedValueCny()), orZero(metric.getOutputValueCny()), orZero(metric.getWorkerHours()));
        }

        private static double orZero(Double value) {
            return value == null ? 0 : value;
        }
    }
}
