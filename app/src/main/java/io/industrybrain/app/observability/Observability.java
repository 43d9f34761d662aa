package io.industrybrain.app.observability;

import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.app.StartedParts;
import io.industrybrain.app.http.HttpApi;
import io.industrybrain.app.query.EnterpriseDirectory;
import io.industrybrain.app.query.MetricsView;
import io.industrybrain.app.query.ClusterOutcomes;
import io.industrybrain.app.query.OutputTopicsFeed;
import io.industrybrain.app.query.PeriodHistory;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.window.OpenWindows;
import io.industrybrain.topics.TopicNames;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app exposes about itself: the Prometheus registry with the JVM, process, Kafka Streams and
 * product meters ({@code docs/metrics.md} lists them), the metrics view of the output topics that feeds
 * the indicator gauges, the latency histograms and the query API, and the {@code /metrics} route.
 */
public final class Observability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);
    /** How often the Kafka binder looks for client metrics that appeared since (partitions assigned, threads added). */
    private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsView view = new MetricsView();
    private final EnterpriseDirectory enterprises = new EnterpriseDirectory();
    private ClusterOutcomes outcomes;
    private final List<RefreshedOnScrape> refreshedOnScrape = new ArrayList<>();
    private final StartedParts running = new StartedParts();
    /** Meters read their binders through weak references: the binders live as long as this. */
    private final List<Object> binders = new ArrayList<>();

    private Observability() { }

    /**
     * Binds every meter and starts reading the output topics.
     *
     * @param streams the app's Kafka Streams, started or not
     * @param periods the period history in its store, which the year-to-date gauges read at each scrape
     */
    public static Observability start(TopologySettings topology, String applicationId, KafkaClientSettings clients,
                                      SchemaRegistryClient registry, KafkaStreams streams, PeriodHistory periods,
                                      OutcomeCounters counters, OpenWindows openWindows, Clock clock) {
        Observability observability = new Observability();
        try {
            observability.startAll(topology, applicationId, clients, registry, streams, periods, counters, openWindows, clock);
            return observability;
        } catch (RuntimeException e) {
            observability.close();
            throw e;
        }
    }

    private void startAll(TopologySettings topology, String applicationId, KafkaClientSettings clients, SchemaRegistryClient schemaRegistry,
                          KafkaStreams streams, PeriodHistory periods, OutcomeCounters counters, OpenWindows openWindows, Clock clock) {
        running.add(registry::close);
        registry.config().meterFilter(new UnderscoredTopicCopies(streams::metrics));
        registry.config().meterFilter(new StateStoreTags());
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        running.add(gc);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);

        ScheduledExecutorService kafkaRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "brain-kafka-metrics");
            t.setDaemon(true);
            return t;
        });
        running.add(kafkaRefresh::shutdownNow);
        KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams, Tags.empty(), kafkaRefresh, KAFKA_METRICS_REFRESH);
        running.add(kafka);
        kafka.bindTo(registry);
        bind(new StreamsStateGauge(streams));

        TopicNames topics = topology.topics();
        outcomes = new ClusterOutcomes(applicationId, counters, topics);
        bind(new OutcomeMetrics(counters, outcomes, topics));
        bind(new WindowGauges(openWindows, topology.window(), topology.grace(), clock));
        bind(new IndicatorGauges(view));
        bind(new PeriodGauges(periods));

        EmitLatency latency = new EmitLatency(registry, clock.instant());
        binders.add(latency);
        running.add(OutputTopicsFeed.start(clients, schemaRegistry, topics, topology.window(), topology.grace(),
                view, enterprises, outcomes, latency, clock));
        LOG.info("metrics view reading {} and {}, enterprises reading {}, outcome ledger reading {}", topics.metrics(),
                topics.metricsFinal(), topics.enterprises(), topics.outcomes());
    }

    private void bind(MeterBinder binder) {
        binders.add(binder);
        binder.bindTo(registry);
        if (binder instanceof RefreshedOnScrape refreshed) {
            refreshedOnScrape.add(refreshed);
        }
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    public HttpApi.Route metricsRoute() {
        return exchange -> HttpApi.Response.text(200, scrape());
    }

    /** One scrape at a time: each reads the snapshots its own refresh took. */
    private synchronized String scrape() {
        refreshedOnScrape.forEach(RefreshedOnScrape::refresh);
        return registry.scrape();
    }

    /** The latest output records and targets, for the query API. */
    public MetricsView view() {
        return view;
    }

    /** The enterprises of brain.enterprises and their chains, for the query API's rankings. */
    public EnterpriseDirectory enterprises() {
        return enterprises;
    }

    /** The cluster's outcome totals, for the query API. */
    public ClusterOutcomes outcomes() {
        return outcomes;
    }

    /** Closes everything that started, newest first. */
    @Override
    public void close() {
        running.close();
    }
}
