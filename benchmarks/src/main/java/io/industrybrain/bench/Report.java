package io.industrybrain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's results: {@code <date>-<name>.json} (at the top level {@code machine}, {@code devices},
 * {@code pipeline_events_per_s}, {@code ceiling_events_per_s}, {@code pipeline_to_ceiling} of the first shape,
 * then every shape and the fleet-size series), {@code <date>-<name>.md} with the same as tables, printed too, and
 * one {@code <date>-<name>-profile-<shape>.md} per shape.
 */
final class Report {

    private final BenchOptions options;
    private final Map<String, Object> machine;
    private final List<ShapeResult> shapes = new ArrayList<>();
    private final Map<String, String> profiles = new LinkedHashMap<>();
    private final List<Map.Entry<BenchOptions.Shape, RunResult>> scaling = new ArrayList<>();

    Report(BenchOptions options, Map<String, Object> machine) {
        this.options = options;
        this.machine = machine;
    }

    void shape(ShapeResult result) {
        shapes.add(result);
    }

    void profile(BenchOptions.Shape shape, String summary) {
        profiles.put(shape.name(), summary);
    }

    void scaling(BenchOptions.Shape fleet, RunResult pipeline) {
        scaling.add(Map.entry(fleet, pipeline));
    }

    void write(Path dir, LocalDate date, double seconds) {
        String base = date + "-" + options.name();
        try {
            Files.createDirectories(dir);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            json.writeValue(dir.resolve(base + ".json").toFile(), json(seconds));
            String table = markdown(base);
            Files.writeString(dir.resolve(base + ".md"), table);
            for (Map.Entry<String, String> profile : profiles.entrySet()) {
                Files.writeString(dir.resolve(base + "-profile-" + profile.getKey() + ".md"), profile.getValue());
            }
            System.out.println();
            System.out.println(table);
            System.out.println("written to " + dir.resolve(base + ".json") + " and .md, profiles beside them");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> json(double seconds) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("name", options.name());
        top.put("machine", machine);
        top.put("bench_seconds", Math.round(seconds));
        ShapeResult headline = shapes.get(0);
        top.put("devices", headline.data().shape().devices());
        top.put("pipeline_events_per_s", Math.round(headline.pipelineRate()));
        top.put("ceiling_events_per_s", Math.round(headline.ceilingRate()));
        top.put("pipeline_to_ceiling", headline.pipelineToCeiling());
        top.put("settings", Map.of("event_time", options.eventTime().toString(), "heap", options.heap(),
                "stream_threads", options.streamThreads(), "partitions", options.partitions(), "max_run", options.maxRun().toString()));
        List<Map<String, Object>> all = new ArrayList<>();
        for (ShapeResult shape : shapes) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("shape", shape.data().shape().name());
            s.put("enterprises", shape.data().shape().enterprises());
            s.put("devices_per_enterprise", shape.data().shape().devicesPerEnterprise());
            s.put("devices", shape.data().shape().devices());
            s.put("events", shape.data().events());
            List<Map<String, Object>> runs = new ArrayList<>();
            shape.runs().forEach(r -> runs.add(r.json(shape.ceilingRate())));
            s.put("runs", runs);
            s.put("pipeline_to_ceiling", shape.pipelineToCeiling());
            s.put("latency_load_events_per_s", Math.round(shape.latencyLoad()));
            s.put("latency_at_half_load", shape.latency());
            s.put("restore_s", shape.restore() == null ? null : RunResult.round(shape.restore().toMillis() / 1000.0, 1));
            all.add(s);
        }
        top.put("shapes", all);
        List<Map<String, Object>> fleet = new ArrayList<>();
        for (ShapeResult shape : shapes) {
            fleet.add(Map.of("devices", shape.data().shape().devices(), "events_per_s", Math.round(shape.pipelineRate())));
        }
        for (Map.Entry<BenchOptions.Shape, RunResult> point : scaling) {
            fleet.add(Map.of("devices", point.getKey().devices(), "events_per_s", Math.round(point.getValue().eventsPerSecond())));
        }
        top.put("settled_by_fleet_size", fleet);
        return top;
    }

    private String markdown(String base) {
        StringBuilder md = new StringBuilder("# Benchmark " + base + "\n\n");
        md.append("Machine: ").append(machine.get("cores")).append(" cores (").append(machine.get("cpu")).append("), ")
                .append(machine.get("memory_gib")).append(" GiB, ").append(machine.get("java")).append(", Kafka ")
                .append(machine.get("kafka")).append("; ").append(machine.get("broker")).append(". Each run from a cold start over ")
                .append(options.eventTime()).append(" of event time, heap -Xmx").append(options.heap()).append(", ")
                .append(options.streamThreads()).append(" stream thread(s), ").append(options.partitions()).append(" partitions.\n\n");
        md.append("| shape | run | events | settled/s | to ceiling (b) | CPU s / M events | peak heap MiB | live heap MiB | peak RSS MiB | state MiB |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ShapeResult shape : shapes) {
            for (RunResult run : shape.runs()) {
                md.append(String.format("| %s | %s%s | %,d | %,.0f | %.2f | %.1f | %d | %d | %d | %d |%n", shape.data().shape().name(),
                        run.run(), run.complete() ? "" : " (incomplete: " + String.format("%,d", run.settled()) + " settled)",
                        run.events(), run.eventsPerSecond(), shape.ceilingRate() > 0 ? run.eventsPerSecond() / shape.ceilingRate() : Double.NaN,
                        run.cpuSecondsPerMillion(), run.usage().peakHeapBytes() >> 20, run.usage().peakLiveHeapBytes() >> 20,
                        run.usage().peakResidentBytes() >> 20, run.stateBytes() >> 20));
            }
        }
        md.append("\n| shape | load events/s | scope | updates | p50 ms | p99 ms | max ms | restore s |\n|---|---:|---|---:|---:|---:|---:|---:|\n");
        for (ShapeResult shape : shapes) {
            shape.latency().forEach((scope, row) -> md.append(String.format("| %s | %,.0f | %s | %s | %s | %s | %s | %s |%n",
                    shape.data().shape().name(), shape.latencyLoad(), scope, row.get("updates"), row.get("p50_ms"), row.get("p99_ms"),
                    row.get("max_ms"), shape.restore() == null ? "" : String.format("%.1f", shape.restore().toMillis() / 1000.0))));
        }
        md.append("\n| devices | pipeline settled/s |\n|---:|---:|\n");
        List<Map.Entry<Long, Double>> points = new ArrayList<>();
        shapes.forEach(s -> points.add(Map.entry(s.data().shape().devices(), s.pipelineRate())));
        scaling.forEach(p -> points.add(Map.entry(p.getKey().devices(), p.getValue().eventsPerSecond())));
        points.sort(Map.Entry.comparingByKey());
        points.forEach(p -> md.append(String.format("| %,d | %,.0f |%n", p.getKey(), p.getValue())));
        return md.toString();
    }
}
