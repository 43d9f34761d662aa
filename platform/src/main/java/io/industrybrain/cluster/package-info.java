/**
 * Kafka for the product itself: an in-process single-node KRaft cluster
 * ({@link io.industrybrain.cluster.EmbeddedKafkaCluster}) for demos and tests, and what the
 * application does against any cluster before it starts its topologies: check that the cluster
 * answers ({@link io.industrybrain.cluster.ClusterReachability}) and create the missing topics
 * ({@link io.industrybrain.cluster.TopicCreator}).
 *
 * <p>Logging: the embedded broker logs through slf4j. Under slf4j-simple it turns the loggers
 * {@code kafka}, {@code org.apache.kafka} and {@code state.change.logger} down to WARN unless a
 * level for them is already set, e.g. {@code -Dorg.slf4j.simpleLogger.log.org.apache.kafka=info}
 * brings the broker's INFO lines back. With another binding, set those loggers in its own file.
 */
package io.industrybrain.cluster;
