#!/usr/bin/env bash
# The long crash run: CrashIT (app/src/test/java/io/industrybrain/app/CrashIT.java) with more kills, more broker
# bounces and more event time. A three-node in-process KRaft cluster (replication factor 3, min ISR 2) and two app
# JVMs process what the simulator sends with faults on, while one instance or the other is killed with SIGKILL (a
# transaction open) and started again, and a broker leading a busy partition is stopped and started again; then a
# read_committed verifier checks that no transaction is left open, that every closed window has exactly one final
# per key equal to a recomputation from the samples sent, and that the outcome ledger equals the simulator's count.
# Prints the verifier's report line.
# Usage: benchmarks/crash-long.sh [kills, default 12] [bounces, default 10] [minutes of event time, default 400]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kills=${1:-12}
bounces=${2:-10}
minutes=${3:-400}
cd "$root"
mvn -B -q test -pl app -am -Dtest=CrashIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcrash.kills="$kills" -Dcrash.bounces="$bounces" -Dcrash.minutes="$minutes"
grep -h "kill -9" app/target/surefire-reports/io.industrybrain.app.CrashIT-output.txt
