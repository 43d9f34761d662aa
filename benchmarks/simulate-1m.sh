#!/usr/bin/env bash
# Scale check: can `./brain simulate` sustain 1,000,000 devices at one
# sample a minute (16,667 telemetry records/s plus batches, shifts and heartbeats) against the embedded
# broker while the pipeline runs? Prints its figures as ratios against baselines measured in the same run:
#   - required rate: 1,000,000 devices / 60 s;
#   - generation-only rate: the same fleet generated into a counting sink (no Kafka), the simulator's ceiling.
# The pipeline's figure is records settled per second (their fate decided), beside the records it consumed.
# Throughput against a plain Kafka Streams ceiling is `./brain bench` (benchmarks/README.md).
# Usage: benchmarks/simulate-1m.sh [duration, default PT3M] [enterprises, default 1000] [devices each, default 1000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${1:-PT3M}
enterprises=${2:-1000}
per=${3:-1000}
devices=$((enterprises * per))
work=$(mktemp -d)
trap 'kill $brain_pid 2>/dev/null || true; wait $brain_pid 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
broker=$(free_port); registry=$(free_port); http=$(free_port)

"$root/brain" --help >/dev/null   # builds on first use, outside the measurement
classpath="$(ls "$root"/app/target/brain-app-*.jar | grep -v tests):$(cat "$root/app/target/runtime-classpath.txt")"

echo "baseline: generating $devices devices into a counting sink (no Kafka)"
java -cp "$classpath" io.industrybrain.simulator.GenerationBenchmark "$enterprises" "$per" 5000000 | tee "$work/generation.txt"
generation_rate=$(grep -Eo '[0-9][0-9,.]* events/s' "$work/generation.txt" | head -1 | tr -d ', ' | sed 's/events\/s//')

echo "starting ./brain (embedded broker and pipeline, simulator off)"
"$root/brain" --data.dir="$work/data" --broker.port="$broker" --registry.port="$registry" --http.port="$http" \
  --simulator=off > "$work/brain.log" 2>&1 &
brain_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$http/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://localhost:$http/health" >/dev/null || { echo "brain did not become healthy"; tail -20 "$work/brain.log"; exit 1; }

metric_sum() {  # sum of one of the pipeline's /metrics series over every topic (and outcome)
  curl -fs "http://localhost:$http/metrics" | awk -v name="$1" '$1 ~ "^"name"[{ ]" {sum += $NF} END {printf "%d", sum}'
}
# Settled: the records whose fate is decided (accepted, duplicate, dead-lettered): what a user gets. Consumed
# alone hides a window stage that falls behind intake.
settled_before=$(metric_sum brain_input_records_settled_total)
consumed_before=$(metric_sum brain_input_records_consumed_total)
started=$(date +%s)
echo "simulating $devices devices for $duration"
JAVA_OPTS="-Xmx2g" "$root/brain" simulate --broker.port="$broker" --registry.port="$registry" \
  --enterprises="$enterprises" --devices-per-enterprise="$per" --rate=40000 --duration="$duration" | tee "$work/simulate.txt"

elapsed=$(( $(date +%s) - started ))
pipeline_rate=$(( ($(metric_sum brain_input_records_settled_total) - settled_before) / elapsed ))
consumed_rate=$(( ($(metric_sum brain_input_records_consumed_total) - consumed_before) / elapsed ))
in_flight=$(metric_sum brain_input_records_in_flight)
required=$(python3 -c "print($devices / 60)")
achieved=$(grep -Eo 'records, [0-9,.]+/s on average' "$work/simulate.txt" | grep -Eo '[0-9,.]+/s' | tr -d ',/s')
behind=$(grep -Eo 'simulated time [^ ]+ behind' "$work/simulate.txt" | tail -1)
python3 - "$required" "$achieved" "$generation_rate" "$pipeline_rate" "$consumed_rate" "$in_flight" "$behind" <<'PY'
import sys
required, achieved, generation, pipeline, consumed, in_flight = (float(x) for x in sys.argv[1:7])
print()
print(f"required telemetry rate      {required:12,.0f} records/s (1 sample a minute per device)")
print(f"achieved publish rate        {achieved:12,.0f} records/s, all record types")
print(f"generation-only rate         {generation:12,.0f} records/s (no Kafka)")
print(f"achieved / required          {achieved / required:12.2f}")
print(f"achieved / generation-only   {achieved / generation:12.2f}")
print(f"pipeline settled             {pipeline:12,.0f} records/s meanwhile, on the same machine (fate decided)")
print(f"pipeline / achieved          {pipeline / achieved:12.2f}")
print(f"pipeline consumed            {consumed:12,.0f} records/s (read by intake; {in_flight:,.0f} not yet settled at the end)")
print(f"at the end: {sys.argv[7]} the wall clock")
PY
