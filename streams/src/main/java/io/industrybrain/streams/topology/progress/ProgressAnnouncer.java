package io.industrybrain.streams.topology.progress;

import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An intake task's side of event-time progress (see the package documentation). Admitted events pass through
 * unchanged; every {@code watermark.interval} of wall clock the task sends a {@link ProgressMarker} with the
 * highest eventTime it has admitted, which the by-enterprise topic copies to every partition. The marker says
 * idle once the task's input partitions have been caught up for {@code intake.idle.after} with nothing admitted.
 * It sits after the intake verdicts, so a rejected record never reaches it and cannot move any watermark.
 */
public final class ProgressAnnouncer implements Processor<String, AdmittedEvent, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressAnnouncer.class);
    private static final long NOT_CAUGHT_UP = Long.MIN_VALUE;

    private final ProgressTimings timings;
    private final InputLag lag;
    private ProcessorContext<String, SpecificRecord> context;
    private int task;
    private String markerKey;
    /** Highest eventTime admitted since the task was (re)initialized; null before the first. */
    private Long maxEventTime;
    /** Wall clock since when the task has been caught up with nothing admitted, or {@link #NOT_CAUGHT_UP}. */
    private long quietSince;
    private boolean idle;

    public ProgressAnnouncer(ProgressTimings timings, InputLag lag) {
        this.timings = timings;
        this.lag = lag;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        // Task 0_p reads partition p of every event topic: the number its events carry as source partition.
        this.task = context.taskId().partition();
        this.markerKey = "progress-" + task;
        // init runs again when Kafka Streams revives the task after an aborted transaction, and the task then
        // re-reads from its last commit: progress made in the aborted transaction must not be announced, or the
        // window stage would close windows the re-read events still belong to.
        this.maxEventTime = null;
        this.quietSince = NOT_CAUGHT_UP;
        this.idle = false;
        context.schedule(timings.markerInterval(), PunctuationType.WALL_CLOCK_TIME, this::announce);
    }

    @Override
    public void process(Record<String, AdmittedEvent> record) {
        long eventTime = record.value().getEventTime();
        if (maxEventTime == null || eventTime > maxEventTime) {
            maxEventTime = eventTime;
        }
        quietSince = NOT_CAUGHT_UP;
        if (idle) {
            idle = false;
            LOG.info("intake task {} admits events again: windows wait for it again", task);
        }
        context.forward(record);
    }

    private void announce(long now) {
        if (!lag.caughtUp(task)) {
            quietSince = NOT_CAUGHT_UP;
        } else if (quietSince == NOT_CAUGHT_UP) {
            quietSince = now;
        }
        boolean quietLongEnough = quietSince != NOT_CAUGHT_UP && now - quietSince >= timings.idleAfter().toMillis();
        if (quietLongEnough != idle) {
            idle = quietLongEnough;
            if (idle) {
                LOG.info("intake task {} idle: caught up with its partitions and nothing admitted for {}; windows no longer"
                        + " wait for it", task, timings.idleAfter());
            } else {
                LOG.info("intake task {} has input again: windows wait for it again", task);
            }
        }
        if (maxEventTime == null && !idle) {
            // Nothing to tell yet: the window stage already waits for a task it has not heard from.
            return;
        }
        context.forward(new Record<>(markerKey, new ProgressMarker(task, maxEventTime, idle), now));
    }
}
