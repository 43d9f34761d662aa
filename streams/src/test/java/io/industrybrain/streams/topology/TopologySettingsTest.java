package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.industrybrain.streams.topology.progress.ProgressTimings;
import io.industrybrain.topics.TopicNames;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TopologySettingsTest {

    private final TopicNames topics = new TopicNames("brain");
    private final TopologySettings defaults = TopologySettings.defaults(topics);

    @Test
    void eachCopyChangesItsOwnComponentsAndKeepsEveryOther() {
        ProgressTimings progress = new ProgressTimings(Duration.ofMillis(200), Duration.ofSeconds(2));
        TopologySettings changed = defaults
                .withWindow(Duration.ofMinutes(5), Duration.ofMinutes(1))
                .withSmartFactoryThresholds(0.6, 0.5)
                .withUpdateInterval(Duration.ofMillis(250))
                .withIntakeTasks(4)
                .withPartitions(12)
                .withMinGroupSize(5)
                .withProgress(progress)
                .withPeriodZone(ZoneId.of("Europe/Berlin"));

        TopologySettings expected = new TopologySettings(topics, Duration.ofMinutes(5),
                Duration.ofMinutes(1), 0.6, 0.5, Duration.ofMillis(250), 4, 12, 5, progress, ZoneId.of("Europe/Berlin"));
        assertEquals(expected, changed);
        assertEquals(new TopologySettings(topics, Duration.ofHours(1), Duration.ofMinutes(10), 0.7, 0.7,
                Duration.ofSeconds(1), 1, 12, 3, ProgressTimings.DEFAULTS, ZoneId.of("Asia/Shanghai")), defaults.withPartitions(12));
    }

    @Test
    void aCopyIsCheckedLikeANewValueAndNamesTheSetting() {
        InvalidSettingException grace = assertThrows(InvalidSettingException.class,
                () -> defaults.withWindow(Duration.ofMinutes(5), Duration.ofMinutes(-1)));
        assertEquals("grace", grace.setting());
        InvalidSettingException partitions = assertThrows(InvalidSettingException.class, () -> defaults.withPartitions(0));
        assertEquals("partitions", partitions.setting());
        InvalidSettingException ratio = assertThrows(InvalidSettingException.class,
                () -> defaults.withSmartFactoryThresholds(0.7, 1.5));
        assertEquals("smart.factory.min.cloud.ratio", ratio.setting());
    }
}
