package io.industrybrain.streams.topology.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.InternalAvroSerde;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.intake.DecodedReferenceTable;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.DeviceWindowState;
import io.industrybrain.streams.topology.internal.DevicePeriodState;
import io.industrybrain.streams.topology.internal.EnterprisePeriodState;
import io.industrybrain.streams.topology.PeriodCalendar;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import io.industrybrain.streams.topology.internal.MetricSums;
import io.industrybrain.streams.topology.internal.SourceRecord;
import io.industrybrain.topics.TopicNames;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The window stage's store work per event does not grow with the enterprise's devices: the aggregator alone, on
 * in-memory stores wrapped to count every call, counts a second round of samples of an enterprise of 10 devices and
 * one of 1,000, with the production update interval (1 s, so nothing is emitted while counting).
 */
class StoreWorkPerEventTest {

    private static final Instant TEN = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aSampleCostsTheSameStoreCallsForTenDevicesAsForAThousand() {
        Map<String, Integer> ten = callsPerSampleOfTheSecondRound(10);
        Map<String, Integer> thousand = callsPerSampleOfTheSecondRound(1_000);
        // Each sample writes its enterprise's sums (read from memory while an update of them is pending, as here: no
        // update interval passes), reads and writes its device's record, and writes its outcome to the ledger
        assertEquals(Map.of("enterprise-windows.put", 1, "device-windows.get", 1, "device-windows.put", 1,
                "window-outcomes.put", 1), ten);
        assertEquals(ten, thousand);
    }

    /** Store calls per sample, by store and method, over the second sample of every device (seq 2). */
    private static Map<String, Integer> callsPerSampleOfTheSecondRound(int devices) {
        MockProcessorContext<String, WindowOutput> context = new MockProcessorContext<>();
        Map<String, Integer> calls = new TreeMap<>();
        KeyValueStore<String, Enterprise> enterprises = counted(context, calls, TopologyNames.ENTERPRISES_STORE,
                InternalAvroSerde.of(Enterprise.class));
        counted(context, calls, TopologyNames.ENTERPRISE_WINDOWS_STORE,
                InternalAvroSerde.of(EnterpriseWindowState.class));
        counted(context, calls, TopologyNames.DEVICE_WINDOWS_STORE,
                InternalAvroSerde.of(DeviceWindowState.class));
        counted(context, calls, TopologyNames.SEEN_IDS_STORE, Serdes.Long());
        counted(context, calls, TopologyNames.PARTIALS_SENT_STORE, InternalAvroSerde.of(MetricSums.class));
        counted(context, calls, TopologyNames.WINDOW_OUTCOMES_STORE, Serdes.Long());
        counted(context, calls, TopologyNames.ENTERPRISE_PERIODS_STORE, InternalAvroSerde.of(EnterprisePeriodState.class));
        counted(context, calls, TopologyNames.DEVICE_PERIODS_STORE, InternalAvroSerde.of(DevicePeriodState.class));
        enterprises.put("E1", Events.enterprise("E1", "IC", "HZ", true, 100));
        TopologySettings settings = TopologySettings.defaults(new TopicNames(""));
        WindowGeometry windows = new WindowGeometry(settings.window(), settings.grace());
        EnterpriseWindowAggregator aggregator = new EnterpriseWindowAggregator(windows, new EnterpriseWindowAccumulator(),
                new EnterpriseMetricsCalculator(settings), new OutcomeCounters(), new OpenWindows(), new DecodedReferenceTable<>(), Clock.fixed(TEN, ZoneOffset.UTC),
                Duration.ofSeconds(1), new PeriodCalendar(settings.periodZone()));
        aggregator.init(context);
        for (int device = 0; device < devices; device++) {
            aggregator.process(sample(device, 1));
        }
        calls.clear();
        for (int device = 0; device < devices; device++) {
            aggregator.process(sample(device, 2));
        }
        Map<String, Integer> perSample = new TreeMap<>();
        calls.forEach((call, count) -> {
            assertEquals(0, count % devices, () -> call + " was called " + count + " times for " + devices + " samples");
            perSample.put(call, count / devices);
        });
        return perSample;
    }

    private static Record<String, WindowInput> sample(int device, long seq) {
        MachineTelemetry sample = Events.sample("D" + device, "E1", seq, TEN.plusSeconds(60 * seq));
        AdmittedEvent event = new AdmittedEvent("E1", sample.getEventTime().toEpochMilli(), null, sample, SourceRecord.newBuilder()
                .setTopic("brain.telemetry").setPartition(0).setOffset(seq).setTimestamp(0).setHeaders(List.of()).build());
        return new Record<>("E1", new CandidateEvent(event, false, sample.getEventTime().toEpochMilli()), 0L);
    }

    /** An in-memory store whose every call is counted as {@code <step>.<method>}; added to the context. */
    @SuppressWarnings("unchecked")
    private static <V> KeyValueStore<String, V> counted(MockProcessorContext<?, ?> context, Map<String, Integer> calls, String name,
                                                        Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        String step = name.substring(TopologyNames.TOPOLOGY.length() + 1, name.length() - "-store".length());
        KeyValueStore<String, V> wrapped = (KeyValueStore<String, V>) Proxy.newProxyInstance(StoreWorkPerEventTest.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (List.of("get", "put", "delete", "range", "all", "prefixScan", "putAll", "putIfAbsent").contains(method.getName())) {
                        calls.merge(step + "." + method.getName(), 1, Integer::sum);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        context.addStateStore(wrapped);
        return wrapped;
    }
}
