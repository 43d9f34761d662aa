package io.industrybrain.app.observability;

import org.junit.jupiter.api.Test;

/**
 * docker/prometheus as Prometheus itself reads it: the configuration and the alert rules are valid,
 * and the alerts' unit tests (alerts.test.yml: each alert firing on its data, silent on healthy data)
 * pass. Runs Debian's promtool, installed when missing.
 */
class PrometheusRulesTest {

    @Test
    void theConfigurationIsValid() {
        Promtool.run("check", "config", Promtool.PROMETHEUS.resolve("prometheus.yml").toString());
    }

    @Test
    void theAlertRulesAreValid() {
        Promtool.run("check", "rules", Promtool.PROMETHEUS.resolve("alerts.yml").toString());
    }

    @Test
    void theAlertsFireOnTheirDataAndOnlyThere() {
        Promtool.run("test", "rules", Promtool.PROMETHEUS.resolve("alerts.test.yml").toString());
    }
}
