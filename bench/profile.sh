#!/usr/bin/env bash
# Where the CPU goes: boots the packaged WAR on PostgreSQL (as bench/run.sh does), runs one of bench/loads.sh's
# loads with wrk (LOAD, read1 by default: GET /api/cart on one session with a 3-item cart), measures the CPU per
# request of the JVM and of PostgreSQL, then records the same load with Java Flight Recorder and prints the
# share of samples per group of frames and the hottest methods (bench/jfr-summary.py).
# Usage: [LOAD=read1|read16|write16|new] bench/profile.sh [sessiondb|memory] [stamps-off|stamps-on]
#   (after mvn package -DskipTests; settings such as SESSIONDB_CACHE_COHERENCE pass through the environment)
# The recording stays in target/profile/BACKEND-STAMPS-LOAD/recording.jfr (open it in JDK Mission Control).
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:-sessiondb}"
stamps="${2:-stamps-off}"
duration="${DURATION:-20}"
port="${PORT:-18080}"
db=sessiondb_profile
load="${LOAD:-read1}"
out="target/profile/$backend-$stamps-$load"
# shellcheck source=bench/loads.sh
source bench/loads.sh
select_load "$load" 16 || exit 1
rm -rf "$out" && mkdir -p "$out"
enabled=$([[ "$backend" == sessiondb ]] && echo true || echo false)
visits=$([[ "$stamps" == stamps-on ]] && echo true || echo false)
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"

warmup="${WARMUP:-60}" # seconds of load before the recording starts: Payara keeps getting faster for a minute
(cd "$out" && exec env SESSIONDB_ENABLED="$enabled" SESSIONDB_VISITS_ENABLED="$visits" SESSIONDB_LOG_LEVEL=INFO \
  SESSIONDB_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SESSIONDB_DB_USER=postgres \
  java -Xmx1g -jar ../../payara-micro.jar --deploy ../../sessiondb.war --contextroot / --port "$port" --nocluster \
  > server.log 2>&1) &
server=$!
trap 'kill $server 2> /dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf -o /dev/null "http://127.0.0.1:$port/app.js" && break; sleep 1; done
base="http://127.0.0.1:$port"
cookies="$PWD/$out/cookies.txt"
make_load_sessions "$base" 16 "$cookies"
run_load "$base" 16 "${warmup}s" "$cookies" "$out/warmup.txt"
java_pid="$(pgrep -f -- "--port $port --nocluster" | tail -1)"
# first without the recorder, whose own cost would be counted: CPU per request
java_before=$(process_ticks "$java_pid")
postgres_before=$(postgres_ticks)
run_load "$base" 16 "${duration}s" "$cookies" "$out/wrk.txt" --latency
java_ticks=$(($(process_ticks "$java_pid") - java_before))
postgres_ticks=$(($(postgres_ticks) - postgres_before))
requests=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
hz=$(getconf CLK_TCK)
# then the same load recorded
jcmd "$java_pid" JFR.start settings=profile duration="${duration}s" filename="$PWD/$out/recording.jfr" > /dev/null
run_load "$base" 16 "${duration}s" "$cookies" "$out/wrk-recorded.txt"
sleep 3 # the recording is written when its duration ends
grep -E 'Requests/sec' "$out/wrk.txt"
awk -v j="$java_ticks" -v p="$postgres_ticks" -v n="$requests" -v hz="$hz" 'BEGIN {
  printf "CPU per request: %.2f ms in the server JVM, %.2f ms in PostgreSQL\n\n", 1000 * j / hz / n, 1000 * p / hz / n}'
python3 bench/jfr-summary.py "$out/recording.jfr" "${TOP:-25}"
