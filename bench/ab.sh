#!/usr/bin/env bash
# A/B runs: two or more variants (a WAR and its settings) booted side by side on PostgreSQL, loaded in turn
# with the same wrk load, ROUNDS times, so that the machine's changing speed falls on every variant alike.
# Reports per variant the median requests/s, its ratio to the first variant, the median p99, and the CPU per
# request of the server JVM and of PostgreSQL (all its processes; read from /proc around each of its runs).
#
# Usage: bench/ab.sh 'NAME|WAR|VAR=value ...' 'NAME|WAR|VAR=value ...' ...
#   e.g. bench/ab.sh 'memory|target/sessiondb.war|SESSIONDB_ENABLED=false' 'notify|target/sessiondb.war|SESSIONDB_CACHE_COHERENCE=notify'
# Environment: LOAD (read1; the loads are in bench/loads.sh), ROUNDS (4), DURATION (8s), WARMUP (60s: Payara keeps
# getting faster for a minute), CONNECTIONS (16), BASE_PORT (18100).
# Visit stamps are off unless a variant sets SESSIONDB_VISITS_ENABLED. Each variant gets its own database.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
load="${LOAD:-read1}"
rounds="${ROUNDS:-4}"
duration="${DURATION:-8s}"
warmup="${WARMUP:-60s}"
connections="${CONNECTIONS:-16}"
base_port="${BASE_PORT:-18100}"
out="$root/target/ab"
pg=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
(($# >= 2)) || die "give at least two variants: 'NAME|WAR|VAR=value ...'"

# shellcheck source=bench/loads.sh
source bench/loads.sh
select_load "$load" "$connections" || exit 1

rm -rf "$out" && mkdir -p "$out"
names=() ports=() pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done; wait 2> /dev/null || true; }
trap cleanup EXIT

i=0
for spec in "$@"; do
  IFS='|' read -r name war settings <<< "$spec"
  [[ -f "$war" ]] || die "variant $name: no WAR at $war"
  port=$((base_port + i))
  db="sessiondb_ab_$i"
  "${pg[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" 2> /dev/null
  mkdir -p "$out/$name"
  cp "$war" "$out/$name/app.war"
  # shellcheck disable=SC2086 # the settings are words VAR=value
  (cd "$out/$name" && exec env SESSIONDB_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SESSIONDB_DB_USER=postgres \
    SESSIONDB_LOG_LEVEL=INFO SESSIONDB_VISITS_ENABLED=false $settings \
    java -Xmx1g -jar "$root/target/payara-micro.jar" --deploy app.war --contextroot / --port "$port" --nocluster \
    > server.log 2>&1) &
  pids+=($!)
  names+=("$name")
  ports+=("$port")
  i=$((i + 1))
done

for i in "${!names[@]}"; do
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:${ports[i]}/app.js" && break; sleep 1; done
  curl -sf -o /dev/null "http://127.0.0.1:${ports[i]}/app.js" || die "${names[i]} did not start (see $out/${names[i]}/server.log)"
  make_load_sessions "http://127.0.0.1:${ports[i]}" "$connections" "$out/${names[i]}/cookies" || die "${names[i]}: no sessions"
  log "${names[i]} ready on port ${ports[i]}"
done

# run VARIANT_INDEX TIME OUTPUT: the load on one variant; prints "requests/s p99_ms jvm_cpu_ms postgres_cpu_ms"
# (CPU per request)
run() {
  local i="$1" time="$2" output="$3" pid before after pg_before pg_after
  pid=$(pgrep -f -- "--port ${ports[i]} --nocluster" | tail -1)
  before=$(process_ticks "$pid")
  pg_before=$(postgres_ticks)
  run_load "http://127.0.0.1:${ports[i]}" "$connections" "$time" "$out/${names[i]}/cookies" "$output" --latency
  after=$(process_ticks "$pid")
  pg_after=$(postgres_ticks)
  grep -q 'Non-2xx' "$output" && die "${names[i]}: answers that were not 2xx (see $output)"
  awk -v ticks=$((after - before)) -v pg=$((pg_after - pg_before)) -v hz="$(getconf CLK_TCK)" '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /^ +99%/ {p99 = ms($2)}
    /requests in/ {n = $1}
    /Requests\/sec/ {rps = $2}
    END {printf "%.1f %.2f %.3f %.3f\n", rps, p99, 1000 * ticks / hz / n, 1000 * pg / hz / n}' "$output"
}

for i in "${!names[@]}"; do run "$i" "$warmup" "$out/${names[i]}/warmup.txt" > /dev/null; done
for ((r = 1; r <= rounds; r++)); do
  for i in "${!names[@]}"; do
    result=$(run "$i" "$duration" "$out/${names[i]}/round-$r.txt")
    echo "$result" >> "$out/${names[i]}/results"
    log "round $r ${names[i]}: $result (requests/s, p99 ms, CPU ms per request: JVM, PostgreSQL)"
  done
done

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "LOAD=$load, $rounds rounds of $duration, $connections connections, variants interleaved; medians"
echo
echo "| variant | requests/s | ratio to ${names[0]} | p99 | CPU per request: server JVM | PostgreSQL |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
first=$(cut -d' ' -f1 "$out/${names[0]}/results" | median)
for i in "${!names[@]}"; do
  rps=$(cut -d' ' -f1 "$out/${names[i]}/results" | median)
  p99=$(cut -d' ' -f2 "$out/${names[i]}/results" | median)
  cpu=$(cut -d' ' -f3 "$out/${names[i]}/results" | median)
  pg_cpu=$(cut -d' ' -f4 "$out/${names[i]}/results" | median)
  awk -v n="${names[i]}" -v r="$rps" -v f="$first" -v p="$p99" -v c="$cpu" -v g="$pg_cpu" \
    'BEGIN {printf "| %s | %.0f | %.2f | %.2f ms | %.3f ms | %.3f ms |\n", n, r, r / f, p, c, g}'
done
