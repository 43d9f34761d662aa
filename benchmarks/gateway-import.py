"""Sends three local days of a small fleet's history as a factory gateway's import would, with Confluent's
Python client (Debian's python3-confluent-kafka, and fastavro), through one producer (linger.ms=20): 6 plants
x 3 machines, a sample every 20 minutes, a batch every 3 h, a shift every 8 h, the 8 process heartbeats every 6 h; reference data first, then every record of every topic in event-time order.

usage: /usr/bin/python3 benchmarks/gateway-import.py BOOTSTRAP REGISTRY_URL SCHEMA_DIR [paced]
  paced: an hour of event time at a time, each hour acknowledged, 0.2 s pause; else as fast as Kafka takes it

Then /api/outcomes says how many were LATE; docs/decisions.md, "Quiet is shown by Kafka's offsets".
"""
import json, sys, time
from confluent_kafka import Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

bootstrap, registry_url, schema_dir = sys.argv[1:4]
paced = len(sys.argv) > 4 and sys.argv[4] == "paced"
HOUR = 3600_000
now = int(time.time() * 1000)
start = (now - 3 * 24 * HOUR) // (24 * HOUR) * (24 * HOUR)
end = start + 3 * 24 * HOUR
registry = SchemaRegistryClient({"url": registry_url})

def serializer(name):
    with open("%s/%s.avsc" % (schema_dir, name)) as f:
        return AvroSerializer(registry, f.read(), conf={"auto.register.schemas": True})

ser = {n: serializer(n) for n in ["Enterprise", "MachineTelemetry", "ProductionOutput", "WorkShift", "ProcessHeartbeat"]}
topic = {"Enterprise": "brain.enterprises", "MachineTelemetry": "brain.telemetry", "ProductionOutput": "brain.production",
         "WorkShift": "brain.shifts", "ProcessHeartbeat": "brain.processes"}
producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 20, "enable.idempotence": True})
failed = []
def delivered(err, msg):
    if err is not None:
        failed.append(err)

def send(kind, key, value):
    data = ser[kind](value, SerializationContext(topic[kind], MessageField.VALUE))
    while True:
        try:
            producer.produce(topic[kind], key=key.encode(), value=data, on_delivery=delivered)
            break
        except BufferError:
            producer.poll(0.05)
    producer.poll(0)

plants = ["E%07d" % (i + 1) for i in range(6)]
for i, e in enumerate(plants):
    send("Enterprise", e, {"enterpriseId": e, "name": "Plant %d" % i, "region": ["HZ", "NB", "WZ"][i % 3],
                           "industryChain": ["TEXTILES", "MACHINERY"][i % 2], "aboveScale": True, "employees": 120,
                           "updatedAt": start - HOUR})
producer.flush(30)
time.sleep(2)

events = []
PROCESSES = ["RD_DESIGN", "PRODUCTION_PLANNING", "MANUFACTURING", "QUALITY", "PROCUREMENT",
             "WAREHOUSING_LOGISTICS", "SALES", "FINANCE"]
for e in plants:
    for d in range(3):
        dev = "%s-D%d" % (e, d)
        seq = 0
        for t in range(start, end, 20 * 60_000):
            seq += 1
            events.append((t, "MachineTelemetry", e, {"deviceId": dev, "enterpriseId": e, "lineId": e + "-L1", "seq": seq,
                "eventTime": t, "sampleSeconds": 1200, "state": "RUNNING", "goodUnits": 10, "defectUnits": 1,
                "energyKwh": 2.5, "numericallyControlled": d < 2, "cloudConnected": d < 1, "gatewayId": None}))
    for t in range(start + 3 * HOUR - 60_000, end, 3 * HOUR):
        events.append((t, "ProductionOutput", e, {"batchId": "%s-B%d" % (e, t), "enterpriseId": e, "lineId": e + "-L1",
            "productCode": "P1", "quantity": 100, "outputValueCny": 50000.0, "addedValueCny": 15000.0, "eventTime": t}))
    for t in range(start + 8 * HOUR - 60_000, end, 8 * HOUR):
        events.append((t, "WorkShift", e, {"shiftId": "%s-S%d" % (e, t), "enterpriseId": e, "workers": 40, "hours": 8.0,
            "eventTime": t}))
    for t in range(start + 30_000, end, 6 * HOUR):
        for p in PROCESSES:
            events.append((t, "ProcessHeartbeat", e, {"enterpriseId": e, "process": p, "system": p.lower(),
                "hosting": "PUBLIC_CLOUD", "digitized": True, "eventTime": t}))
events.sort(key=lambda ev: ev[0])
began = time.time()
hour = None
for t, kind, key, value in events:
    if paced and hour is not None and t // HOUR != hour:
        producer.flush(30)
        time.sleep(0.2)
    hour = t // HOUR
    send(kind, key, value)
producer.flush(60)
counts = {}
for _, kind, _, _ in events:
    counts[kind] = counts.get(kind, 0) + 1
print(json.dumps({"records": len(events), "seconds": round(time.time() - began, 2), "failed": len(failed),
                  "start": start, "end": end, "counts": counts}))
