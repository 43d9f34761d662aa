#!/usr/bin/env bash
# Failover time: two app JVMs on an in-process broker hold the state of a fleet (default 100,000 machines, three
# samples each); one is killed with SIGKILL while a steady feed of 1,000 records/s runs, and the time is taken until
# every record that reached Kafka before the kill has its fate decided in the outcome ledger. Once with
# standby.replicas=0, once with 1. The figures go to bench/results/<date>-failover.txt.
# (app/src/test/java/io/industrybrain/app/FailoverMeasurement.java)
# Usage: benchmarks/failover.sh [devices, default 100000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
devices=${1:-100000}
cd "$root"
mvn -B -q test -pl app -am -Dtest=FailoverMeasurement -Dsurefire.failIfNoSpecifiedTests=false -Dfailover.devices="$devices"
mkdir -p bench/results
out="bench/results/$(date -u +%F)-failover.txt"
grep -h -A2 "failover figures" app/target/surefire-reports/io.industrybrain.app.FailoverMeasurement-output.txt | tee "$out"
