"""Reads a topic with Confluent's own Python client (Debian's python3-confluent-kafka), exactly as a
consumer written in Python would: DeserializingConsumer + AvroDeserializer against the registry,
string keys.

usage: /usr/bin/python3 confluent_consume.py BOOTSTRAP REGISTRY_URL TOPIC KEY
Prints the value of the first record with that key as one JSON object; timestamp-millis fields
(which fastavro reads as datetimes) as epoch milliseconds. Exits 1 if none arrives in 30 s.
"""
import datetime
import json
import sys
import time
import uuid

from confluent_kafka import DeserializingConsumer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import StringDeserializer

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def plain(value):
    if isinstance(value, datetime.datetime):
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    return value


def main():
    bootstrap, registry_url, topic, key = sys.argv[1:5]
    consumer = DeserializingConsumer({
        "bootstrap.servers": bootstrap,
        "group.id": "confluent-consume-" + str(uuid.uuid4()),
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "key.deserializer": StringDeserializer("utf_8"),
        "value.deserializer": AvroDeserializer(schema_registry_client=SchemaRegistryClient({"url": registry_url})),
    })
    consumer.subscribe([topic])
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error() is not None:
                raise SystemExit("consume failed: %s" % msg.error())
            if msg.key() == key:
                print(json.dumps({name: plain(value) for name, value in msg.value().items()}, sort_keys=True))
                return
    finally:
        consumer.close()
    raise SystemExit("no record with key %s on %s within 30 s" % (key, topic))


if __name__ == "__main__":
    main()
