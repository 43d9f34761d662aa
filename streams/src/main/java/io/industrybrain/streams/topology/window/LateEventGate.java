package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.Routed;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.deadletter.DeadLetter;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.ledger.SettledOutcomes;
import io.industrybrain.streams.topology.progress.SourceProgress;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keeps the window stage's stream time, the watermark over the intake tasks ({@link SourceProgress}, see the
 * package {@code progress} for why it is not the highest eventTime seen), and dead-letters an event whose window
 * has closed (LATE), from the source bytes it carries, where a windowed DSL operator would drop it silently. An
 * event of an open window passes, marked late-in-grace when stream time had already reached its window's end.
 * Checked before duplicates: once a window is closed its state is gone, so a late resend is LATE, never a
 * duplicate. Markers stop here; when one moves stream time, a {@link StreamTimeAdvanced} goes on so that the
 * aggregator closes the windows it closed.
 */
public final class LateEventGate implements Processor<String, SpecificRecord, String, Routed<WindowInput>> {

    private final WindowGeometry windows;
    private final OutcomeCounters counters;
    private final int intakeTasks;
    private final Duration idleAfter;
    private ProcessorContext<String, Routed<WindowInput>> context;
    private SourceProgress intake;
    private SettledOutcomes outcomes;

    /** @param idleAfter {@code intake.idle.after}: how long an intake task's idle word is doubted after another's ended */
    public LateEventGate(WindowGeometry windows, OutcomeCounters counters, int intakeTasks, Duration idleAfter) {
        this.windows = windows;
        this.counters = counters;
        this.intakeTasks = intakeTasks;
        this.idleAfter = idleAfter;
    }

    @Override
    public void init(ProcessorContext<String, Routed<WindowInput>> context) {
        this.context = context;
        // Built again when a task is revived after an aborted transaction: the store is back at the last commit.
        this.intake = new SourceProgress(context.getStateStore(TopologyNames.WINDOW_PROGRESS_STORE), intakeTasks, "window stage", idleAfter);
        this.outcomes = new SettledOutcomes(context, counters);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        long before = intake.low();
        if (record.value() instanceof ProgressMarker marker) {
            intake.marker(marker, record.timestamp(), context.currentSystemTimeMs());
            long now = advanced(before);
            if (now != before) {
                context.forward(record.withValue(new Routed.Pass<>(new StreamTimeAdvanced(now))));
            }
            return;
        }
        if (!(record.value() instanceof AdmittedEvent event)) {
            throw new IllegalArgumentException("neither an admitted event nor a progress marker: " + record.value());
        }
        long windowStart = windows.startOf(event.getEventTime());
        // Recorded after the verdict, which it could not change: the progress an event carries never closes its
        // own window. It is its intake task's progress over all its partitions, not the event's own time, which
        // may be hours ahead of a partition of the same task still catching up.
        if (event.getIntakeProgress() != null) {
            intake.observed(event.getSource().getPartition(), event.getIntakeProgress(), context.currentSystemTimeMs());
        }
        long now = advanced(before);
        if (windows.isClosed(windowStart, before)) {
            outcomes.late(event.getSource());
            String error = "window [" + Instant.ofEpochMilli(windowStart) + ", " + Instant.ofEpochMilli(windows.endOf(windowStart))
                    + ") closed: stream time " + Instant.ofEpochMilli(before) + " had passed its end + grace " + windows.grace();
            context.forward(record.withValue(new Routed.Dead<>(DeadLetter.of(event.getSource(), DeadLetterReason.LATE, error))));
            return;
        }
        context.forward(record.withValue(new Routed.Pass<>(new CandidateEvent(event, windows.isLateInGrace(windowStart, before), now))));
    }

    /** Stream time now; saved whenever it closes another window, so that a closed window stays closed after a restart. */
    private long advanced(long before) {
        long now = intake.low();
        if (now != before && windows.lastClosedStart(now) != windows.lastClosedStart(before)) {
            intake.persist();
        }
        return now;
    }
}
