package io.industrybrain.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The flame summary of a JFR recording, as text: the methods the CPU samples were in (self), the methods on the
 * sampled stacks (total: self plus callees), and where memory was allocated, by allocating method and by class.
 */
final class ProfileSummary {

    private static final int TOP = 25;

    private ProfileSummary() { }

    static String of(Path recording, String title) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> allocatedBy = new HashMap<>();
        Map<String, Long> allocatedClass = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        try {
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    List<RecordedFrame> frames = event.getStackTrace().getFrames();
                    if (frames.isEmpty()) {
                        continue;
                    }
                    samples++;
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        if (seen.add(name(frame))) {
                            total.merge(name(frame), 1L, Long::sum);
                        }
                    }
                } else if (type.equals("jdk.ObjectAllocationSample") && event.getStackTrace() != null
                        && !event.getStackTrace().getFrames().isEmpty()) {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    allocatedBy.merge(name(event.getStackTrace().getFrames().get(0)), weight, Long::sum);
                    allocatedClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + recording, e);
        }
        StringBuilder text = new StringBuilder("# Profile: " + title + "\n\n");
        text.append("JFR (`settings=profile`) of the whole run, ").append(samples).append(" CPU samples, ")
                .append(allocated >> 20).append(" MiB of sampled allocation weight. Recording: `")
                .append(recording.getFileName()).append("` in the run's work directory.\n\n");
        table(text, "Top frames by CPU (self)", "samples", self, samples, value -> value);
        table(text, "Top frames by CPU (total: on the stack)", "samples", total, samples, value -> value);
        table(text, "Top allocating frames", "MiB", allocatedBy, allocated, value -> value >> 20);
        table(text, "Top allocated classes", "MiB", allocatedClass, allocated, value -> value >> 20);
        return text.toString();
    }

    private static void table(StringBuilder text, String heading, String unit, Map<String, Long> counts, long all,
                              ToLongFunction<Long> shown) {
        text.append("## ").append(heading).append("\n\n| ").append(unit).append(" | share | frame |\n|---:|---:|---|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> text.append(String.format("| %,d | %.1f %% | `%s` |%n", shown.applyAsLong(e.getValue()),
                        all == 0 ? 0 : 100.0 * e.getValue() / all, e.getKey())));
        text.append('\n');
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }
}
