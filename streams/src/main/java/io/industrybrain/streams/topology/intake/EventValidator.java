package io.industrybrain.streams.topology.intake;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a decoded record against the ranges docs/contract.md names. The answer is a readable message listing
 * every problem (it becomes the dead letter's {@code brain.dlq.error}), or empty when the record is valid.
 *
 * <p>Beyond the contract's ranges: an id counts as empty when it is blank, and an eventTime before
 * 1970 is invalid because Kafka cannot carry negative timestamps (the window stage stamps its records
 * with the eventTime).
 */
public final class EventValidator {

    /** How far ahead of the wall clock an eventTime may be (docs/contract.md): more is a gateway with a wrong clock. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private final Clock clock;

    public EventValidator(Clock clock) {
        this.clock = clock;
    }

    public Optional<String> problemsWith(DecodedEvent event) {
        Problems problems = new Problems();
        switch (event.kind()) {
            case TELEMETRY -> telemetry(event.telemetry(), problems);
            case PRODUCTION -> production(event.production(), problems);
            case SHIFT -> shift(event.shift(), problems);
            case PROCESS -> heartbeat(event.heartbeat(), problems);
        }
        eventTime(event.eventTime(), problems);
        return problems.message();
    }

    /** Reference data: its id must match the record key, or the table would answer for the wrong key. */
    public Optional<String> problemsWith(Enterprise enterprise, String key) {
        Problems problems = new Problems();
        problems.requireId("enterpriseId", enterprise.getEnterpriseId());
        if (!enterprise.getEnterpriseId().equals(key)) {
            problems.add("enterpriseId '" + enterprise.getEnterpriseId() + "' differs from the record key '" + key + "'");
        }
        problems.requireId("name", enterprise.getName());
        problems.requireId("region", enterprise.getRegion());
        problems.requireId("industryChain", enterprise.getIndustryChain());
        if (enterprise.getEmployees() <= 0) {
            problems.add("employees must be > 0, was " + enterprise.getEmployees());
        }
        return problems.message();
    }

    private static void telemetry(MachineTelemetry t, Problems problems) {
        problems.requireId("deviceId", t.getDeviceId());
        problems.requireId("enterpriseId", t.getEnterpriseId());
        problems.requireId("lineId", t.getLineId());
        if (t.getSampleSeconds() <= 0) {
            problems.add("sampleSeconds must be > 0, was " + t.getSampleSeconds());
        }
        problems.requireNotNegative("goodUnits", t.getGoodUnits());
        problems.requireNotNegative("defectUnits", t.getDefectUnits());
        problems.requireFiniteNotNegative("energyKwh", t.getEnergyKwh());
    }

    private static void production(ProductionOutput p, Problems problems) {
        problems.requireId("batchId", p.getBatchId());
        problems.requireId("enterpriseId", p.getEnterpriseId());
        problems.requireId("lineId", p.getLineId());
        problems.requireId("productCode", p.getProductCode());
        problems.requireNotNegative("quantity", p.getQuantity());
        problems.requireFiniteNotNegative("outputValueCny", p.getOutputValueCny());
        problems.requireFiniteNotNegative("addedValueCny", p.getAddedValueCny());
    }

    private static void shift(WorkShift s, Problems problems) {
        problems.requireId("shiftId", s.getShiftId());
        problems.requireId("enterpriseId", s.getEnterpriseId());
        problems.requireNotNegative("workers", s.getWorkers());
        if (!(s.getHours() >= 0.0 && s.getHours() <= 24.0)) {
            problems.add("hours must be within [0, 24], was " + s.getHours());
        }
    }

    private static void heartbeat(ProcessHeartbeat h, Problems problems) {
        problems.requireId("enterpriseId", h.getEnterpriseId());
        problems.requireId("system", h.getSystem());
    }

    private void eventTime(Instant eventTime, Problems problems) {
        if (eventTime.toEpochMilli() < 0) {
            problems.add("eventTime " + eventTime + " is before 1970");
        }
        Instant now = clock.instant();
        if (eventTime.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            problems.add("eventTime " + eventTime + " is more than " + MAX_CLOCK_AHEAD.toMinutes()
                    + " minutes ahead of the wall clock (" + now + ")");
        }
    }

    private static final class Problems {
        private final List<String> found = new ArrayList<>();

        void add(String problem) {
            found.add(problem);
        }

        void requireId(String field, String value) {
            if (value == null || value.isBlank()) {
                add(field + " is empty");
            }
        }

        void requireNotNegative(String field, long value) {
            if (value < 0) {
                add(field + " must be >= 0, was " + value);
            }
        }

        void requireFiniteNotNegative(String field, double value) {
            if (!Double.isFinite(value)) {
                add(field + " must be a finite number, was " + value);
            } else if (value < 0) {
                add(field + " must be >= 0, was " + value);
            }
        }

        Optional<String> message() {
            return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
        }
    }
}
