"""Publishes records with Confluent's own Python client (Debian's python3-confluent-kafka), exactly
as a factory gateway written in Python would: SerializingProducer + AvroSerializer against the
registry, subject <topic>-value, string keys.

usage: /usr/bin/python3 confluent_produce.py BOOTSTRAP REGISTRY_URL TOPIC SCHEMA.avsc RECORDS.json
RECORDS.json is a JSON list of [key, value] pairs; timestamp-millis fields are given as epoch millis.
Prints one line per record: "<partition> <offset> <schema id>".
"""
import json
import struct
import sys

from confluent_kafka import SerializingProducer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import StringSerializer


def main():
    bootstrap, registry_url, topic, schema_path, records_path = sys.argv[1:6]
    with open(schema_path) as f:
        schema_str = f.read()
    with open(records_path) as f:
        records = json.load(f)

    registry = SchemaRegistryClient({"url": registry_url})
    producer = SerializingProducer({
        "bootstrap.servers": bootstrap,
        "key.serializer": StringSerializer("utf_8"),
        "value.serializer": AvroSerializer(registry, schema_str, conf={"auto.register.schemas": True}),
        "enable.idempotence": True,
    })
    delivered = []

    def on_delivery(err, msg):
        if err is not None:
            raise SystemExit("delivery failed: %s" % err)
        schema_id = struct.unpack(">bI", msg.value()[:5])[1]
        delivered.append("%d %d %d" % (msg.partition(), msg.offset(), schema_id))

    for key, value in records:
        producer.produce(topic, key=key, value=value, on_delivery=on_delivery)
    producer.flush(30)
    if len(delivered) != len(records):
        raise SystemExit("only %d of %d records delivered" % (len(delivered), len(records)))
    print("\n".join(delivered))


if __name__ == "__main__":
    main()
