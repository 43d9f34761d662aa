package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.Routed;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.deadletter.DeadLetter;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.WatermarkMarker;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Dead-letters an event whose window has closed (LATE), from the source bytes it carries, where a
 * windowed DSL operator would drop it silently. An event of an open window passes, marked late-in-grace
 * when stream time had already reached its window's end. Checked before duplicates: once a window is
 * closed its duplicate keys are gone, so a late resend is LATE, never a duplicate.
 *
 * <p>The gate also keeps stream time ({@link IntakeProgress}), because LATE must mean what DOMAIN.md says:
 * the event reached Kafka after its window had closed. Events reach this task from every intake task, each
 * reading its own partitions at its own pace; after downtime or during a backfill a light partition's task
 * runs hours ahead of a heavy one's. Had stream time been the highest eventTime received, as in a single
 * ordered stream, the fast task would close windows the slow task was still delivering timely events to,
 * and those would be dead-lettered for our own scheduling. So a window closes only when every intake task
 * that is not idle has got past its end + grace: by its events, or by the markers intake tasks send to
 * every partition precisely so that a task whose events go elsewhere still lets windows here close.
 * Markers stop at the gate; when one moves stream time, the gate passes on a {@link StreamTimeAdvanced} so
 * that the aggregator finalizes the windows it closed.
 */
public final class LateEventGate implements Processor<String, SpecificRecord, String, Routed<WindowInput>> {

    private final WindowGeometry windows;
    private final OutcomeCounters counters;
    private final int intakeTasks;
    private ProcessorContext<String, Routed<WindowInput>> context;
    private StreamTime streamTime;
    private IntakeProgress intake;

    public LateEventGate(WindowGeometry windows, OutcomeCounters counters, int intakeTasks) {
        this.windows = windows;
        this.counters = counters;
        this.intakeTasks = intakeTasks;
    }

    @Override
    public void init(ProcessorContext<String, Routed<WindowInput>> context) {
        this.context = context;
        this.streamTime = new StreamTime(context.getStateStore(TopologyNames.STREAM_TIME_STORE));
        this.intake = new IntakeProgress(context.getStateStore(TopologyNames.STREAM_TIME_STORE), intakeTasks);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof WatermarkMarker marker) {
            long before = streamTime.current();
            long now = intake.markerFrom(marker, record.timestamp());
            if (now != before) {
                context.forward(record.withValue(new Routed.Pass<>(new StreamTimeAdvanced(now))));
            }
            return;
        }
        if (!(record.value() instanceof AdmittedEvent event)) {
            throw new IllegalArgumentException("neither an admitted event nor a watermark marker: " + record.value());
        }
        long windowStart = windows.startOf(event.getEventTime());
        long now = streamTime.current();
        // Recorded after the verdict, which it could not change: the event's own time never closes its own
        // window, and a task's progress only rises past its earlier events'.
        intake.eventFrom(event.getSource().getPartition(), event.getEventTime());
        if (windows.isClosed(windowStart, now)) {
            counters.late(event.getSource().getTopic());
            String error = "window [" + Instant.ofEpochMilli(windowStart) + ", " + Instant.ofEpochMilli(windows.endOf(windowStart))
                    + ") closed: stream time " + Instant.ofEpochMilli(now) + " had passed its end + grace " + windows.grace();
            context.forward(record.withValue(new Routed.Dead<>(DeadLetter.of(event.getSource(), DeadLetterReason.LATE, error))));
            return;
        }
        CandidateEvent candidate = new CandidateEvent(event, windows.isLateInGrace(windowStart, now), false);
        context.forward(record.withValue(new Routed.Pass<>(candidate)));
    }
}
