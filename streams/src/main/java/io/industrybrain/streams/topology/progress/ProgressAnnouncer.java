package io.industrybrain.streams.topology.progress;

import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An intake task's side of event-time progress (see the package documentation). The task reads partition p of
 * every event topic, and Kafka Streams takes their records in whatever order they are fetched, so one partition can
 * run far ahead of another. The task's progress is therefore the lowest among its partitions that still hold
 * records: for each, the highest eventTime admitted from it; a partition caught up with its end holds nothing back,
 * and when all are caught up the progress is the highest eventTime admitted from any. Each admitted event goes on
 * stamped with that progress ({@code intakeProgress}), and every {@code watermark.interval} of wall clock a
 * {@link ProgressMarker} with it goes to every partition of the by-enterprise topic. The marker says idle once all
 * the task's partitions have been caught up for {@code intake.idle.after} with nothing admitted. It sits after the
 * intake verdicts, so a rejected record never reaches it and cannot move any watermark.
 */
public final class ProgressAnnouncer implements Processor<String, AdmittedEvent, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressAnnouncer.class);
    private static final long NOT_QUIET = Long.MIN_VALUE;

    private final ProgressTimings timings;
    private final InputLag lag;
    private final List<String> eventTopics;
    private ProcessorContext<String, SpecificRecord> context;
    private int task;
    private String markerKey;
    /** Per event topic (in {@link #eventTopics} order): the highest eventTime admitted from this task's partition. */
    private Long[] admitted;
    /** Per event topic: whether this task's partition was caught up when last asked (every marker interval). */
    private boolean[] caughtUp;
    /** The progress announced so far: only ever rises. Null before it is known. */
    private Long progress;
    /** Wall clock since when every partition has been caught up with nothing admitted, or {@link #NOT_QUIET}. */
    private long quietSince;
    private boolean idle;

    public ProgressAnnouncer(ProgressTimings timings, InputLag lag, List<String> eventTopics) {
        this.timings = timings;
        this.lag = lag;
        this.eventTopics = List.copyOf(eventTopics);
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
        this.admitted = new Long[eventTopics.size()];
        this.caughtUp = new boolean[eventTopics.size()];
        this.progress = null;
        this.quietSince = NOT_QUIET;
        this.idle = false;
        askLag();
        context.schedule(timings.markerInterval(), PunctuationType.WALL_CLOCK_TIME, this::announce);
    }

    @Override
    public void process(Record<String, AdmittedEvent> record) {
        AdmittedEvent event = record.value();
        int topic = eventTopics.indexOf(event.getSource().getTopic());
        if (admitted[topic] == null || event.getEventTime() > admitted[topic]) {
            admitted[topic] = event.getEventTime();
        }
        quietSince = NOT_QUIET;
        if (idle) {
            idle = false;
            LOG.info("intake task {} admits events again: windows wait for it again", task);
        }
        event.setIntakeProgress(advance());
        context.forward(record);
    }

    private void announce(long now) {
        askLag();
        boolean allCaughtUp = true;
        for (boolean partition : caughtUp) {
            allCaughtUp &= partition;
        }
        if (!allCaughtUp) {
            quietSince = NOT_QUIET;
        } else if (quietSince == NOT_QUIET) {
            quietSince = now;
        }
        boolean quietLongEnough = quietSince != NOT_QUIET && now - quietSince >= timings.idleAfter().toMillis();
        if (quietLongEnough != idle) {
            idle = quietLongEnough;
            if (idle) {
                LOG.info("intake task {} idle: caught up with its partitions and nothing admitted for {}; windows no longer"
                        + " wait for it", task, timings.idleAfter());
            } else {
                LOG.info("intake task {} has input again: windows wait for it again", task);
            }
        }
        // Sent even before any progress is known: "not idle" makes the next stage wait for this task again, where its
        // last word (before a restart, or from the instance the task moved from) may have been "idle".
        context.forward(new Record<>(markerKey, new ProgressMarker(task, advance(), idle), now));
    }

    private void askLag() {
        for (int topic = 0; topic < eventTopics.size(); topic++) {
            caughtUp[topic] = lag.caughtUp(eventTopics.get(topic), task);
        }
    }

    /**
     * The task's progress: the lowest of the partitions that still hold records, or, when all are caught up, the
     * highest eventTime admitted; unchanged while a partition with records has admitted nothing yet.
     */
    private Long advance() {
        Long lowestHolding = null;
        Long highest = null;
        for (int topic = 0; topic < admitted.length; topic++) {
            Long time = admitted[topic];
            if (time != null && (highest == null || time > highest)) {
                highest = time;
            }
            if (!caughtUp[topic]) {
                if (time == null) {
                    return progress;
                }
                lowestHolding = lowestHolding == null ? time : Math.min(lowestHolding, time);
            }
        }
        Long candidate = lowestHolding != null ? lowestHolding : highest;
        if (candidate != null && (progress == null || candidate > progress)) {
            progress = candidate;
        }
        return progress;
    }
}
