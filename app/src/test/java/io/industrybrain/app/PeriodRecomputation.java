package io.industrybrain.app;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.Scope;
import io.industrybrain.schema.WorkShift;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The period records of {@code brain.metrics.periods} recomputed from the records a test sent ({@link SentEvents#counted()}),
 * as issue 28 ("Plan periods") and the contract's window definitions say, never from the product's window finals: a
 * period's sums are sums over the events of its windows; {@code enterprises} the distinct enterprises of the scope with an
 * event in it, {@code employees} the sum of theirs; devices distinct over the period, NC and cloud as their highest seq
 * there says; an enterprise's digitized processes the union over the period; ratios from those sums; a roll-up of fewer
 * than {@code min.group.size} enterprises suppressed; {@code annualizedLaborProductivity} over the time covered, from the
 * start of the period's earliest window with data ({@code coveredFrom}) to the end of its latest final one.
 */
final class PeriodRecomputation {

    private static final int KEY_PROCESSES = KeyProcess.values().length;
    private static final double SMART_FACTORY_MIN_RATIO = 0.7;
    private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

    /** A calendar period of a zone: its kind, its first day and its bounds [start, end). */
    record Span(Period period, LocalDate firstDay, Instant start, Instant end) {

        /** The period of kind {@code period} holding {@code day}, midnight to midnight in {@code zone}. */
        static Span of(Period period, LocalDate day, ZoneId zone) {
            LocalDate first = switch (period) {
                case DAY -> day;
                case MONTH -> day.withDayOfMonth(1);
                case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1);
                case YEAR -> day.withDayOfYear(1);
                case WINDOW -> throw new IllegalArgumentException("not a calendar period");
            };
            LocalDate next = switch (period) {
                case DAY -> first.plusDays(1);
                case MONTH -> first.plusMonths(1);
                case QUARTER -> first.plusMonths(3);
                default -> first.plusYears(1);
            };
            return new Span(period, first, first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
        }

        /** The key of the scope's record of this period on brain.metrics.periods. */
        String key(Scope scope, String scopeId) {
            return period + ":" + scope + ":" + scopeId + ":" + firstDay;
        }
    }

    private final SentEvents.Counted sent;
    private final long windowMillis;
    private final int minGroupSize;

    /** @param window the size of the tumbling windows, from the epoch */
    PeriodRecomputation(SentEvents.Counted sent, Duration window, int minGroupSize) {
        this.sent = sent;
        this.windowMillis = window.toMillis();
        this.minGroupSize = minGroupSize;
    }

    /**
     * The fields of the record of {@code scope}:{@code scopeId} over {@code span}, by MetricRecord field name, once every
     * window before {@code closedUntil} is final everywhere (and none after it): the period covered up to the earlier of
     * that and its end, final when that is its end. Empty when no enterprise of the scope had an event in that time,
     * as then there is no record.
     */
    Map<String, Object> expected(Span span, Scope scope, String scopeId, Instant closedUntil) {
        Instant covered = closedUntil.isBefore(span.end()) ? closedUntil : span.end();
        Events in = new Events(
                during(sent.samples(), MachineTelemetry::getEnterpriseId, MachineTelemetry::getEventTime, scope, scopeId, span.start(), covered),
                during(sent.batches(), ProductionOutput::getEnterpriseId, ProductionOutput::getEventTime, scope, scopeId, span.start(), covered),
                during(sent.shifts(), WorkShift::getEnterpriseId, WorkShift::getEventTime, scope, scopeId, span.start(), covered),
                during(sent.heartbeats(), ProcessHeartbeat::getEnterpriseId, ProcessHeartbeat::getEventTime, scope, scopeId, span.start(), covered));
        Map<String, Enterprise> reporting = new TreeMap<>();
        in.enterpriseIds().forEach(id -> reporting.put(id, sent.enterprises().get(id)));
        if (reporting.isEmpty()) {
            return Map.of();
        }
        List<Enterprise> registered = sent.enterprises().values().stream().filter(e -> inScope(e, scope, scopeId)).toList();
        boolean suppressed = scope != Scope.ENTERPRISE && reporting.size() < minGroupSize;

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("period", span.period());
        fields.put("scope", scope);
        fields.put("scopeId", scopeId);
        fields.put("windowStart", span.start());
        fields.put("windowEnd", span.end());
        fields.put("coveredUntil", covered);
        fields.put("final", covered.equals(span.end()));
        fields.put("suppressed", suppressed);
        fields.put("registeredEnterprises", (long) registered.size());
        fields.put("registeredAboveScale", registered.stream().filter(Enterprise::getAboveScale).count());
        fields.put("coverage", (double) reporting.size() / registered.size());
        fields.put("duplicatesDropped", (long) during(sent.resends(), SentEvents.Resend::enterpriseId, SentEvents.Resend::eventTime, scope, scopeId,
                span.start(), covered).size());
        fields.put("lastEventTime", in.times().max(Comparator.naturalOrder()).orElseThrow());
        // the data begins with the window of the earliest event counted, of any of the scope's enterprises
        long earliest = in.times().min(Comparator.naturalOrder()).orElseThrow().toEpochMilli();
        Instant coveredFrom = Instant.ofEpochMilli(Math.floorDiv(earliest, windowMillis) * windowMillis);
        fields.put("coveredFrom", coveredFrom);
        Map<String, Object> indicators = indicators(List.copyOf(reporting.values()), in, covered.toEpochMilli() - coveredFrom.toEpochMilli());
        if (suppressed) {
            // a statistics office does not publish so small a group: every indicator null but the count that says why
            indicators.replaceAll((name, value) -> name.equals("enterprises") ? value : null);
        }
        fields.putAll(indicators);
        return fields;
    }

    /** The contract's counts, sums and ratios of the events of {@code reporting} over {@code elapsedMillis}. */
    private static Map<String, Object> indicators(List<Enterprise> reporting, Events in, long elapsedMillis) {
        long enterprises = reporting.size();
        long aboveScale = reporting.stream().filter(Enterprise::getAboveScale).count();
        long employees = reporting.stream().mapToLong(Enterprise::getEmployees).sum();
        double added = in.batches().stream().mapToDouble(ProductionOutput::getAddedValueCny).sum();
        double workerHours = in.shifts().stream().mapToDouble(shift -> shift.getWorkers() * shift.getHours()).sum();
        double energy = in.samples().stream().mapToDouble(MachineTelemetry::getEnergyKwh).sum();
        TelemetryTotals devices = TelemetryTotals.of(in.samples());
        long digitized = 0;
        long fully = 0;
        long fullyAboveScale = 0;
        long onCloud = 0;
        long smart = 0;
        for (Enterprise enterprise : reporting) {
            String id = enterprise.getEnterpriseId();
            Set<KeyProcess> processes = EnumSet.noneOf(KeyProcess.class);
            boolean cloudHosted = false;
            for (ProcessHeartbeat heartbeat : in.heartbeats()) {
                if (heartbeat.getEnterpriseId().equals(id)) {
                    if (heartbeat.getDigitized()) {
                        processes.add(heartbeat.getProcess());
                    }
                    cloudHosted |= heartbeat.getHosting() != Hosting.ON_PREMISES;
                }
            }
            boolean isFully = processes.size() == KEY_PROCESSES;
            TelemetryTotals own = TelemetryTotals.of(in.samples().stream().filter(sample -> sample.getEnterpriseId().equals(id)).toList());
            Double ncRatio = ratio(own.ncDevices(), own.activeDevices());
            Double cloudRatio = ratio(own.cloudDevices(), own.activeDevices());
            digitized += processes.size();
            fully += isFully ? 1 : 0;
            fullyAboveScale += isFully && enterprise.getAboveScale() ? 1 : 0;
            onCloud += cloudHosted ? 1 : 0;
            smart += isFully && ncRatio != null && ncRatio >= SMART_FACTORY_MIN_RATIO && cloudRatio != null
                    && cloudRatio >= SMART_FACTORY_MIN_RATIO ? 1 : 0;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("enterprises", enterprises);
        fields.put("aboveScaleEnterprises", aboveScale);
        fields.put("employees", employees);
        fields.put("addedValueCny", added);
        fields.put("outputValueCny", in.batches().stream().mapToDouble(ProductionOutput::getOutputValueCny).sum());
        fields.put("workerHours", workerHours);
        fields.put("laborProductivityPerWorkerHour", ratio(added, workerHours));
        // 10k CNY per person and year: the value added of the time covered, times the years in it
        fields.put("annualizedLaborProductivity", employees == 0 ? null : added / employees * 365 / (elapsedMillis / DAY_MILLIS) / 10_000);
        fields.put("activeDevices", devices.activeDevices());
        fields.put("ncDevices", devices.ncDevices());
        fields.put("cloudDevices", devices.cloudDevices());
        fields.put("ncRatio", ratio(devices.ncDevices(), devices.activeDevices()));
        fields.put("deviceCloudRatio", ratio(devices.cloudDevices(), devices.activeDevices()));
        fields.put("goodUnits", devices.goodUnits());
        fields.put("defectUnits", devices.defectUnits());
        fields.put("qualityRate", ratio(devices.goodUnits(), devices.goodUnits() + devices.defectUnits()));
        fields.put("runningSeconds", devices.runningSeconds());
        fields.put("idleSeconds", devices.idleSeconds());
        fields.put("downSeconds", devices.downSeconds());
        fields.put("availability", ratio(devices.runningSeconds(), devices.runningSeconds() + devices.idleSeconds() + devices.downSeconds()));
        fields.put("energyKwh", energy);
        fields.put("energyIntensity", ratio(energy, added / 10_000));
        fields.put("digitizedProcesses", digitized);
        fields.put("digitizedProcessRatio", ratio(digitized, (double) KEY_PROCESSES * enterprises));
        fields.put("fullyDigitizedEnterprises", fully);
        fields.put("fullyDigitizedAboveScale", fullyAboveScale);
        fields.put("onCloudEnterprises", onCloud);
        fields.put("cloudAdoptionRate", ratio(onCloud, enterprises));
        fields.put("smartFactoryEnterprises", smart);
        fields.put("fullyDigitizedRate", ratio(fullyAboveScale, aboveScale));
        return fields;
    }

    /** The events of a scope in [from, until), each type apart. */
    private record Events(List<MachineTelemetry> samples, List<ProductionOutput> batches, List<WorkShift> shifts,
                          List<ProcessHeartbeat> heartbeats) {

        Stream<String> enterpriseIds() {
            return Stream.of(samples.stream().map(MachineTelemetry::getEnterpriseId), batches.stream().map(ProductionOutput::getEnterpriseId),
                    shifts.stream().map(WorkShift::getEnterpriseId), heartbeats.stream().map(ProcessHeartbeat::getEnterpriseId)).flatMap(s -> s);
        }

        Stream<Instant> times() {
            return Stream.of(samples.stream().map(MachineTelemetry::getEventTime), batches.stream().map(ProductionOutput::getEventTime),
                    shifts.stream().map(WorkShift::getEventTime), heartbeats.stream().map(ProcessHeartbeat::getEventTime)).flatMap(s -> s);
        }
    }

    /** The records of an enterprise of the scope with an eventTime in [from, until). */
    private <T> List<T> during(List<T> records, Function<T, String> enterpriseId, Function<T, Instant> eventTime, Scope scope,
                               String scopeId, Instant from, Instant until) {
        List<T> found = new ArrayList<>();
        for (T record : records) {
            Instant at = eventTime.apply(record);
            if (!at.isBefore(from) && at.isBefore(until) && inScope(sent.enterprises().get(enterpriseId.apply(record)), scope, scopeId)) {
                found.add(record);
            }
        }
        return found;
    }

    /** Whether the scope holds the enterprise, by its current reference data. */
    private static boolean inScope(Enterprise enterprise, Scope scope, String scopeId) {
        return switch (scope) {
            case ENTERPRISE -> enterprise.getEnterpriseId().equals(scopeId);
            case INDUSTRY_CHAIN -> enterprise.getIndustryChain().equals(scopeId);
            case REGION -> enterprise.getRegion().equals(scopeId);
            case PROVINCE -> true;
        };
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
