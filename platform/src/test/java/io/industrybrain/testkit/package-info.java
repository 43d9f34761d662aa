/**
 * The integration-test harness every module's ITs share (this module's test-jar): one embedded broker per test
 * JVM with the project's registry on it ({@link io.industrybrain.testkit.EmbeddedKafkaExtension}), record helpers
 * with named waits ({@link io.industrybrain.testkit.KafkaRecords}), and the real peers a test installs from Debian
 * ({@link io.industrybrain.testkit.DebianPackages}, {@link io.industrybrain.testkit.ConfluentPython}).
 */
package io.industrybrain.testkit;
