/**
 * The project's schema registry: a server speaking Confluent's Schema Registry REST API (Avro only), for the
 * embedded default and for any cluster without a registry of its own. It owns the REST resources
 * ({@link io.industrybrain.registry.RegistryHttpApi}), the subjects, versions, ids and compatibility rules
 * ({@link io.industrybrain.registry.RegistryState}, {@link io.industrybrain.registry.CompatibilityChecker}) and
 * their storage as events in one compacted topic ({@link io.industrybrain.registry.KafkaRegistryLog},
 * {@link io.industrybrain.registry.RegistryRecordCodec}); {@link io.industrybrain.registry.SchemaRegistryServer}
 * explains how several instances agree on every id without a leader.
 *
 * <p>It may use the broker package only to create its topic ({@link io.industrybrain.cluster.TopicCreator}); the
 * broker package does not use it. Clients of a registry are the {@code serde} module's, not this package's.
 */
package io.industrybrain.registry;
