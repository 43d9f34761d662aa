"""Drives a schema registry with Confluent's own Python client and prints what the client got back.

ConfluentPythonClientIT runs it against SchemaRegistryServer and checks every line. No broker is
needed: the Avro serializer is called directly with a SerializationContext, as a producer would.

Usage (Debian's client runs with the system interpreter, not another python3 on PATH):
    /usr/bin/python3 confluent_client_check.py REGISTRY_URL TOPIC

Prints one `name=value` line per answer:
    registered_id, schema_by_id, subjects, latest_version, latest_id, lookup_version, lookup_id,
    compatibility_level, compatible_with_unit, compatible_with_required, serialized_hex
"""
import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

READING = json.dumps({
    "type": "record", "name": "Reading", "namespace": "test",
    "fields": [{"name": "sensor", "type": "string"}]})

# READING plus a field with a default: backward compatible.
READING_WITH_UNIT = json.dumps({
    "type": "record", "name": "Reading", "namespace": "test",
    "fields": [{"name": "sensor", "type": "string"},
               {"name": "unit", "type": "string", "default": "kWh"}]})

# READING plus a field without a default: not backward compatible.
READING_WITH_REQUIRED_VALUE = json.dumps({
    "type": "record", "name": "Reading", "namespace": "test",
    "fields": [{"name": "sensor", "type": "string"},
               {"name": "value", "type": "double"}]})


def report(name, value):
    print("%s=%s" % (name, value), flush=True)


def main(url, topic):
    client = SchemaRegistryClient({"url": url})
    subject = topic + "-value"

    report("registered_id", client.register_schema(subject, Schema(READING, "AVRO")))
    report("schema_by_id", client.get_schema(1).schema_str)
    report("subjects", json.dumps(client.get_subjects()))
    latest = client.get_latest_version(subject)
    report("latest_version", latest.version)
    report("latest_id", latest.schema_id)
    found = client.lookup_schema(subject, Schema(READING, "AVRO"))
    report("lookup_version", found.version)
    report("lookup_id", found.schema_id)
    report("compatibility_level", client.get_compatibility())
    report("compatible_with_unit", client.test_compatibility(subject, Schema(READING_WITH_UNIT, "AVRO")))
    report("compatible_with_required",
           client.test_compatibility(subject, Schema(READING_WITH_REQUIRED_VALUE, "AVRO")))

    # The serializer registers READING_WITH_UNIT under <topic>-value itself, as a producer would.
    serializer = AvroSerializer(client, READING_WITH_UNIT)
    payload = serializer({"sensor": "meter-7", "unit": "kWh"}, SerializationContext(topic, MessageField.VALUE))
    report("serialized_hex", payload.hex())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
