package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;

/**
 * Random enterprises, moves between chains and regions, and events (resends included) in random time order,
 * through the whole topology. Every final roll-up must equal what a second, deliberately simple
 * implementation here computes from scratch: sum the final ENTERPRISE records of the window by the chain
 * and region each enterprise had in the reference data when the window closed, and apply the contract's
 * formulas and suppression. The chain percentiles are recomputed the same way, each roll-up key has exactly
 * one final, equal to its last update, and every final continues its key's revisions.
 */
class RollupProperties {

    private static final Instant BASE = Instant.parse("2026-03-01T07:00:00Z");
    private static final List<String> CHAINS = List.of("IC", "SW", "TX");
    private static final List<String> REGIONS = List.of("HZ", "NB");
    /** 365 days / 1 h windows. */
    private static final double WINDOWS_PER_YEAR = 365 * 24;

    sealed interface Action { }

    /** Reference data changes: the enterprise's chain, region and employees. */
    record Move(int enterprise, int chain, int region, int employees) implements Action { }

    /** A new event of one of the four kinds, at BASE + minute; the numbers fill its fields. */
    record Publish(int enterprise, int kind, int minute, int a, int b, int c, boolean flag, boolean otherFlag) implements Action { }

    /** A gateway resends the n-th event published so far (modulo their count). */
    record Resend(int n) implements Action { }

    record Scenario(List<Enterprise> enterprises, int minGroupSize, List<Action> actions) { }

    /** An input record as piped, to be resent byte for byte. */
    private record Sent(String topic, String key, byte[] value) { }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Enterprise> enterprise = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1),
                        Arbitraries.of(true, false), Arbitraries.integers().between(1, 500))
                .as((chain, region, aboveScale, employees) -> Events.enterprise("E", CHAINS.get(chain), REGIONS.get(region), aboveScale, employees));
        Arbitrary<Integer> who = Arbitraries.integers().between(0, 7);
        Arbitrary<Integer> number = Arbitraries.integers().between(0, 1_000);
        Arbitrary<Action> move = Combinators.combine(who, Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(1, 500)).as(Move::new);
        Arbitrary<Action> publish = Combinators.combine(who, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 200),
                number, number, number, Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Publish::new);
        Arbitrary<Action> resend = number.map(Resend::new);
        Arbitrary<Action> action = Arbitraries.frequencyOf(Tuple.of(2, move), Tuple.of(12, publish), Tuple.of(2, resend));
        return Combinators.combine(enterprise.list().ofMinSize(3).ofMaxSize(8), Arbitraries.integers().between(1, 4),
                action.list().ofMinSize(5).ofMaxSize(70)).as(Scenario::new);
    }

    @Property(tries = 40)
    void everyFinalRollUpIsARecomputationFromTheFinalEnterpriseRecords(@ForAll("scenarios") Scenario scenario) throws IOException {
        Path stateDir = Files.createTempDirectory("rollup-properties-");
        // 30 min of grace: more events arrive late in grace, fewer are LATE
        try (EnterpriseMetricsHarness harness = new EnterpriseMetricsHarness(stateDir,
                s -> s.withMinGroupSize(scenario.minGroupSize()).withWindow(Duration.ofHours(1), Duration.ofMinutes(30)))) {
            new Run(harness, scenario).check();
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    /** One scenario through the topology, and what came out. */
    private static final class Run {

        private final EnterpriseMetricsHarness harness;
        private final Scenario scenario;
        private final Map<String, Enterprise> current = new HashMap<>();
        private final List<Sent> published = new ArrayList<>();
        private final Map<String, Long> seqs = new HashMap<>();
        private int ids;
        /** window start -> the ENTERPRISE finals, and each enterprise's reference data when they came out. */
        private final Map<Instant, List<MetricRecord>> enterpriseFinals = new TreeMap<>();
        private final Map<String, Enterprise> referenceAtClose = new HashMap<>();
        private final Map<String, MetricRecord> lastUpdate = new HashMap<>();
        private final Map<String, List<MetricRecord>> rollupFinals = new TreeMap<>();
        private final Map<String, MetricRecord> lastUpdateBeforeFinal = new HashMap<>();

        Run(EnterpriseMetricsHarness harness, Scenario scenario) {
            this.harness = harness;
            this.scenario = scenario;
        }

        void check() {
            for (int i = 0; i < scenario.enterprises().size(); i++) {
                Enterprise e = Enterprise.newBuilder(scenario.enterprises().get(i)).setEnterpriseId("E" + i).setName("E" + i).build();
                reference(e);
            }
            for (Action action : scenario.actions()) {
                act(action);
                collect();
            }
            // Stream time to 12:00 closes every window up to 10:00 (end 11:00 + 30 min), and events are at most 10:20
            harness.telemetry(Events.sample("CLOSER", "E0", 1, Instant.parse("2026-03-01T12:00:00Z")));
            collect();

            assertTrue(scenario.actions().stream().noneMatch(Publish.class::isInstance) || !enterpriseFinals.isEmpty(),
                    "events were published but no window became final");
            enterpriseFinals.forEach(this::checkWindow);
            collectStatistics();
            Map<String, Long> finalsPerKey = new TreeMap<>();
            rollupFinals.forEach((key, finals) -> finalsPerKey.put(key, (long) finals.size()));
            assertTrue(finalsPerKey.values().stream().allMatch(n -> n == 1), () -> "finals per key: " + finalsPerKey);
            harness.assertOutcomesBalance();
        }

        /** What the scenario exercised, reported by jqwik, so that a run shows the cases it covered. */
        private void collectStatistics() {
            List<MetricRecord> finals = enterpriseFinals.values().stream().flatMap(List::stream).toList();
            Statistics.label("an enterprise closed a window in another chain than it started in").collect(finals.stream().anyMatch(f ->
                    !referenceAtClose.get(MetricKeys.of(Scope.ENTERPRISE, f.getScopeId(), f.getWindowStart())).getIndustryChain()
                            .equals(scenario.enterprises().get(Integer.parseInt(f.getScopeId().substring(1))).getIndustryChain())));
            Statistics.label("late events in grace counted").collect(finals.stream().anyMatch(f -> f.getLateEventsInGrace() > 0));
            Statistics.label("duplicates dropped").collect(finals.stream().anyMatch(f -> f.getDuplicatesDropped() > 0));
            Statistics.label("a suppressed final").collect(rollupFinals.values().stream().anyMatch(f -> f.get(0).getSuppressed()));
            Statistics.label("an emptied roll-up").collect(rollupFinals.values().stream().anyMatch(f -> f.get(0).getEnterprises() == 0));
            Statistics.label("chain percentiles").collect(finals.stream().anyMatch(f -> !f.getChainPercentiles().isEmpty()));
        }

        private void reference(Enterprise enterprise) {
            harness.enterprise(enterprise);
            current.put(enterprise.getEnterpriseId(), enterprise);
        }

        private String enterpriseId(int index) {
            return "E" + Math.floorMod(index, scenario.enterprises().size());
        }

        private void act(Action action) {
            if (action instanceof Move move) {
                Enterprise before = current.get(enterpriseId(move.enterprise()));
                reference(Enterprise.newBuilder(before).setIndustryChain(CHAINS.get(move.chain()))
                        .setRegion(REGIONS.get(move.region())).setEmployees(move.employees()).build());
            } else if (action instanceof Resend resend) {
                if (!published.isEmpty()) {
                    Sent again = published.get(resend.n() % published.size());
                    harness.pipe(again.topic(), EnterpriseMetricsHarness.utf8(again.key()), again.value());
                }
            } else {
                publish((Publish) action);
            }
        }

        private void publish(Publish p) {
            String enterprise = enterpriseId(p.enterprise());
            Instant at = BASE.plusSeconds(60L * p.minute());
            String id = enterprise + "-" + (++ids);
            byte[] bytes;
            String topic;
            String key;
            switch (p.kind()) {
                case 0 -> {
                    String device = enterprise + "-D" + p.a() % 3;
                    long seq = seqs.merge(device, 1L, Long::sum);
                    bytes = harness.telemetry(Events.sample(device, enterprise, seq, at, MachineState.values()[p.b() % 5],
                            1 + p.c() % 600, p.a() % 50, p.b() % 5, p.c() % 100 / 10.0, p.flag(), p.otherFlag()));
                    topic = harness.topics.telemetry();
                    key = device;
                }
                case 1 -> {
                    bytes = harness.production(Events.batch(id, enterprise, at, p.a() * 100.0, p.b() * 10.0));
                    topic = harness.topics.production();
                    key = enterprise;
                }
                case 2 -> {
                    bytes = harness.shift(Events.shift(id, enterprise, at, p.a() % 50, p.b() % 25));
                    topic = harness.topics.shifts();
                    key = enterprise;
                }
                default -> {
                    bytes = harness.heartbeat(Events.heartbeat(enterprise, KeyProcess.values()[p.a() % 8],
                            Hosting.values()[p.b() % 3], p.flag(), at));
                    topic = harness.topics.processes();
                    key = enterprise;
                }
            }
            published.add(new Sent(topic, key, bytes));
        }

        /** Reads everything that came out of the last input, noting the reference data the finals were made with. */
        private void collect() {
            harness.deadLetters.readRecordsToList();
            for (KeyValue<String, MetricRecord> update : harness.updates.readKeyValuesToList()) {
                lastUpdate.put(update.key, update.value);
            }
            for (KeyValue<String, MetricRecord> update : harness.rollupUpdates.readKeyValuesToList()) {
                lastUpdate.put(update.key, update.value);
            }
            for (KeyValue<String, MetricRecord> closed : harness.finals.readKeyValuesToList()) {
                enterpriseFinals.computeIfAbsent(closed.value.getWindowStart(), w -> new ArrayList<>()).add(closed.value);
                referenceAtClose.put(closed.key, current.get(closed.value.getScopeId()));
                checkContinues(closed);
            }
            for (KeyValue<String, MetricRecord> closed : harness.rollupFinals.readKeyValuesToList()) {
                rollupFinals.computeIfAbsent(closed.key, k -> new ArrayList<>()).add(closed.value);
                lastUpdateBeforeFinal.put(closed.key, lastUpdate.get(closed.key));
                checkContinues(closed);
            }
        }

        /** A final is the next revision after its key's last update. */
        private void checkContinues(KeyValue<String, MetricRecord> closed) {
            MetricRecord update = lastUpdate.get(closed.key);
            assertNotNull(update, () -> "no update before the final of " + closed.key);
            assertEquals(update.getRevision() + 1, closed.value.getRevision(), closed.key);
        }

        private void checkWindow(Instant windowStart, List<MetricRecord> finals) {
            Map<String, List<MetricRecord>> groups = new TreeMap<>();
            for (MetricRecord member : finals) {
                Enterprise reference = referenceAtClose.get(MetricKeys.of(Scope.ENTERPRISE, member.getScopeId(), windowStart));
                assertEquals((long) reference.getEmployees(), member.getEmployees(), "employees at close");
                groups.computeIfAbsent(MetricKeys.of(Scope.INDUSTRY_CHAIN, reference.getIndustryChain(), windowStart), k -> new ArrayList<>()).add(member);
                groups.computeIfAbsent(MetricKeys.of(Scope.REGION, reference.getRegion(), windowStart), k -> new ArrayList<>()).add(member);
                groups.computeIfAbsent(MetricKeys.of(Scope.PROVINCE, "ZJ", windowStart), k -> new ArrayList<>()).add(member);
            }
            groups.forEach((key, members) -> {
                List<MetricRecord> published = rollupFinals.get(key);
                assertNotNull(published, () -> "no final for " + key);
                MetricRecord actual = published.get(0);
                expected(members).forEach((field, value) -> assertField(key, field, value, actual.get(field)));
                assertEquals(members.size() < scenario.minGroupSize(), actual.getSuppressed(), key);
                MetricRecord update = lastUpdateBeforeFinal.get(key);
                // the update is covered up to its latest event, the final over the whole window; the registered
                // counts are the reference data's when each was made
                assertEquals(MetricRecord.newBuilder(update).setRevision(0).setFinal$(true).setEmittedAt(Instant.EPOCH)
                                .setCoveredUntil(actual.getWindowEnd()).setAnnualizedLaborProductivity(actual.getAnnualizedLaborProductivity())
                                .setRegisteredEnterprises(actual.getRegisteredEnterprises()).setRegisteredAboveScale(actual.getRegisteredAboveScale())
                                .setCoverage(actual.getCoverage()).build(),
                        MetricRecord.newBuilder(actual).setRevision(0).setEmittedAt(Instant.EPOCH).build(), key + ": final = last update");
                if (update.getAnnualizedLaborProductivity() != null) {
                    double elapsed = update.getCoveredUntil().toEpochMilli() - update.getWindowStart().toEpochMilli();
                    double window = actual.getWindowEnd().toEpochMilli() - actual.getWindowStart().toEpochMilli();
                    assertEquals(actual.getAnnualizedLaborProductivity(), update.getAnnualizedLaborProductivity() * elapsed / window,
                            1e-9 * Math.abs(actual.getAnnualizedLaborProductivity()) + 1e-12, key + ": annualized over the time covered");
                }
                if (key.startsWith("INDUSTRY_CHAIN:")) {
                    checkPercentiles(members);
                }
            });
            // A roll-up with no member at close is one every member left: it must be empty and suppressed.
            rollupFinals.forEach((key, published) -> {
                if (key.endsWith(":" + windowStart) && !groups.containsKey(key)) {
                    assertEquals(0, published.get(0).getEnterprises(), key);
                    assertTrue(published.get(0).getSuppressed(), key);
                }
            });
        }

        private void assertField(String key, String field, Object expected, Object actual) {
            String what = key + " " + field;
            if (expected == null) {
                assertNull(actual, what);
            } else if (expected instanceof Double d) {
                assertNotNull(actual, what);
                assertEquals(d, ((Number) actual).doubleValue(), 1e-9 * Math.max(1, Math.abs(d)), what);
            } else {
                assertEquals(expected, actual, what);
            }
        }

        /** the contract's roll-up of the members, written out plainly. */
        private Map<String, Object> expected(List<MetricRecord> members) {
            Map<String, Object> r = new HashMap<>();
            long n = members.size();
            long aboveScale = sum(members, MetricRecord::getAboveScaleEnterprises);
            long employees = sum(members, MetricRecord::getEmployees);
            double added = total(members, MetricRecord::getAddedValueCny);
            double workerHours = total(members, MetricRecord::getWorkerHours);
            long active = sum(members, MetricRecord::getActiveDevices);
            long nc = sum(members, MetricRecord::getNcDevices);
            long cloud = sum(members, MetricRecord::getCloudDevices);
            long good = sum(members, MetricRecord::getGoodUnits);
            long defect = sum(members, MetricRecord::getDefectUnits);
            long running = sum(members, MetricRecord::getRunningSeconds);
            long idle = sum(members, MetricRecord::getIdleSeconds);
            long down = sum(members, MetricRecord::getDownSeconds);
            double energy = total(members, MetricRecord::getEnergyKwh);
            long digitized = sum(members, MetricRecord::getDigitizedProcesses);
            long fullyAboveScale = sum(members, MetricRecord::getFullyDigitizedAboveScale);
            long onCloud = sum(members, MetricRecord::getOnCloudEnterprises);
            r.put("enterprises", n);
            r.put("aboveScaleEnterprises", aboveScale);
            r.put("employees", employees);
            r.put("addedValueCny", added);
            r.put("outputValueCny", total(members, MetricRecord::getOutputValueCny));
            r.put("workerHours", workerHours);
            r.put("laborProductivityPerWorkerHour", workerHours == 0 ? null : added / workerHours);
            r.put("annualizedLaborProductivity", employees == 0 ? null : added / employees * WINDOWS_PER_YEAR / 10_000);
            r.put("activeDevices", active);
            r.put("ncDevices", nc);
            r.put("cloudDevices", cloud);
            r.put("ncRatio", active == 0 ? null : (double) nc / active);
            r.put("deviceCloudRatio", active == 0 ? null : (double) cloud / active);
            r.put("goodUnits", good);
            r.put("defectUnits", defect);
            r.put("qualityRate", good + defect == 0 ? null : (double) good / (good + defect));
            r.put("runningSeconds", running);
            r.put("idleSeconds", idle);
            r.put("downSeconds", down);
            r.put("availability", running + idle + down == 0 ? null : (double) running / (running + idle + down));
            r.put("energyKwh", energy);
            r.put("energyIntensity", added == 0 ? null : energy / (added / 10_000));
            r.put("digitizedProcesses", digitized);
            r.put("digitizedProcessRatio", (double) digitized / (8 * n));
            r.put("fullyDigitizedEnterprises", sum(members, MetricRecord::getFullyDigitizedEnterprises));
            r.put("fullyDigitizedAboveScale", fullyAboveScale);
            r.put("onCloudEnterprises", onCloud);
            r.put("cloudAdoptionRate", (double) onCloud / n);
            r.put("smartFactoryEnterprises", sum(members, MetricRecord::getSmartFactoryEnterprises));
            r.put("fullyDigitizedRate", aboveScale == 0 ? null : (double) fullyAboveScale / aboveScale);
            if (n < scenario.minGroupSize()) {
                r.replaceAll((field, value) -> field.equals("enterprises") ? value : null);
            }
            r.put("lateEventsInGrace", sum(members, MetricRecord::getLateEventsInGrace));
            r.put("duplicatesDropped", sum(members, MetricRecord::getDuplicatesDropped));
            r.put("lastEventTime", members.stream().map(MetricRecord::getLastEventTime).filter(Objects::nonNull)
                    .max(Instant::compareTo).orElse(null));
            return r;
        }

        /** Percent of the chain's members with a value at or below each member's, for chains large enough. */
        private void checkPercentiles(List<MetricRecord> chain) {
            Map<String, Function<MetricRecord, Double>> metrics = Map.of(
                    "annualizedLaborProductivity", MetricRecord::getAnnualizedLaborProductivity,
                    "availability", MetricRecord::getAvailability,
                    "digitizedProcessRatio", MetricRecord::getDigitizedProcessRatio);
            for (MetricRecord member : chain) {
                Map<String, Double> expected = new TreeMap<>();
                metrics.forEach((metric, value) -> {
                    List<Double> values = chain.stream().map(value).filter(Objects::nonNull).toList();
                    Double mine = value.apply(member);
                    if (mine != null && values.size() >= scenario.minGroupSize()) {
                        expected.put(metric, 100.0 * values.stream().filter(v -> v <= mine).count() / values.size());
                    }
                });
                assertEquals(expected, new TreeMap<>(member.getChainPercentiles()), member.getScopeId() + " percentiles");
            }
        }

        private static long sum(List<MetricRecord> members, Function<MetricRecord, Long> field) {
            return members.stream().mapToLong(field::apply).sum();
        }

        private static double total(List<MetricRecord> members, Function<MetricRecord, Double> field) {
            return members.stream().mapToDouble(field::apply).sum();
        }
    }
}
