package io.industrybrain.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One measured process: a JVM of its own on the benchmark's classpath, so that its CPU time, resident memory
 * and heap are its own and not the broker's. CPU and peak resident memory come from {@code /proc}, the heap
 * from the JVM's own GC log, read when the run ends.
 */
final class ChildJvm implements AutoCloseable {

    /** The kernel's clock ticks per second for {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** What the process used, read just before it stops. */
    record Usage(double cpuSeconds, long peakResidentBytes, long peakHeapBytes, long peakLiveHeapBytes) { }

    private final Process process;
    private final Path dir;
    private final Path gcLog;

    private ChildJvm(Process process, Path dir, Path gcLog) {
        this.process = process;
        this.dir = dir;
        this.gcLog = gcLog;
    }

    /**
     * @param dir     the run's directory: its output ({@code out.log}), GC log and anything else it writes
     * @param profile where to write a JFR recording of the whole run, or null for none
     */
    static ChildJvm start(Path dir, String heap, Path profile, String mainClass, List<String> args) {
        try {
            Files.createDirectories(dir);
            Path gcLog = dir.resolve("gc.log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-Xmx" + heap);
            command.add("-Xlog:gc:file=" + gcLog);
            if (profile != null) {
                // Kafka Streams' stacks run deeper than JFR's default 64 frames: a profile should reach our processors
                command.add("-XX:FlightRecorderOptions:stackdepth=512");
                command.add("-XX:StartFlightRecording=filename=" + profile + ",settings=profile,dumponexit=true");
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass);
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.log").toFile()).start();
            return new ChildJvm(process, dir, gcLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The last lines of its output, for a run that failed. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("out.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** CPU and memory so far; call while the process still runs. */
    Usage usage() {
        long pid = process.pid();
        double cpu = 0;
        long rss = 0;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name in parentheses: state is the 3rd field, utime the 14th, stime the 15th
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // the process is gone: report what the GC log says
        }
        long peakHeap = 0;
        long peakLive = 0;
        try (Stream<String> lines = Files.lines(gcLog)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    peakHeap = Math.max(peakHeap, Long.parseLong(m.group(1)) << 20);
                    peakLive = Math.max(peakLive, Long.parseLong(m.group(2)) << 20);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no collection yet
        }
        return new Usage(cpu, rss, peakHeap, peakLive);
    }

    /** SIGTERM, so that the app closes cleanly (and JFR writes its recording); SIGKILL after a minute. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
