#!/usr/bin/env bash
# Throughput harness: SessionDB on Payara Micro, loaded with wrk from this machine (127.0.0.1 only).
# Reports requests/s and latency for
#   - GET /app.js without a session cookie, visit stamps off: no session work at all (the baseline),
#   - GET /api/cart without a session cookie, visit stamps off: the JSON path, no database,
#   - GET /api/cart with a 3-item cart, visit stamps off: one SELECT, no write,
#   - GET /api/cart with a 3-item cart, visit stamps on: every request also writes its stamps.
# LOCK=true runs them with the session lock (sessiondb.session-lock): the requests of the one session take turns.
# Usage: bench/run.sh [h2|postgresql]   (after mvn package -DskipTests; needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
database="${1:-h2}"
duration="${DURATION:-15s}"
connections="${CONNECTIONS:-16}"
lock="${LOCK:-false}"
threads=$((connections < 2 ? connections : 2)) # wrk needs a connection per thread
port=18080
trap 'pkill -f -- "--port $port" || true' EXIT
work="target/bench"
rm -rf "$work" && mkdir -p "$work"

env_for_database=()
if [[ "$database" == postgresql ]]; then
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS sessiondb_bench WITH (FORCE)" -c "CREATE DATABASE sessiondb_bench"
  env_for_database=(SESSIONDB_DB_URL=jdbc:postgresql://127.0.0.1:5432/sessiondb_bench SESSIONDB_DB_USER=postgres)
fi

run() { # label, visits enabled, path, cookie header or ""
  local label="$1" visits="$2" path="$3" cookie="$4"
  local header=()
  [[ -n "$cookie" ]] && header=(-H "Cookie: $cookie")
  wrk -t"$threads" -c"$connections" -d"$duration" "${header[@]}" "http://127.0.0.1:${port}${path}" > "$work/wrk.txt"
  printf '%-48s %10s req/s   latency avg %8s\n' "$label (visits=$visits)" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" "$(awk '/Latency/ {print $2; exit}' "$work/wrk.txt")"
}

for visits in ${VISITS:-false true}; do
  (cd "$work" && env "${env_for_database[@]}" SESSIONDB_VISITS_ENABLED="$visits" SESSIONDB_SESSION_LOCK="$lock" \
     SESSIONDB_LOG_LEVEL=INFO \
     java -Xmx1g -jar ../payara-micro.jar --deploy ../sessiondb.war --contextroot / --port "$port" --nocluster \
     > "server-visits-$visits.log" 2>&1) &
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:${port}/app.js" && break; sleep 1; done
  jar="$work/cookies.txt"; rm -f "$jar"
  for item in apple pear plum; do
    curl -sf -o /dev/null -c "$jar" -b "$jar" -H 'Content-Type: application/json' -d "{\"name\":\"$item\"}" \
      "http://127.0.0.1:${port}/api/cart/items"
  done
  cookie="SESSIONDB=$(awk '$6 == "SESSIONDB" {print $7}' "$jar")"
  run "warm-up" "$visits" /api/cart "$cookie" > /dev/null
  if [[ "$visits" == false ]]; then
    run "GET /app.js, no session" "$visits" /app.js ""
    run "GET /api/cart, no session (JSON, no database)" "$visits" /api/cart ""
  fi
  run "GET /api/cart, 3 items, on $database, lock=$lock" "$visits" /api/cart "$cookie"
  pkill -f -- "--port $port" || true
  sleep 3
done
