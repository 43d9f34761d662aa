package io.industrybrain.app;

import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.simulator.SimulatorSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./brain simulate [--enterprises=N] [--devices-per-enterprise=N] [--rate=R] [--seed=S] [--faults=...]
 * [--backfill=PT2H] ...}: publishes a simulated fleet to any cluster and registry (by default those of a running
 * embedded {@code ./brain}) until stopped, printing its throughput every 10 seconds. With {@code --duration=PT5M}
 * it stops by itself, which is how the scale benchmark runs. With {@code --import=P3D} it sends three days of the
 * fleet's history, every topic in event-time order, at the full rate the broker takes, as a factory gateway releases
 * its buffer or a plant imports its historian, and stops once the history is sent.
 */
final class SimulateCommand {

    /** The command's own flags, besides the settings (window, grace, topic.prefix, ...). */
    static final List<String> FLAGS = Stream.concat(Arrays.stream(SimulateFlag.values()).map(SimulateFlag::flagName),
            Stream.of(SimulateFlag.DURATION, SimulateFlag.IMPORT)).toList();

    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    /** How often an import looks whether its history is all sent. */
    private static final Duration IMPORT_DONE_CHECK = Duration.ofMillis(100);

    private SimulateCommand() { }

    static int run(BrainSettings settings, List<String> arguments, PrintStream out) {
        SimulatorSettings simulator = SimulatorSettings.defaults().withWindow(settings.topology().window()).withGrace(settings.topology().grace());
        Duration duration = null;
        boolean importing = false;
        for (String argument : arguments.subList(1, arguments.size())) {
            int eq = argument.indexOf('=');
            if (!argument.startsWith("--") || eq < 0) {
                throw new SettingException(argument, "simulate takes flags --name=value; see ./brain --help");
            }
            String name = argument.substring(2, eq);
            String value = argument.substring(eq + 1);
            if (name.equals(SimulateFlag.DURATION)) {
                duration = SimulateFlag.duration(name, value);
            } else if (name.equals(SimulateFlag.IMPORT)) {
                Duration history = SimulateFlag.duration(name, value);
                if (history.isZero() || history.isNegative()) {
                    throw new SettingException(name, "must be positive, e.g. P3D, was " + value);
                }
                importing = true;
                simulator = simulator.withBackfill(history).withRatePerSecond(Double.POSITIVE_INFINITY);
            } else {
                simulator = SimulateFlag.byName(name).orElseThrow(() -> new SettingException(name, "unknown simulate flag; see ./brain --help"))
                        .apply(simulator, value);
            }
        }
        KafkaClientSettings clients = settings.commandKafkaClients();
        String registryUrl = settings.commandRegistryUrl();
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(registryUrl, settings.registryAccess());
        BrainApp.requireReachable(clients);
        BrainApp.requireRegistryAnswers(registry, registryUrl);

        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C must wait until held-back records are sent and the producer flushed, or they are lost.
        CountDownLatch drained = new CountDownLatch(1);
        try (FleetSimulation simulation = FleetSimulation.start(simulator, clients,
                new CachedSchemaRegistryClient(registry), settings.topics(), Clock.systemUTC())) {
            Thread hook = new Thread(() -> {
                stopped.countDown();
                await(drained, TimeUnit.SECONDS.toNanos(30));
            }, "brain-simulate-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println((importing ? "importing the history since " + simulation.simulator().startTime() + " of " : "simulating ")
                    + simulation.simulator().fleet() + " against " + clients.bootstrapServers() + "; Ctrl-C stops");
            long started = System.nanoTime();
            long lastSent = 0;
            long lastReport = started;
            long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
            long wait = importing ? IMPORT_DONE_CHECK.toNanos() : REPORT_EVERY.toNanos();
            while (System.nanoTime() < deadline && !await(stopped, Math.min(wait, deadline - System.nanoTime()))) {
                if (simulation.failure() != null) {
                    throw simulation.failure();
                }
                if (importing && simulation.simulator().caughtUp()) {
                    break;
                }
                if (System.nanoTime() - lastReport < REPORT_EVERY.toNanos()) {
                    continue;
                }
                long sent = simulation.simulator().faultCounters().recordsSent();
                double seconds = (System.nanoTime() - lastReport) / 1e9;
                lastReport = System.nanoTime();
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
}
