package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.Routed;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.deadletter.DeadLetter;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Dead-letters an event whose window has closed (LATE), from the source bytes it carries, where a
 * windowed DSL operator would drop it silently. An event of an open window passes, marked late-in-grace
 * when stream time had already reached its window's end. Checked before duplicates: once a window is
 * closed its duplicate keys are gone, so a late resend is LATE, never a duplicate.
 */
public final class LateEventGate implements Processor<String, AdmittedEvent, String, Routed<CandidateEvent>> {

    private final WindowGeometry windows;
    private final OutcomeCounters counters;
    private ProcessorContext<String, Routed<CandidateEvent>> context;
    private StreamTime streamTime;

    public LateEventGate(WindowGeometry windows, OutcomeCounters counters) {
        this.windows = windows;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, Routed<CandidateEvent>> context) {
        this.context = context;
        this.streamTime = new StreamTime(context.getStateStore(TopologyNames.STREAM_TIME_STORE));
    }

    @Override
    public void process(Record<String, AdmittedEvent> record) {
        AdmittedEvent event = record.value();
        long windowStart = windows.startOf(event.getEventTime());
        long now = streamTime.current();
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
