package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.Scope;
import io.industrybrain.schema.WorkShift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;

/**
 * Random fleets and events over three days (resends included), through the whole topology. Every record of
 * brain.metrics.periods must equal what a deliberately simple implementation here computes from the events sent, not
 * from any record of the product: the events of the period up to the record's coveredUntil, deduplicated as the
 * contract says, each enterprise's devices by their highest seq, its processes as a union, the roll-ups by the
 * enterprises' chain and region, the contract's formulas and suppression. And every sum of an enterprise's day is the
 * sum of its window finals that day.
 */
class PeriodProperties {

    /** 2026-02-20 00:00 in Shanghai: three days before the harness's wall clock, so that no event is ahead of it. */
    private static final Instant FIRST_DAY = Instant.parse("2026-02-19T16:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final List<String> CHAINS = List.of("IC", "SW");
    private static final List<String> REGIONS = List.of("HZ", "NB");
    private static final double YEAR_MILLIS = Duration.ofDays(365).toMillis();

    /**
     * One event, {@code minute} minutes after the first day began; the numbers fill its fields, the bits of {@code flags}
     * its two flags, and one in eight is resent.
     */
    record Event(int enterprise, int kind, int minute, int device, int a, int b, int flags) {
        boolean flag() {
            return (flags & 1) != 0;
        }

        boolean otherFlag() {
            return (flags & 2) != 0;
        }

        boolean resent() {
            return flags >= 14;
        }
    }

    record Scenario(List<Enterprise> enterprises, int minGroupSize, List<Event> events) { }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Enterprise> enterprise = Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 1),
                        Arbitraries.of(true, false), Arbitraries.integers().between(1, 500))
                .as((chain, region, aboveScale, employees) -> Events.enterprise("E", CHAINS.get(chain), REGIONS.get(region), aboveScale, employees));
        Arbitrary<Event> event = Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3 * 24 * 60 - 1), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1_000), Arbitraries.integers().between(0, 1_000),
                Arbitraries.integers().between(0, 15)).as(Event::new);
        return Combinators.combine(enterprise.list().ofMinSize(2).ofMaxSize(5), Arbitraries.integers().between(1, 3),
                event.list().ofMinSize(10).ofMaxSize(120)).as(Scenario::new);
    }

    @Property(tries = 25)
    void everyPeriodRecordIsARecomputationFromTheEventsSent(@ForAll("scenarios") Scenario scenario) throws IOException {
        Path stateDir = Files.createTempDirectory("period-properties-");
        try (EnterpriseMetricsHarness harness = new EnterpriseMetricsHarness(stateDir, s -> s.withMinGroupSize(scenario.minGroupSize()))) {
            new Run(harness, scenario).check();
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    /** An event as counted: its enterprise, time and contract record. */
    private record Counted(String enterpriseId, long time, Object event) { }

    private static final class Run {
        private final EnterpriseMetricsHarness harness;
        private final Scenario scenario;
        private final Map<String, Enterprise> enterprises = new TreeMap<>();
        /** Every event accepted once (a resend is a duplicate), as sent. */
        private final List<Counted> counted = new ArrayList<>();
        private final PeriodCalendar calendar = new PeriodCalendar(ZONE);

        Run(EnterpriseMetricsHarness harness, Scenario scenario) {
            this.harness = harness;
            this.scenario = scenario;
        }

        void check() {
            for (int i = 0; i < scenario.enterprises().size(); i++) {
                Enterprise enterprise = Enterprise.newBuilder(scenario.enterprises().get(i)).setEnterpriseId("E" + i).build();
                enterprises.put(enterprise.getEnterpriseId(), enterprise);
                harness.enterprise(enterprise);
            }
            publishInTimeOrder();
            Map<String, MetricRecord> periods = new TreeMap<>();
            Map<String, Integer> finals = new HashMap<>();
            for (KeyValue<String, MetricRecord> record : harness.periods.readKeyValuesToList()) {
                periods.put(record.key, record.value);
                if (record.value.getFinal$()) {
                    finals.merge(record.key, 1, Integer::sum);
                }
            }
            assertFalse(periods.isEmpty());
            finals.forEach((key, count) -> assertEquals(1, count, key + ": one final"));
            periods.forEach(this::assertRecomputed);
            assertDaysAreTheSumOfTheirWindows(periods);
            assertTrue(periods.keySet().stream().anyMatch(key -> key.startsWith("DAY:PROVINCE:ZJ:") && periods.get(key).getFinal$()));
        }

        private void publishInTimeOrder() {
            List<Event> events = new ArrayList<>(scenario.events().stream().filter(e -> e.enterprise() < enterprises.size()).toList());
            events.sort(Comparator.comparingInt(Event::minute));
            Map<String, Long> seqs = new HashMap<>();
            int id = 0;
            for (Event e : events) {
                String enterpriseId = "E" + e.enterprise();
                Instant at = FIRST_DAY.plusMillis(e.minute() * MINUTE);
                Object event = switch (e.kind()) {
                    case 0 -> {
                        String device = enterpriseId + "-D" + e.device();
                        long seq = seqs.merge(device, 1L, Long::sum);
                        yield Events.sample(device, enterpriseId, seq, at, MachineState.values()[e.a() % MachineState.values().length],
                                1 + e.b() % 600, e.a() % 50, e.b() % 5, e.a() / 100.0, e.flag(), e.otherFlag());
                    }
                    case 1 -> Events.batch("B" + id++, enterpriseId, at, e.a() * 10.0, e.b() * 3.3);
                    case 2 -> Events.shift("S" + id++, enterpriseId, at, 1 + e.a() % 40, (e.b() % 97) / 8.0);
                    default -> Events.heartbeat(enterpriseId, KeyProcess.values()[e.a() % KeyProcess.values().length],
                            Hosting.values()[e.b() % Hosting.values().length], e.flag() || e.otherFlag(), at);
                };
                publish(event);
                counted.add(new Counted(enterpriseId, at.toEpochMilli(), event));
                if (e.resent()) {
                    publish(event);
                }
            }
            // a sample of the fourth day closes the third: stream time past its end and the grace
            MachineTelemetry closer = Events.sample("E0-closer", "E0", 1, FIRST_DAY.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(30)));
            publish(closer);
            counted.add(new Counted("E0", closer.getEventTime().toEpochMilli(), closer));
        }

        private void publish(Object event) {
            if (event instanceof MachineTelemetry sample) {
                harness.telemetry(sample);
            } else if (event instanceof ProductionOutput batch) {
                harness.production(batch);
            } else if (event instanceof WorkShift shift) {
                harness.shift(shift);
            } else {
                harness.heartbeat((ProcessHeartbeat) event);
            }
        }

        /** The record of a period key from the events of its period up to its coveredUntil. */
        private void assertRecomputed(String key, MetricRecord actual) {
            String[] parts = key.split(":");
            Period period = Period.valueOf(parts[0]);
            Scope scope = Scope.valueOf(parts[1]);
            String scopeId = parts[2];
            PeriodCalendar.Span span = calendar.spanOf(period, actual.getWindowStart().toEpochMilli());
            assertEquals(span.firstDay().toString(), parts[3], key);
            assertEquals(span.end(), actual.getWindowEnd().toEpochMilli(), key);
            long covered = actual.getCoveredUntil().toEpochMilli();
            Map<String, Sums> members = new TreeMap<>();
            for (Counted event : counted) {
                if (event.time() >= span.start() && event.time() < covered && belongs(scope, scopeId, enterprises.get(event.enterpriseId()))) {
                    members.computeIfAbsent(event.enterpriseId(), id -> new Sums()).add(event.event());
                }
            }
            long registered = enterprises.values().stream().filter(e -> belongs(scope, scopeId, e)).count();
            Sums total = new Sums();
            members.forEach((enterpriseId, member) -> total.addUp(member, enterprises.get(enterpriseId)));
            String what = key + " (" + actual + ")";
            assertEquals(members.size(), actual.getEnterprises(), what);
            assertEquals(registered, actual.getRegisteredEnterprises(), what);
            if (actual.getSuppressed()) {
                assertTrue(scope != Scope.ENTERPRISE && members.size() < scenario.minGroupSize(), what);
                assertNull(actual.getAddedValueCny(), what);
                return;
            }
            assertTrue(scope == Scope.ENTERPRISE || members.size() >= scenario.minGroupSize(), what);
            near(total.added, actual.getAddedValueCny(), what + " addedValueCny");
            near(total.output, actual.getOutputValueCny(), what + " outputValueCny");
            near(total.workerHours, actual.getWorkerHours(), what + " workerHours");
            near(total.energy, actual.getEnergyKwh(), what + " energyKwh");
            assertEquals(total.employees, actual.getEmployees(), what);
            assertEquals(total.aboveScale, actual.getAboveScaleEnterprises(), what);
            assertEquals(total.good, actual.getGoodUnits(), what);
            assertEquals(total.defect, actual.getDefectUnits(), what);
            assertEquals(total.running, actual.getRunningSeconds(), what);
            assertEquals(total.idle, actual.getIdleSeconds(), what);
            assertEquals(total.down, actual.getDownSeconds(), what);
            assertEquals(total.devices, actual.getActiveDevices(), what + " activeDevices");
            assertEquals(total.nc, actual.getNcDevices(), what + " ncDevices");
            assertEquals(total.cloud, actual.getCloudDevices(), what + " cloudDevices");
            assertEquals(total.processes, actual.getDigitizedProcesses(), what + " digitizedProcesses");
            assertEquals(total.fully, actual.getFullyDigitizedEnterprises(), what + " fullyDigitizedEnterprises");
            assertEquals(total.fullyAboveScale, actual.getFullyDigitizedAboveScale(), what);
            assertEquals(total.onCloud, actual.getOnCloudEnterprises(), what);
            assertEquals(total.smart, actual.getSmartFactoryEnterprises(), what + " smartFactoryEnterprises");
            // the period's data begins with the window of its members' earliest event (1 h windows from the epoch)
            long from = counted.stream().filter(e -> members.containsKey(e.enterpriseId()) && e.time() >= span.start() && e.time() < covered)
                    .mapToLong(e -> e.time() - Math.floorMod(e.time(), HOUR)).min().orElse(span.start());
            assertEquals(from, actual.getCoveredFrom().toEpochMilli(), what + " coveredFrom");
            double elapsed = covered - from;
            near(total.employees == 0 ? null : total.added / total.employees * (YEAR_MILLIS / elapsed) / 10_000,
                    actual.getAnnualizedLaborProductivity(), what + " annualizedLaborProductivity");
            near(ratio(total.fullyAboveScale, total.aboveScale), actual.getFullyDigitizedRate(), what);
            near(ratio(total.processes, 8.0 * members.size()), actual.getDigitizedProcessRatio(), what);
            near(ratio(total.nc, total.devices), actual.getNcRatio(), what);
            near(ratio(members.size(), registered), actual.getCoverage(), what + " coverage");
            assertEquals(actual.getFinal$(), covered == span.end() && periodClosed(span), what + " final");
        }

        /** Whether the closing sample's stream time has closed the period's last window. */
        private boolean periodClosed(PeriodCalendar.Span span) {
            long streamTime = FIRST_DAY.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(30)).toEpochMilli();
            return span.end() + Duration.ofMinutes(10).toMillis() <= streamTime;
        }

        private static boolean belongs(Scope scope, String scopeId, Enterprise enterprise) {
            return switch (scope) {
                case ENTERPRISE -> enterprise.getEnterpriseId().equals(scopeId);
                case INDUSTRY_CHAIN -> enterprise.getIndustryChain().equals(scopeId);
                case REGION -> enterprise.getRegion().equals(scopeId);
                case PROVINCE -> true;
            };
        }

        /** Each enterprise's DAY sums equal its window finals of that day, added in window order. */
        private void assertDaysAreTheSumOfTheirWindows(Map<String, MetricRecord> periods) {
            Map<String, Double> windowSums = new TreeMap<>();
            List<MetricRecord> windowFinals = new ArrayList<>(harness.finals.readKeyValuesToList().stream().map(kv -> kv.value).toList());
            windowFinals.sort(Comparator.comparing(MetricRecord::getWindowStart));
            for (MetricRecord window : windowFinals) {
                PeriodCalendar.Span day = calendar.spanOf(Period.DAY, window.getWindowStart().toEpochMilli());
                windowSums.merge("DAY:ENTERPRISE:" + window.getScopeId() + ":" + day.firstDay(), window.getAddedValueCny(), Double::sum);
            }
            periods.forEach((key, day) -> {
                if (key.startsWith("DAY:ENTERPRISE:") && day.getFinal$()) {
                    assertEquals(windowSums.getOrDefault(key, 0.0), day.getAddedValueCny(), 0.0, key + ": the sum of its window finals");
                }
            });
        }

        private static Double ratio(double numerator, double denominator) {
            return denominator == 0 ? null : numerator / denominator;
        }

        private static void near(Double expected, Double actual, String what) {
            if (expected == null) {
                assertNull(actual, what);
                return;
            }
            assertNotNull(actual, what);
            assertEquals(expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)), what);
        }
    }

    /** One enterprise's period from its events, or a roll-up's from its members: the contract, written out plainly. */
    private static final class Sums {
        double added;
        double output;
        double workerHours;
        double energy;
        long employees;
        long aboveScale;
        long good;
        long defect;
        long running;
        long idle;
        long down;
        long devices;
        long nc;
        long cloud;
        long processes;
        long fully;
        long fullyAboveScale;
        long onCloud;
        long smart;
        private final Map<String, MachineTelemetry> lastSamples = new HashMap<>();
        private final Set<KeyProcess> digitized = new HashSet<>();
        private boolean cloudHosted;


        void add(Object event) {
            if (event instanceof MachineTelemetry sample) {
                lastSamples.merge(sample.getDeviceId(), sample, (a, b) -> a.getSeq() > b.getSeq() ? a : b);
                good += sample.getGoodUnits();
                defect += sample.getDefectUnits();
                energy += sample.getEnergyKwh();
                switch (sample.getState()) {
                    case RUNNING -> running += sample.getSampleSeconds();
                    case IDLE -> idle += sample.getSampleSeconds();
                    case DOWN -> down += sample.getSampleSeconds();
                    default -> { }
                }
            } else if (event instanceof ProductionOutput batch) {
                added += batch.getAddedValueCny();
                output += batch.getOutputValueCny();
            } else if (event instanceof WorkShift shift) {
                workerHours += shift.getWorkers() * shift.getHours();
            } else if (event instanceof ProcessHeartbeat heartbeat) {
                if (heartbeat.getDigitized()) {
                    digitized.add(heartbeat.getProcess());
                }
                cloudHosted |= heartbeat.getHosting() != Hosting.ON_PREMISES;
            }
        }

        /** Adds an enterprise's sums, with its reference data, to this roll-up's. */
        void addUp(Sums member, Enterprise reference) {
            added += member.added;
            output += member.output;
            workerHours += member.workerHours;
            energy += member.energy;
            good += member.good;
            defect += member.defect;
            running += member.running;
            idle += member.idle;
            down += member.down;
            long memberDevices = member.lastSamples.size();
            long memberNc = member.lastSamples.values().stream().filter(MachineTelemetry::getNumericallyControlled).count();
            long memberCloud = member.lastSamples.values().stream().filter(MachineTelemetry::getCloudConnected).count();
            devices += memberDevices;
            nc += memberNc;
            cloud += memberCloud;
            processes += member.digitized.size();
            boolean isFully = member.digitized.size() == KeyProcess.values().length;
            fully += isFully ? 1 : 0;
            onCloud += member.cloudHosted ? 1 : 0;
            boolean smartFactory = isFully && memberDevices > 0 && (double) memberNc / memberDevices >= 0.7
                    && (double) memberCloud / memberDevices >= 0.7;
            smart += smartFactory ? 1 : 0;
            employees += reference.getEmployees();
            aboveScale += reference.getAboveScale() ? 1 : 0;
            fullyAboveScale += isFully && reference.getAboveScale() ? 1 : 0;
        }
    }
}
