package io.industrybrain.app;

import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.simulator.FaultRates;
import io.industrybrain.simulator.SimulatorSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./brain simulate [--enterprises=N] [--devices-per-enterprise=N] [--rate=R] [--seed=S] [--faults=...]
 * [--backfill=PT2H] ...}: publishes a simulated fleet to any cluster and registry (by default those of a running
 * embedded {@code ./brain}) until stopped, printing its throughput every 10 seconds. With {@code --duration=PT5M}
 * it stops by itself, which is how the scale benchmark runs.
 */
final class SimulateCommand {

    /** The simulator's own flags, besides the settings (window, grace, topic.prefix, ...). */
    static final List<String> FLAGS = List.of("enterprises", "devices-per-enterprise", "rate", "seed", "faults", "backfill",
            "sample-interval", "heartbeat-interval", "outage-duration", "reference-changes-per-day", "progress", "duration");

    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private SimulateCommand() { }

    static int run(BrainSettings settings, List<String> arguments, PrintStream out) {
        SimulatorSettings simulator = SimulatorSettings.defaults().withWindow(settings.window()).withGrace(settings.grace());
        Duration duration = null;
        for (String argument : arguments.subList(1, arguments.size())) {
            int eq = argument.indexOf('=');
            if (!argument.startsWith("--") || eq < 0) {
                throw new SettingException(argument, "simulate takes flags --name=value; see ./brain --help");
            }
            String name = argument.substring(2, eq);
            String value = argument.substring(eq + 1);
            if (name.equals("duration")) {
                duration = parseDuration(name, value);
            } else {
                simulator = apply(simulator, name, value);
            }
        }
        String bootstrap = settings.commandBootstrapServers();
        String registryUrl = settings.commandRegistryUrl();
        BrainApp.requireReachable(bootstrap);
        BrainApp.requireRegistryAnswers(registryUrl);

        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C must wait until held-back records are sent and the producer flushed, or they are lost.
        CountDownLatch drained = new CountDownLatch(1);
        try (FleetSimulation simulation = FleetSimulation.start(simulator, bootstrap,
                new CachedSchemaRegistryClient(new RestSchemaRegistryClient(registryUrl)), settings.topics(), Clock.systemUTC())) {
            Thread hook = new Thread(() -> {
                stopped.countDown();
                await(drained, TimeUnit.SECONDS.toNanos(30));
            }, "brain-simulate-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("simulating " + simulation.simulator().fleet() + " against " + bootstrap + "; Ctrl-C stops");
            long started = System.nanoTime();
            long lastSent = 0;
            long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
            while (System.nanoTime() < deadline && !await(stopped, Math.min(REPORT_EVERY.toNanos(), deadline - System.nanoTime()))) {
                if (simulation.failure() != null) {
                    throw simulation.failure();
                }
                long sent = simulation.simulator().faultCounters().recordsSent();
                double seconds = REPORT_EVERY.toNanos() / 1e9;
                Duration behind = Duration.between(simulation.simulator().simulatedTime(), Clock.systemUTC().instant());
                out.printf("sent %,d records (%,.0f/s), simulated time %s behind the wall clock, %d send failures%n",
                        sent, (sent - lastSent) / seconds, behind.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        simulation.sendFailures());
                lastSent = sent;
            }
            simulation.close();
            double total = (System.nanoTime() - started) / 1e9;
            long sent = simulation.simulator().faultCounters().recordsSent();
            out.printf("stopped after %.0f s: %,d records, %,.0f/s on average; faults injected: %s%n",
                    total, sent, sent / total, simulation.simulator().faultCounters());
        } finally {
            drained.countDown();
        }
        return Brain.EXIT_OK;
    }

    private static boolean await(CountDownLatch latch, long nanos) {
        try {
            return latch.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static SimulatorSettings apply(SimulatorSettings s, String name, String value) {
        try {
            return switch (name) {
                case "enterprises" -> s.withEnterprises(Integer.parseInt(value));
                case "devices-per-enterprise" -> s.withDevicesPerEnterprise(Integer.parseInt(value));
                case "rate" -> s.withRatePerSecond(value.equals("unlimited") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
                case "seed" -> s.withSeed(Long.parseLong(value));
                case "faults" -> s.withFaults(FaultRates.parse(value));
                case "backfill" -> s.withBackfill(parseDuration(name, value));
                case "sample-interval" -> s.withSampleInterval(parseDuration(name, value));
                case "heartbeat-interval" -> s.withHeartbeatInterval(parseDuration(name, value));
                case "outage-duration" -> s.withOutageDuration(parseDuration(name, value));
                case "reference-changes-per-day" -> s.withReferenceChangesPerDay(Double.parseDouble(value));
                case "progress" -> s.withProgress(Double.parseDouble(value));
                default -> throw new SettingException(name, "unknown simulate flag; see ./brain --help");
            };
        } catch (NumberFormatException e) {
            throw new SettingException(name, "'" + value + "' is not a number");
        } catch (IllegalArgumentException e) {
            // the simulator's own validation names the flag already
            throw new SettingException(name, e.getMessage());
        }
    }

    private static Duration parseDuration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new SettingException(name, "'" + value + "' is not an ISO-8601 duration such as PT2H");
        }
    }
}
