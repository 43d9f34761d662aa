package io.industrybrain.streams.topology.intake;

import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.WatermarkMarker;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the window stage how far this intake task has got. Admitted events pass through unchanged; on a
 * wall-clock interval the task sends a {@link WatermarkMarker} with the highest eventTime it has admitted,
 * which the by-enterprise topic copies to every partition (see {@code LateEventGate} for why the window
 * stage needs it). It sits after the intake verdicts, so a rejected record, a future-dated INVALID one
 * included, never reaches it and cannot move any watermark.
 *
 * <p>A task that has admitted nothing for {@link #IDLE_TIMEOUT} says so in its markers, and windows stop
 * waiting for it: otherwise one event partition that nobody writes to would hold back every final record.
 * Thirty seconds is far longer than any pause of a running gateway fleet, and short enough that a
 * partition left empty delays finals by half a minute at most. The first admitted event ends the idleness.
 *
 * <p>The task's progress lives only in memory: after a restart its markers say nothing until it admits an
 * event or goes idle, and the window stage keeps the progress it had already recorded meanwhile.
 */
public final class IntakeWatermark implements Processor<String, AdmittedEvent, String, SpecificRecord> {

    /** How often a task sends its marker. */
    public static final Duration MARKER_INTERVAL = Duration.ofSeconds(1);
    /** How long a task may admit nothing before windows stop waiting for it. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(IntakeWatermark.class);

    private final Duration interval;
    private final Duration idleTimeout;
    private ProcessorContext<String, SpecificRecord> context;
    private int task;
    private String markerKey;
    /** Highest eventTime admitted since start; null before the first. */
    private Long maxEventTime;
    private long lastAdmittedAt;
    private boolean idle;

    public IntakeWatermark(Duration interval, Duration idleTimeout) {
        this.interval = interval;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        // Task 0_p reads partition p of every event topic: the number its events carry as source partition.
        this.task = context.taskId().partition();
        this.markerKey = "watermark-" + task;
        // init runs again when Kafka Streams revives the task after an aborted transaction, and the task then
        // re-reads from its last commit: progress made in the aborted transaction must not be announced, or
        // the window stage would close windows the re-read events still belong to.
        this.maxEventTime = null;
        this.idle = false;
        this.lastAdmittedAt = context.currentSystemTimeMs();
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::sendMarker);
    }

    @Override
    public void process(Record<String, AdmittedEvent> record) {
        long eventTime = record.value().getEventTime();
        if (maxEventTime == null || eventTime > maxEventTime) {
            maxEventTime = eventTime;
        }
        lastAdmittedAt = context.currentSystemTimeMs();
        if (idle) {
            idle = false;
            LOG.info("intake task {} admits events again: windows wait for it again", task);
        }
        context.forward(record);
    }

    private void sendMarker(long now) {
        if (!idle && now - lastAdmittedAt >= idleTimeout.toMillis()) {
            idle = true;
            LOG.info("intake task {} idle: nothing admitted for {}, windows no longer wait for it", task, idleTimeout);
        }
        if (maxEventTime == null && !idle) {
            // Nothing to tell yet: the window stage already waits for a task it has not heard from.
            return;
        }
        context.forward(new Record<>(markerKey, new WatermarkMarker(task, maxEventTime, idle), now));
    }
}
