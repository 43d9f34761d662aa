package io.industrybrain.streams.topology;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import java.time.Instant;

/** Contract records for tests, with the fields a test does not care about set to harmless values. */
public final class Events {

    private Events() { }

    public static Enterprise enterprise(String id, boolean aboveScale, int employees) {
        return enterprise(id, "IC", "HZ", aboveScale, employees);
    }

    public static Enterprise enterprise(String id, String industryChain, String region, boolean aboveScale, int employees) {
        return Enterprise.newBuilder()
                .setEnterpriseId(id).setName("Enterprise " + id).setRegion(region).setIndustryChain(industryChain)
                .setAboveScale(aboveScale).setEmployees(employees).setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }

    /** A telemetry sample; units, energy and flags as the arguments say. */
    public static MachineTelemetry sample(String device, String enterprise, long seq, Instant at, MachineState state, int seconds,
                                   int good, int defect, double kwh, boolean nc, boolean cloud) {
        return MachineTelemetry.newBuilder()
                .setDeviceId(device).setEnterpriseId(enterprise).setLineId("L1").setSeq(seq).setEventTime(at)
                .setSampleSeconds(seconds).setState(state).setGoodUnits(good).setDefectUnits(defect).setEnergyKwh(kwh)
                .setNumericallyControlled(nc).setCloudConnected(cloud)
                .build();
    }

    /** A RUNNING 60 s sample with no units and no energy: only presence matters to the test. */
    public static MachineTelemetry sample(String device, String enterprise, long seq, Instant at) {
        return sample(device, enterprise, seq, at, MachineState.RUNNING, 60, 0, 0, 0.0, false, false);
    }

    public static ProductionOutput batch(String batchId, String enterprise, Instant at, double outputValue, double addedValue) {
        return ProductionOutput.newBuilder()
                .setBatchId(batchId).setEnterpriseId(enterprise).setLineId("L1").setProductCode("P1").setQuantity(10)
                .setOutputValueCny(outputValue).setAddedValueCny(addedValue).setEventTime(at)
                .build();
    }

    public static WorkShift shift(String shiftId, String enterprise, Instant at, int workers, double hours) {
        return WorkShift.newBuilder()
                .setShiftId(shiftId).setEnterpriseId(enterprise).setWorkers(workers).setHours(hours).setEventTime(at)
                .build();
    }

    public static ProcessHeartbeat heartbeat(String enterprise, KeyProcess process, Hosting hosting, boolean digitized, Instant at) {
        return ProcessHeartbeat.newBuilder()
                .setEnterpriseId(enterprise).setProcess(process).setSystem("ERP").setHosting(hosting)
                .setDigitized(digitized).setEventTime(at)
                .build();
    }
}
