package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.Sums;
import io.industrybrain.streams.topology.internal.DevicePeriod;
import io.industrybrain.streams.topology.internal.DevicePeriodState;
import io.industrybrain.streams.topology.internal.DeviceWindowState;
import io.industrybrain.streams.topology.internal.EnterprisePeriodState;
import io.industrybrain.streams.topology.internal.EnterprisePeriods;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import io.industrybrain.streams.topology.internal.PeriodSums;
import io.industrybrain.streams.topology.PeriodCalendar;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The window stage's side of the calendar periods (see the package {@code period}): when an enterprise's window closes
 * in its partition, the window's sums are added to the enterprise's sums over the day, month, quarter and year holding
 * it, and each of the window's devices to the device's record of those periods, so that a period counts a device
 * once, with the flags of its last sample in the period, exactly as a window does. Sums add up in window order,
 * since a partition closes its windows in order; a period's device counts move with the device records, as a
 * window's do with its samples.
 */
final class EnterprisePeriodAccumulator {

    private final PeriodCalendar calendar;
    private final EnterpriseMetricsCalculator calculator;
    private final KeyValueStore<String, EnterprisePeriodState> enterprises;
    private final KeyValueStore<String, DevicePeriodState> devices;

    EnterprisePeriodAccumulator(PeriodCalendar calendar, EnterpriseMetricsCalculator calculator,
                                KeyValueStore<String, EnterprisePeriodState> enterprises, KeyValueStore<String, DevicePeriodState> devices) {
        this.calendar = calendar;
        this.calculator = calculator;
        this.enterprises = enterprises;
        this.devices = devices;
    }

    /** Begins the close of one window in this partition. */
    WindowClose closing(long windowStart) {
        return new WindowClose(windowStart, calendar.spansOf(windowStart));
    }

    /** The close of one window: its enterprises' states and its devices added, then {@link #finish}. */
    final class WindowClose {

        private final long windowStart;
        private final List<PeriodCalendar.Span> spans;
        /** The enterprises the window closes for, by id, as they will be written. */
        private final SortedMap<String, EnterprisePeriodState> closing = new TreeMap<>();

        private WindowClose(long windowStart, List<PeriodCalendar.Span> spans) {
            this.windowStart = windowStart;
            this.spans = spans;
        }

        /** Adds an enterprise's closing state of the window to its periods. */
        void enterprise(EnterpriseWindowState window) {
            List<EnterpriseWindowState> periods = periodsOf(window.getEnterpriseId()).getPeriods();
            for (EnterpriseWindowState period : periods) {
                add(period, window);
            }
        }

        /** Adds one device of an enterprise in the window, with its last sample there. */
        void device(String enterpriseId, String deviceKey, DeviceWindowState window) {
            List<EnterpriseWindowState> periods = periodsOf(enterpriseId).getPeriods();
            DevicePeriodState device = devices.get(deviceKey);
            List<DevicePeriod> kept = device == null ? List.of() : device.getPeriods();
            List<DevicePeriod> next = new ArrayList<>(spans.size());
            for (int i = 0; i < spans.size(); i++) {
                EnterpriseWindowState period = periods.get(i);
                DevicePeriod before = i < kept.size() ? kept.get(i) : null;
                int nc = window.getNumericallyControlled() ? 1 : 0;
                int cloud = window.getCloudConnected() ? 1 : 0;
                if (before == null || before.getPeriodStart() != period.getWindowStart()) {
                    period.setActiveDevices(period.getActiveDevices() + 1);
                    period.setNcDevices(period.getNcDevices() + nc);
                    period.setCloudDevices(period.getCloudDevices() + cloud);
                    next.add(new DevicePeriod(period.getWindowStart(), window.getLastSeq(), window.getNumericallyControlled(),
                            window.getCloudConnected()));
                } else if (window.getLastSeq() > before.getLastSeq()) {
                    period.setNcDevices(period.getNcDevices() + nc - (before.getNumericallyControlled() ? 1 : 0));
                    period.setCloudDevices(period.getCloudDevices() + cloud - (before.getCloudConnected() ? 1 : 0));
                    next.add(new DevicePeriod(period.getWindowStart(), window.getLastSeq(), window.getNumericallyControlled(),
                            window.getCloudConnected()));
                } else {
                    next.add(before);
                }
            }
            devices.put(deviceKey, new DevicePeriodState(next));
        }

        /** Writes the enterprises' period states; returns what the period stage is sent, in enterpriseId order. */
        List<EnterprisePeriods> finish() {
            List<EnterprisePeriods> sent = new ArrayList<>(closing.size());
            closing.forEach((enterpriseId, state) -> {
                enterprises.put(enterpriseId, state);
                List<PeriodSums> sums = new ArrayList<>(spans.size());
                for (int i = 0; i < spans.size(); i++) {
                    PeriodCalendar.Span span = spans.get(i);
                    sums.add(new PeriodSums(span.period(), span.start(), span.end(), state.getFirstWindows().get(i),
                            calculator.sums(state.getPeriods().get(i))));
                }
                EnterpriseWindowState latest = state.getPeriods().get(0);
                sent.add(new EnterprisePeriods(enterpriseId, windowStart, latest.getIndustryChain(), latest.getRegion(), sums));
            });
            return sent;
        }

        /** The enterprise's period state, each period begun afresh where the window starts a new one. */
        private EnterprisePeriodState periodsOf(String enterpriseId) {
            EnterprisePeriodState state = closing.get(enterpriseId);
            if (state != null) {
                return state;
            }
            state = enterprises.get(enterpriseId);
            List<EnterpriseWindowState> periods = new ArrayList<>(spans.size());
            List<Long> firstWindows = new ArrayList<>(spans.size());
            for (int i = 0; i < spans.size(); i++) {
                EnterpriseWindowState kept = state == null || i >= state.getPeriods().size() ? null : state.getPeriods().get(i);
                long start = spans.get(i).start();
                if (kept != null && kept.getWindowStart() == start) {
                    periods.add(kept);
                    firstWindows.add(state.getFirstWindows().get(i));
                } else {
                    periods.add(EnterpriseWindowState.newBuilder().setEnterpriseId(enterpriseId).setWindowStart(start).build());
                    firstWindows.add(windowStart);
                }
            }
            state = new EnterprisePeriodState(enterpriseId, periods, firstWindows);
            closing.put(enterpriseId, state);
            return state;
        }
    }

    /** Adds a window's sums, except its devices, to a period's; the filing and reference data are the window's. */
    private static void add(EnterpriseWindowState period, EnterpriseWindowState window) {
        period.setAboveScale(window.getAboveScale());
        period.setEmployees(window.getEmployees());
        period.setIndustryChain(window.getIndustryChain());
        period.setRegion(window.getRegion());
        period.setAddedValueCny(period.getAddedValueCny() + window.getAddedValueCny());
        period.setOutputValueCny(period.getOutputValueCny() + window.getOutputValueCny());
        period.setWorkerHours(period.getWorkerHours() + window.getWorkerHours());
        period.setGoodUnits(period.getGoodUnits() + window.getGoodUnits());
        period.setDefectUnits(period.getDefectUnits() + window.getDefectUnits());
        period.setRunningSeconds(period.getRunningSeconds() + window.getRunningSeconds());
        period.setIdleSeconds(period.getIdleSeconds() + window.getIdleSeconds());
        period.setDownSeconds(period.getDownSeconds() + window.getDownSeconds());
        period.setEnergyKwh(period.getEnergyKwh() + window.getEnergyKwh());
        period.setDigitizedProcesses(period.getDigitizedProcesses() | window.getDigitizedProcesses());
        period.setOnCloud(period.getOnCloud() || window.getOnCloud());
        period.setLateEventsInGrace(period.getLateEventsInGrace() + window.getLateEventsInGrace());
        period.setDuplicatesDropped(period.getDuplicatesDropped() + window.getDuplicatesDropped());
        period.setLastEventTime(Sums.latest(period.getLastEventTime(), window.getLastEventTime()));
        period.setLastIngestTime(Sums.latest(period.getLastIngestTime(), window.getLastIngestTime()));
    }
}
