#!/usr/bin/env bash
# The long crash run: CrashIT (app/src/test/java/io/industrybrain/app/CrashIT.java) with more kills and more event
# time. Two app JVMs on an in-process broker process a counted event set while one of them is killed with SIGKILL,
# alternately, just after a batch arrived (a transaction open), and started again; then a read_committed verifier
# checks that no transaction is left open, that every closed window has exactly one final per key equal to a
# recomputation from the events sent, and that the outcome ledger is exact. Prints the verifier's report line.
# Usage: benchmarks/crash-long.sh [kills, default 12] [minutes of event time, default 300: 300 ms of wall clock each]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kills=${1:-12}
minutes=${2:-300}
cd "$root"
mvn -B -q test -pl app -am -Dtest=CrashIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcrash.kills="$kills" -Dcrash.minutes="$minutes"
grep -h "kill -9" app/target/surefire-reports/io.industrybrain.app.CrashIT-output.txt
