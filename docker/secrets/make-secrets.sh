#!/usr/bin/env bash
# The stack's secrets, made once on the first `up` into the volume mounted at $1 (default /secrets), never kept
# in the repository: a certificate for the three brokers (names kafka-1..3 and localhost) in a PKCS12 key store, a
# trust store with it, the stores' password, and a SCRAM-SHA-512 password and JAAS line per Kafka user (admin
# between the brokers, brain for the app and the simulator, registry, connect). Runs in the app image, whose JRE
# has keytool. Readable by every container's user: the volume is the stack's own.
set -euo pipefail
dir=${1:-/secrets}
if [ -f "$dir/.made" ]; then
  echo "secrets already made in $dir"
  exit 0
fi
password() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24; }

store=$(password)
printf '%s' "$store" > "$dir/store.password"
keytool -genkeypair -alias kafka -keyalg RSA -keysize 2048 -validity 825 -dname CN=kafka \
  -ext SAN=dns:kafka-1,dns:kafka-2,dns:kafka-3,dns:localhost \
  -keystore "$dir/kafka.keystore.p12" -storetype PKCS12 -storepass "$store"
keytool -exportcert -alias kafka -keystore "$dir/kafka.keystore.p12" -storepass "$store" -rfc -file "$dir/kafka.crt"
keytool -importcert -noprompt -alias kafka -file "$dir/kafka.crt" \
  -keystore "$dir/truststore.p12" -storetype PKCS12 -storepass "$store"

for user in admin brain registry connect; do
  secret=$(password)
  printf '%s' "$secret" > "$dir/$user.password"
  printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' \
    "$user" "$secret" > "$dir/$user.jaas"
done
chmod 0644 "$dir"/*
touch "$dir/.made"
echo "secrets made in $dir"
