#!/usr/bin/env bash
# Where the CPU goes: boots the packaged WAR on PostgreSQL (as bench/run.sh does), gives one session a
# 3-item cart, loads GET /api/cart with wrk and records it with Java Flight Recorder, then prints the
# share of samples per group of frames and the hottest methods (bench/jfr-summary.py).
# Usage: bench/profile.sh [sessiondb|memory] [stamps-off|stamps-on]   (after mvn package -DskipTests)
# The recording stays in target/profile/BACKEND-STAMPS/recording.jfr (open it in JDK Mission Control).
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:-sessiondb}"
stamps="${2:-stamps-off}"
duration="${DURATION:-20}"
port="${PORT:-18080}"
db=sessiondb_profile
out="target/profile/$backend-$stamps"
rm -rf "$out" && mkdir -p "$out"
enabled=$([[ "$backend" == sessiondb ]] && echo true || echo false)
visits=$([[ "$stamps" == stamps-on ]] && echo true || echo false)
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"

warmup=15 # seconds of load before the recording starts
(cd "$out" && exec env SESSIONDB_ENABLED="$enabled" SESSIONDB_VISITS_ENABLED="$visits" SESSIONDB_LOG_LEVEL=INFO \
  SESSIONDB_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SESSIONDB_DB_USER=postgres \
  java -Xmx1g -jar ../../payara-micro.jar --deploy ../../sessiondb.war --contextroot / --port "$port" --nocluster \
  > server.log 2>&1) &
server=$!
trap 'kill $server 2> /dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf -o /dev/null "http://127.0.0.1:$port/app.js" && break; sleep 1; done
jar="$out/cookies.txt"
for item in apple pear plum; do
  curl -sf -o /dev/null -c "$jar" -b "$jar" -H 'Content-Type: application/json' -d "{\"name\":\"$item\"}" \
    "http://127.0.0.1:$port/api/cart/items"
done
cookie="$(awk '$6 == "SESSIONDB" || $6 == "JSESSIONID" {print $6 "=" $7}' "$jar")"
wrk -t2 -c16 -d"${warmup}s" -H "Cookie: $cookie" "http://127.0.0.1:$port/api/cart" > "$out/warmup.txt"
jcmd "$(pgrep -f -- "--port $port --nocluster" | tail -1)" JFR.start settings=profile \
  duration="${duration}s" filename="$PWD/$out/recording.jfr" > /dev/null
wrk -t2 -c16 -d"${duration}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/api/cart" > "$out/wrk.txt"
sleep 3 # the recording is written when its duration ends
grep -E 'Requests/sec' "$out/wrk.txt"
python3 bench/jfr-summary.py "$out/recording.jfr" "${TOP:-25}"
