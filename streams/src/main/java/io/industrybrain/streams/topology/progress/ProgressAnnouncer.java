package io.industrybrain.streams.topology.progress;

import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An intake task's side of event-time progress (see the package documentation). The task reads partition p of
 * every event topic, and Kafka Streams takes their records in whatever order they are fetched, so one partition can
 * run far ahead of another. The task's progress is therefore the lowest among its partitions that hold it: for each,
 * the highest eventTime admitted from it. A partition holds until {@link InputLag} shows it consumed to its end, with
 * nothing admitted from it, over {@code intake.idle.after}; it is then released, and holds again from its next
 * admitted event. When every partition is released the progress is the highest eventTime admitted from any. Each
 * admitted event goes on stamped with that progress ({@code intakeProgress}), and every {@code watermark.interval} of
 * wall clock a {@link ProgressMarker} with it goes to every partition of the by-enterprise topic, saying idle once
 * every partition is released and nothing has been admitted for {@code intake.idle.after}. It sits after the intake
 * verdicts, so a rejected record never reaches it and cannot move any watermark.
 */
public final class ProgressAnnouncer implements Processor<String, AdmittedEvent, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressAnnouncer.class);

    private final ProgressTimings timings;
    private final long idleAfter;
    private final InputLag lag;
    private final List<String> eventTopics;
    private ProcessorContext<String, SpecificRecord> context;
    private int task;
    private String markerKey;
    /** Per event topic (in {@link #eventTopics} order): the highest eventTime admitted from this task's partition. */
    private Long[] admitted;
    /** {@link #admitted}, kept with the task's state, so that it survives a restart as far as it was committed. */
    private KeyValueStore<String, Long> admittedStore;
    /**
     * Per event topic: the wall clock ({@link InputLag#now()}) from which the partition's quiet counts: the task's
     * start, the partition's latest admitted event, or the moment another released partition admitted again.
     */
    private long[] quietFrom;
    /** Per event topic: whether the partition no longer holds the task's progress back. */
    private boolean[] released;
    /** The latest answer of {@link #lag}, asked every marker interval. */
    private InputLag.Answer answer;
    /** Kafka Streams' time of the latest admitted event (or of the task's start), against its punctuations' time. */
    private long lastAdmitted;
    /** The progress announced so far: only ever rises. Null before it is known. */
    private Long progress;
    private boolean idle;

    public ProgressAnnouncer(ProgressTimings timings, InputLag lag, List<String> eventTopics) {
        this.timings = timings;
        this.idleAfter = timings.idleAfter().toMillis();
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
        // window stage would close windows the re-read events still belong to. The store is back at that commit too,
        // and holds what the committed events had admitted: a task restarted with nothing left to read still announces
        // how far its input went, and the windows it reached still close.
        this.admittedStore = context.getStateStore(TopologyNames.INTAKE_PROGRESS_STORE);
        this.admitted = new Long[eventTopics.size()];
        for (int topic = 0; topic < admitted.length; topic++) {
            admitted[topic] = admittedStore.get(eventTopics.get(topic));
        }
        this.quietFrom = new long[eventTopics.size()];
        this.released = new boolean[eventTopics.size()];
        this.answer = lag.latest();
        everyQuietFrom(lag.now());
        this.lastAdmitted = context.currentSystemTimeMs();
        this.progress = null;
        this.idle = false;
        context.schedule(timings.markerInterval(), PunctuationType.WALL_CLOCK_TIME, this::announce);
    }

    @Override
    public void process(Record<String, AdmittedEvent> record) {
        AdmittedEvent event = record.value();
        int topic = eventTopics.indexOf(event.getSource().getTopic());
        if (admitted[topic] == null || event.getEventTime() > admitted[topic]) {
            admitted[topic] = event.getEventTime();
            admittedStore.put(eventTopics.get(topic), event.getEventTime());
        }
        long now = lag.now();
        lastAdmitted = context.currentSystemTimeMs();
        if (released[topic]) {
            // Input that reaches one quiet partition may be reaching the others too (an import starting, a gateway's
            // buffer released), a producer's batching a moment behind: each must show its quiet again from now.
            everyQuietFrom(now);
        } else {
            quietFrom[topic] = now;
            released[topic] = quietLongEnough(topic, now);
        }
        if (idle) {
            idle = false;
            LOG.info("intake task {} admits events again: windows wait for it again", task);
        }
        event.setIntakeProgress(advance());
        context.forward(record);
    }

    private void announce(long now) {
        answer = lag.latest();
        long lagNow = lag.now();
        boolean allReleased = true;
        for (int topic = 0; topic < released.length; topic++) {
            released[topic] = quietLongEnough(topic, lagNow);
            allReleased &= released[topic];
        }
        boolean quiet = allReleased && now - lastAdmitted >= idleAfter;
        if (quiet != idle) {
            idle = quiet;
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

    /** Every partition's quiet counts from {@code now}: each is released only if the latest answer already shows it. */
    private void everyQuietFrom(long now) {
        Arrays.fill(quietFrom, now);
        for (int topic = 0; topic < released.length; topic++) {
            released[topic] = quietLongEnough(topic, now);
        }
    }

    /**
     * Whether the latest answer shows the partition consumed to its end over {@code intake.idle.after} since its quiet
     * began. An answer older than that proves nothing about now: a stalled look-up releases nothing. Asked for every
     * admitted event, so the answer's partition is looked up only when the times leave the question open.
     */
    private boolean quietLongEnough(int topic, long now) {
        if (answer.at() < now - idleAfter || quietFrom[topic] > answer.at() - idleAfter) {
            return false;
        }
        long since = answer.caughtUpSince(eventTopics.get(topic), task);
        return since != InputLag.Answer.NOT_CAUGHT_UP && since <= answer.at() - idleAfter;
    }

    /**
     * The task's progress: the lowest of the partitions that hold it, or, when all are released, the highest eventTime
     * admitted; unchanged while a holding partition has admitted nothing yet.
     */
    private Long advance() {
        Long lowestHolding = null;
        Long highest = null;
        for (int topic = 0; topic < admitted.length; topic++) {
            Long time = admitted[topic];
            if (time != null && (highest == null || time > highest)) {
                highest = time;
            }
            if (!released[topic]) {
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
