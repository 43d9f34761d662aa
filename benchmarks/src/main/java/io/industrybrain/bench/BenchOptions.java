package io.industrybrain.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The flags of {@code ./brain bench}. Without flags: the full province benchmark (two shapes, every run);
 * {@code --quick}: one small shape, for a result in a few minutes.
 *
 * @param name                 the name of the result files, {@code bench/results/<date>-<name>.json}
 * @param shapes               the fleets measured side by side with the ceilings
 * @param scalingFleets        extra fleets the pipeline alone runs over, for the settled rate against fleet size
 * @param eventTime            how much event time each preloaded data set spans
 * @param maxRun               a run that has not settled its input by then is stopped and reported as incomplete
 * @param latencyLoad          how long the steady load of the latency run lasts
 * @param heap                 the -Xmx of every measured process
 * @param streamThreads        Kafka Streams threads of the pipeline and of the Streams ceiling
 * @param partitions           partitions of every topic (the pipeline's {@code partitions})
 * @param workDir              the broker's data and every run's state; data sets are kept there and reused
 * @param resultsDir           where the JSON, the Markdown table and the profile go
 * @param runs                 which runs to make (all by default): {@link #RUNS}
 */
record BenchOptions(
        String name,
        List<Shape> shapes,
        List<Shape> scalingFleets,
        Duration eventTime,
        Duration maxRun,
        Duration latencyLoad,
        String heap,
        int streamThreads,
        int partitions,
        Path workDir,
        Path resultsDir,
        Set<String> runs) {

    /** Every run, in the order they are made; {@code --runs=pipeline,latency} makes a subset, for a profile say. */
    static final List<String> RUNS = List.of("ceiling-consumer", "ceiling-streams", "ceiling-streams-devices", "pipeline", "pipeline-commit-1s",
            "pipeline-at-least-once", "latency", "scaling");

    boolean makes(String run) {
        return runs.contains(run);
    }

    /** A fleet: enterprises times devices each. */
    record Shape(String name, int enterprises, int devicesPerEnterprise) {
        long devices() {
            return (long) enterprises * devicesPerEnterprise;
        }
    }

    static final Shape DEVICE_HEAVY = new Shape("device-heavy", 1_000, 1_000);
    static final Shape PROVINCE = new Shape("province", 30_000, 33);

    static BenchOptions parse(List<String> args, Path root) {
        boolean quick = false;
        Integer enterprises = null;
        Integer devices = null;
        String name = null;
        Duration eventTime = null;
        Duration maxRun = null;
        String heap = "1g";
        int threads = 1;
        Set<String> runs = new LinkedHashSet<>(RUNS);
        for (String arg : args) {
            if (arg.equals("bench")) {
                continue;
            }
            if (arg.equals("--quick")) {
                quick = true;
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("bench takes --quick and flags --name=value, not '" + arg + "'");
            }
            String flag = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (flag) {
                case "enterprises" -> enterprises = positive(flag, value);
                case "devices-per-enterprise" -> devices = positive(flag, value);
                case "name" -> name = value;
                case "event-time" -> eventTime = duration(flag, value);
                case "max-run" -> maxRun = duration(flag, value);
                case "heap" -> heap = value;
                case "stream.threads" -> threads = positive(flag, value);
                case "runs" -> {
                    runs = new LinkedHashSet<>(List.of(value.split(",")));
                    if (!RUNS.containsAll(runs)) {
                        throw new IllegalArgumentException("--runs takes some of " + RUNS + ", not '" + value + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown bench flag --" + flag);
            }
        }
        List<Shape> shapes = new ArrayList<>();
        List<Shape> scaling = new ArrayList<>();
        if (enterprises != null || devices != null) {
            int e = enterprises == null ? 1_000 : enterprises;
            int d = devices == null ? 1_000 : devices;
            // one of the standard shapes keeps its name, and so its preloaded data set
            shapes.add(List.of(DEVICE_HEAVY, PROVINCE).stream().filter(shape -> shape.enterprises() == e && shape.devicesPerEnterprise() == d)
                    .findFirst().orElse(new Shape(e + "x" + d, e, d)));
        } else if (quick) {
            shapes.add(new Shape("quick", 200, 100));
            scaling.add(new Shape("fleet-1k", 100, 10));
        } else {
            shapes.add(DEVICE_HEAVY);
            shapes.add(PROVINCE);
            scaling.add(new Shape("fleet-10k", 1_000, 10));
            scaling.add(new Shape("fleet-100k", 1_000, 100));
        }
        return new BenchOptions(
                name != null ? name : quick ? "quick" : shapes.size() == 1 ? shapes.get(0).name() : "province",
                List.copyOf(shapes),
                List.copyOf(scaling),
                // --quick spans a quarter of an hour, so that every run of it fits in five minutes here
                eventTime != null ? eventTime : quick ? Duration.ofMinutes(15) : Duration.ofMinutes(30),
                maxRun != null ? maxRun : quick ? Duration.ofMinutes(2) : Duration.ofMinutes(25),
                quick ? Duration.ofSeconds(40) : Duration.ofMinutes(3),
                heap,
                threads,
                6,
                root.resolve("bench").resolve("work"),
                root.resolve("bench").resolve("results"),
                Set.copyOf(runs));
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException("--" + flag + " must be at least 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must be a whole number, not '" + value + "'");
        }
    }

    private static Duration duration(String flag, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + flag + " must be an ISO-8601 duration such as PT30M, not '" + value + "'");
        }
    }
}
