/**
 * Event-time progress: how a stage knows that none of its sources can still send it a record of a window, so
 * that it may close the window. Used by both hops of the topology, with one record ({@code ProgressMarker}),
 * one store layout ({@link io.industrybrain.streams.topology.progress.SourceProgress}) and one rule.
 *
 * <h2>Why a stage cannot use the highest time it has seen</h2>
 * A window-stage task receives events from every intake task (task p reads partition p of each event topic),
 * and the intake tasks do not keep pace: catching up on a backlog, a task with light partitions runs hours ahead
 * of one with heavy telemetry. Were a window closed on the highest eventTime received, as within one ordered
 * partition, the fast task would close windows the slow one is still delivering timely events to, and those would
 * be dead-lettered as LATE although they reached Kafka in time; the contract's LATE means the event arrived after its
 * window closed, not that one of our own tasks was slower. Likewise a roll-up task receives the records of every
 * window-stage partition, and a window is final only once every one of them has closed it.
 *
 * <h2>The rule</h2>
 * Each source tells every partition of the next stage how far it has got, in a {@code ProgressMarker} copied to
 * every partition of the topic between them ({@link io.industrybrain.streams.topology.progress.Broadcast}). A
 * marker goes out after the source's earlier records, through the same producer in the same transaction, so on
 * every partition it follows them and never vouches for a record still on its way, nor for one of an aborted
 * transaction. A receiving task's watermark ({@link io.industrybrain.streams.topology.progress.SourceProgress#low})
 * is the lowest progress among its sources that are not idle, and it never goes back; until every expected source
 * has reported (or said it is idle) it is unknown and nothing closes.
 * <ul>
 *   <li><b>Intake to window stage.</b> Sources are the intake tasks. A task reads partition p of every event topic,
 *       in whatever order Kafka Streams fetches them, so its progress is kept per partition: the highest eventTime
 *       admitted from each, and the task's progress is the lowest among its partitions that hold it (see "Released
 *       partitions" below; when none holds, the highest admitted). It travels stamped on every event
 *       ({@code intakeProgress}) and in the marker the task sends every {@code watermark.interval}
 *       ({@link io.industrybrain.streams.topology.progress.ProgressAnnouncer}). Only admitted events count, so a
 *       rejected record or a gateway with a wrong clock closes no one's window, and a heartbeat topic racing ahead of
 *       the telemetry through a backlog does not close the telemetry's windows. The window stage closes a window
 *       [s, e) once its watermark reaches e + grace.</li>
 *   <li><b>Window stage to roll-up stage.</b> Sources are the window-stage partitions; progress is the start of the
 *       latest window a partition has closed, sent after that window's records. A roll-up window is final once the
 *       watermark, the window closed everywhere, has reached it. Every window-stage partition hears every intake
 *       task's markers, so each closes windows even when none of its own enterprises reported.</li>
 * </ul>
 *
 * <h2>Quiet is shown, over {@code intake.idle.after}, by Kafka's offsets</h2>
 * A partition or a task may stop holding windows back only when Kafka's offsets show it has nothing left to deliver,
 * and have shown so for {@code intake.idle.after}. The evidence is {@link io.industrybrain.streams.topology.progress.InputLag}:
 * every {@code watermark.interval} the application asks the cluster for its committed offsets and the partitions'
 * end offsets, and keeps, per partition, since when an unbroken run of answers has found it consumed to its end;
 * each answer is stamped with when it was asked, and says nothing of what was written after. Silence alone proves
 * nothing: however long a task is starved of processing while its partitions still hold records (a busy thread
 * catching up, a rebalance, a slow disk), it holds. (Kafka Streams' own task idling decides from the consumer's
 * known lag in the same way, KIP-695; Flink keeps a split's watermark at its last event until it has been idle for
 * a timeout.)
 *
 * <p><b>Released partitions.</b> An intake task's partition holds the task's progress at the highest eventTime
 * admitted from it until the answers show it consumed to its end over {@code intake.idle.after}, counted from its
 * last admitted event; it is then released, and holds again from its next admitted event. The admission is stamped
 * with the clock the answers are stamped with ({@link io.industrybrain.streams.topology.progress.InputLag#now()}):
 * Kafka Streams' cached time, on a busy stream thread, reads seconds old. An answer older than
 * {@code intake.idle.after} releases nothing (the look-up may have stalled), and a partition that has admitted
 * nothing yet holds the task's progress where it is. When a released partition admits again, every other partition
 * of the task must show its quiet again from that moment: the input that reached one (an import beginning, a
 * gateway releasing its buffer) may be reaching the others a producer's batch later.
 *
 * <p>Why over a span, not at one look (found with an import, 2026-12-07): a gateway that releases hours of buffered
 * data, or a plant importing its historian, writes every topic in event-time order as fast as Kafka takes it, so a
 * few milliseconds of wall clock are an hour of event time. Between two of the producer's batches a partition of a
 * sparse topic (batches, shifts, heartbeats) is consumed to its end for a moment, and a look at that moment found it
 * caught up. When a caught-up partition held nothing back at once, the task's progress jumped to its telemetry, hours
 * ahead of the batch the sparse partition was about to deliver, and that batch was LATE: three days of a small fleet sent
 * by a Python gateway beside a busy CPU lost 2,124 of 3,888 samples so, and {@code ImportIT} 73 of 626 batches (the
 * busier the machine, the more). Held until
 * quiet over {@code intake.idle.after}, a partition lets a producer's skew of up to that long through; the cost is
 * that a sparse partition of a live fleet holds its task's progress for {@code intake.idle.after} after each of its
 * events, and windows close that much later.
 *
 * <p><b>Idle tasks.</b> An intake task says it is idle, and is then not waited for, once all its partitions are
 * released and it has admitted nothing for {@code intake.idle.after}; so an event partition nobody writes to does not
 * hold back every final. Its next admitted event ends the idleness; an event that arrives at an idle, caught-up
 * partition after its window closed everywhere else is then LATE, which is what it is. When every source is idle,
 * every one is caught up and nothing is on its way: the watermark is then the highest progress among them, as in one
 * ordered partition, so a batch that ends on some partitions only still closes its windows.
 *
 * <p>Idleness is a statement about now, so it does not last unconfirmed. An idle task says it again every
 * {@code watermark.interval}; a task that has not said it since is waited for at its last progress. So after a
 * receiving task restarts, every source is waited for until it speaks again, and when one idle source admits again
 * (heard from its event or its marker, whichever comes first: its events go to its enterprises' partitions, its
 * markers to all), the other idle ones are waited for until they say once more that they are idle in a marker sent at least
 * {@code intake.idle.after} later, when their own look at their input is newer than the input that woke the first:
 * input that ends one source's idleness (a backlog after an outage, an import, the next batch after a pause) may be
 * reaching the others too, and one of them may not have processed its share yet (busy, still starting, moving to
 * another instance). Without that, the first task to admit a backlog would close windows the others were about to
 * deliver timely events to (found by {@code TwoInstancesIT}). An announcer with no progress yet still says "not idle"
 * every interval, which undoes an idle word it left before a restart or on the instance it moved from.
 *
 * <h2>State</h2>
 * Each receiving task keeps its sources' progress in one store (source -> its latest marker), written when a
 * marker arrives, and the watermark itself, written whenever it closes a window: after a restart the task waits
 * for the sources it waited for, and for the idle ones until they say so again, and a window once closed stays closed. Progress seen in events between
 * markers lives only in memory; after a restart the next markers bring it back. An announcer keeps the highest
 * eventTime admitted from each of its partitions in a store of its task ({@code intake-progress}), committed with the
 * offsets of the events it counts, and reads it when Kafka Streams (re)initializes the task: progress of an aborted
 * transaction is never announced (the store is back at the last commit), and a task restarted with nothing left to
 * read still announces how far its input went, so the windows its last events reached close. Its partitions start
 * holding again and are released by their quiet, as at any start. ({@code PeriodsIT} found the task that started
 * from nothing: killed after it had committed an import's last events, it announced "idle, progress unknown", and
 * the last windows of the import never closed.)
 */
package io.industrybrain.streams.topology.progress;
