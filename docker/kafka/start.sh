#!/usr/bin/env bash
# One node of the stack's three-node KRaft cluster (broker and controller in one process), written as
# server.properties from the environment (NODE_ID, CLUSTER_ID) and the secrets volume, formatted on its first start
# with the SCRAM users of the stack, then started. Clients and brokers speak SASL_SSL (SCRAM-SHA-512); the
# controllers speak TLS. Replication factor 3 and min ISR 2 everywhere, as exactly-once needs on a real cluster.
set -euo pipefail
id=${NODE_ID:?NODE_ID}
cluster=${CLUSTER_ID:?CLUSTER_ID}
secrets=/secrets
store=$(cat "$secrets/store.password")
config=/tmp/server.properties

cat > "$config" <<PROPERTIES
process.roles=broker,controller
node.id=$id
controller.quorum.voters=1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093
controller.listener.names=CONTROLLER
listeners=INTERNAL://:9092,CONTROLLER://:9093,HOST://:9094
advertised.listeners=INTERNAL://kafka-$id:9092,HOST://localhost:${id}9094
listener.security.protocol.map=INTERNAL:SASL_SSL,HOST:SASL_SSL,CONTROLLER:SSL
inter.broker.listener.name=INTERNAL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=$(cat "$secrets/admin.jaas")
listener.name.host.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.location=$secrets/kafka.keystore.p12
ssl.keystore.password=$store
ssl.key.password=$store
ssl.keystore.type=PKCS12
ssl.truststore.location=$secrets/truststore.p12
ssl.truststore.password=$store
ssl.truststore.type=PKCS12
log.dirs=/var/lib/kafka/data
auto.create.topics.enable=false
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
PROPERTIES

# what the health check's client needs: the admin user over the internal listener
cat > /tmp/client.properties <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$(cat "$secrets/admin.jaas")
ssl.truststore.location=$secrets/truststore.p12
ssl.truststore.password=$store
ssl.truststore.type=PKCS12
PROPERTIES

scram() { printf 'SCRAM-SHA-512=[name=%s,password=%s]' "$1" "$(cat "$secrets/$1.password")"; }
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$cluster" --config "$config" \
  --add-scram "$(scram admin)" --add-scram "$(scram brain)" --add-scram "$(scram registry)" --add-scram "$(scram connect)"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
