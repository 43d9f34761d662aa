package io.industrybrain.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point behind {@code ./brain}: reads the settings, runs the subcommand, and turns a bad
 * setting into one line on stderr and exit code 2.
 */
public final class Brain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_SETTING = 2;

    private Brain() { }

    public static void main(String[] args) {
        int code = run(List.of(args), System.getenv(), System.out, System.err);
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        try {
            SettingsLoader.Loaded loaded = SettingsLoader.load(args, environment, extraFlags());
            List<String> words = loaded.arguments();
            String command = words.isEmpty() ? "run" : words.get(0);
            switch (command) {
                case "--help", "help" -> {
                    out.print(usage());
                    return EXIT_OK;
                }
                case "run" -> {
                    if (words.size() > 1) {
                        throw new SettingException(words.get(1), "run takes only settings (--name=value); see ./brain --help");
                    }
                    return runUntilStopped(loaded.settings(), out);
                }
                case "simulate" -> {
                    return SimulateCommand.run(loaded.settings(), words, out);
                }
                case "replay-dlq" -> {
                    return ReplayDeadLettersCommand.run(loaded.settings(), words, out);
                }
                case "targets" -> {
                    return LoadTargetsCommand.run(loaded.settings(), words, out);
                }
                default -> throw new SettingException(command, "unknown command; see ./brain --help");
            }
        } catch (SettingException e) {
            err.println("error: " + e.getMessage());
            return EXIT_BAD_SETTING;
        }
    }

    /** Flags of the subcommands, which are not settings. */
    static List<String> extraFlags() {
        List<String> flags = new ArrayList<>(SimulateCommand.FLAGS);
        flags.add(ReplayDeadLettersCommand.REASON_FLAG);
        return flags;
    }

    private static int runUntilStopped(BrainSettings settings, PrintStream out) {
        BrainApp app = BrainApp.start(settings, Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean failed = new AtomicBoolean();
        app.onFailure(() -> {
            failed.set(true);
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "brain-shutdown"));
        out.println("industry brain is running");
        out.println("  kafka            " + app.bootstrapServers());
        out.println("  schema registry  " + app.registryUrl());
        out.println("  live page        " + app.httpUrl() + "/");
        out.println("  health           " + app.httpUrl() + "/health");
        out.println("  prometheus       " + app.httpUrl() + "/metrics");
        out.println("  data             " + settings.dataDir().toAbsolutePath().normalize());
        out.println("Ctrl-C stops it; the next start continues from the data directory.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failed.get()) {
            app.close();
            return EXIT_FAILED;
        }
        return EXIT_OK;
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                industry brain: smart-factory telemetry in, the province's digital-economy indicators out.

                usage: ./brain [command] [--setting=value ...] [--config=FILE] [--secrets=FILE]

                commands:
                  run          (default) start the brain; with no bootstrap.servers, an embedded broker,
                               schema registry and simulated fleet are started too
                  simulate     publish a simulated fleet to the cluster until stopped (flags below);
                               against the embedded default, ./brain must be running
                  replay-dlq   re-publish dead letters of one reason to their source topics, once:
                               --reason=UNKNOWN_ENTERPRISE (default), INVALID, DESERIALIZATION or LATE;
                               against the embedded default, ./brain must be running
                  targets load FILE
                               publish the plan targets of a JSON file (e.g. targets/plan-2025.json) to
                               brain.targets; against the embedded default, ./brain must be running
                  help         this text

                simulate flags (default in brackets):
                """);
        for (SimulateFlag flag : SimulateFlag.values()) {
            text.append(String.format("  --%-30s %s [%s]%n", flag.flagName() + "=...", flag.description(), flag.defaultValue()));
        }
        text.append(String.format("  --%-30s %s%n", SimulateFlag.DURATION + "=...", "stop by itself after this long, e.g. PT10M"));
        text.append(String.format("  --%-30s %s%n%n", SimulateFlag.IMPORT + "=...",
                "send this much history (e.g. P3D) at the full rate the broker takes, as a gateway's import, then stop"));
        text.append("""
                settings (flag --name=value, environment BRAIN_NAME, or name=value in --config FILE;
                flags win over the environment, the environment over the --secrets file, that over the
                --config file, the file over defaults; BRAIN_NAME_FILE=PATH gives a file's content as the value):
                """);
        for (Setting s : Setting.values()) {
            text.append(String.format("  --%-30s %s%n      %s (default: %s)%n", s.key() + "=...", s.environmentVariable(),
                    s.description(), s.defaultValue().map(v -> v.isEmpty() ? "empty" : v).orElse("unset")));
        }
        text.append(String.format("  --%-30s %s%n      %s%n  --%-30s %s%n      %s%n", KafkaPassThrough.PREFIX + "NAME=...",
                "BRAIN_KAFKA_NAME", "any Kafka client setting (security.protocol, sasl.jaas.config, ...), for every client",
                KafkaPassThrough.STREAMS_PREFIX + "NAME=...", "BRAIN_KAFKA_STREAMS_NAME", "any Kafka Streams setting, for Kafka Streams alone"));
        return text.toString();
    }
}
