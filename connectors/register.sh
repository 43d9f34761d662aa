#!/usr/bin/env bash
# Registers (or updates) a connector through Kafka Connect's REST API. Idempotent: PUT
# /connectors/<name>/config creates the connector or replaces its configuration.
#
# usage: connectors/register.sh [CONFIG.json]
#   CONFIG.json   flat connector configuration; the connector is named after the file
#                 (default: config/mqtt-source.json next to this script, connector "mqtt-source")
#   CONNECT_URL   the worker's REST address (default http://localhost:8083)
set -euo pipefail

config="${1:-$(dirname "$0")/config/mqtt-source.json}"
connect_url="${CONNECT_URL:-http://localhost:8083}"
name="$(basename "$config" .json)"

if [[ ! -f "$config" ]]; then
  echo "register.sh: no connector configuration at $config" >&2
  exit 2
fi

response="$(mktemp)"
trap 'rm -f "$response"' EXIT
# A worker that is still starting does not answer yet, and one in a rebalance answers 409: try again for a minute.
for attempt in $(seq 1 60); do
  status="$(curl -sS -o "$response" -w '%{http_code}' -X PUT \
    -H 'Content-Type: application/json' --data-binary @"$config" \
    "$connect_url/connectors/$name/config" 2>/dev/null)" || status=000
  [[ "$status" == 000 || "$status" == 409 ]] || break
  sleep 1
done

case "$status" in
  201) echo "created connector $name at $connect_url" ;;
  200) echo "updated connector $name at $connect_url" ;;
  000) echo "register.sh: no Kafka Connect worker answers at $connect_url" >&2; exit 1 ;;
  *)
    echo "register.sh: Connect at $connect_url refused connector $name (HTTP $status):" >&2
    cat "$response" >&2
    echo >&2
    exit 1
    ;;
esac
