#!/usr/bin/env bash
# SessionDB benchmark harness (issue 9): the demo WAR on Payara Micro, on SessionDB over PostgreSQL and on the
# container's own memory sessions (SESSIONDB_ENABLED=false, the baseline), loaded with wrk from this machine.
#
#   1  GET /api/cart, 3-item cart, visit stamps off, 16 clients on one session
#   2  the same with visit stamps on
#   3  POST /api/counter (one attribute written per request), stamps off, 16 clients on 16 sessions
#   4  POST /api/counter without a cookie (a new session per request), stamps off
#   5a GET /api/cart, stamps on, 16 clients on one session      (one connection per wrk thread)
#   5b GET /api/cart, stamps on, 16 clients on 16 sessions      (one connection per wrk thread)
#   6  5b while SEED_SESSIONS other sessions are stored (SessionDB only, ratio against memory's 5b)
#   7  5b while the sweeper deletes SEED_SESSIONS expired sessions: idle p99 before, p99 during
#   8  20 concurrent POST /api/cart/items on one session, ROUNDS times: how many adds each backend loses
#   9  GET /api/cart, stamps off, 16 clients on 16 sessions, while a second SessionDB node changes those sessions
#      (POST /api/counter every WRITE_INTERVAL s); then CHECKS alternations of a write on the second node and a read
#      on the first: how many reads missed the write just made
#   1n, 9n  1 and 9 with sessiondb.cache.coherence=notify (PostgreSQL announces changes; no version check)
#
# For reference, Spring Session JDBC 3.5 on the same load: the small servlet WAR of bench/spring-session/ (built with
# the rest), booted the same way twice, on Payara's memory sessions (SPRING_SESSION_ENABLED=false, backend
# spring-memory) and on Spring Session JDBC over the same PostgreSQL database (backend spring), each measured on
# scenarios 1, 3, 4 and 5b (that WAR has no visit stamps); its statements and round trips per request are counted on a
# third boot through the proxy (keys s1, s3, s4, s5b). The report compares each WAR with its own memory sessions.
#
# SQL statements and round trips per request are counted by bench/PgWireCounter.java, a PostgreSQL wire-protocol
# proxy, on separate SessionDB boots whose JDBC URL points at it (the throughput runs go to PostgreSQL directly).
# Results: the generated section of BENCHMARKS.md; raw wrk outputs, counts and server logs in target/bench/.
#
# Usage: bench/run.sh    (PostgreSQL at 127.0.0.1:5432, user postgres, trust auth; needs wrk, psql, curl, a JDK)
# Environment: DURATION (15s), WARMUP (5s), COUNT_DURATION (5s), CONNECTIONS (16), SEED_SESSIONS (1000000),
# SWEEP_BATCH_SIZE (1000), SWEEP_WAIT (600 s), PORT (18080), PORT2 (18081), PROXY_PORT (15433), LOCK (false),
# ROUNDS (5), WRITE_INTERVAL (0.05), CHECKS (200), SKIP_BUILD (false).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

if [[ $# -gt 0 && "$1" != postgresql ]]; then
  echo "bench/run.sh runs on PostgreSQL only (got '$1'); see BENCHMARKS.md" >&2
  exit 2
fi

duration="${DURATION:-15s}"
warmup="${WARMUP:-5s}"
server_warmup="${SERVER_WARMUP:-15s}"
count_duration="${COUNT_DURATION:-5s}"
connections="${CONNECTIONS:-16}"
threads=$((connections < 2 ? connections : 2)) # wrk needs a connection per thread
seed_sessions="${SEED_SESSIONS:-1000000}"
sweep_batch="${SWEEP_BATCH_SIZE:-1000}"
sweep_wait="${SWEEP_WAIT:-600}"
port="${PORT:-18080}"
port2="${PORT2:-18081}"
rounds="${ROUNDS:-5}"
write_interval="${WRITE_INTERVAL:-0.05}"
checks="${CHECKS:-200}"
proxy_port="${PROXY_PORT:-15433}"
lock="${LOCK:-false}"
db=sessiondb_bench
pg=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)
base="http://127.0.0.1:${port}"
base2="http://127.0.0.1:${port2}"
out="$root/target/bench"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in wrk psql curl java jcmd awk; do
  command -v "$tool" > /dev/null || die "$tool is missing (wrk: apt-get install wrk; psql: apt-get install postgresql-client)"
done
"${pg[@]}" -d postgres -Atc 'SELECT 1' > /dev/null 2>&1 \
  || die "PostgreSQL does not answer at 127.0.0.1:5432 as user postgres (psql -h 127.0.0.1 -U postgres)"
if curl -s -o /dev/null "$base/"; then die "port $port is already in use (set PORT)"; fi
if curl -s -o /dev/null "$base2/"; then die "port $port2 is already in use (set PORT2)"; fi

server_pid=""
second_pid=""
writer_pid=""
proxy_pid=""
sampler_pid=""
cleanup() {
  local pid
  for pid in "$sampler_pid" "$writer_pid" "$second_pid" "$server_pid" "$proxy_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2> /dev/null; then
      kill "$pid" 2> /dev/null || true
      wait "$pid" 2> /dev/null || true
    fi
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started_at=$(date +%s)
rm -rf "$out" && mkdir -p "$out/wrk" "$out/counts"

if [[ "${SKIP_BUILD:-false}" != true ]]; then
  log "building (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests > "$out/build.log" 2>&1 || { tail -30 "$out/build.log" >&2; die "build failed"; }
  log "building the Spring Session WAR (mvn -B -q package -f bench/spring-session/pom.xml)"
  mvn -B -q package -f bench/spring-session/pom.xml > "$out/build-spring.log" 2>&1 \
    || { tail -30 "$out/build-spring.log" >&2; die "the Spring Session WAR's build failed"; }
fi
[[ -f target/sessiondb.war && -f target/payara-micro.jar ]] || die "target/sessiondb.war or target/payara-micro.jar missing"
sessiondb_war="$root/target/sessiondb.war"
spring_war="$root/bench/spring-session/target/spring-session-bench.war"
[[ -f "$spring_war" ]] || die "$spring_war missing (cd bench/spring-session && mvn package)"
spring_session_version=$(sed -n 's|.*<spring-session.version>\(.*\)</spring-session.version>.*|\1|p' bench/spring-session/pom.xml)

# ---------------------------------------------------------------------------------------------- servers

recreate_database() {
  "${pg[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
}

# start_server [--war PATH] NAME [VAR=value ...]: a fresh database, then the WAR (SessionDB's demo unless --war) on
# $port from target/bench/NAME/
start_server() {
  recreate_database
  if [[ "$1" == --war ]]; then
    boot --war "$2" "$port" "${@:3}"
  else
    boot "$port" "$@"
  fi
  server_pid=$booted_pid
}

# start_second_node NAME [VAR=value ...]: another SessionDB node on $port2, on the same database
start_second_node() {
  boot "$port2" "$@"
  second_pid=$booted_pid
}

stop_second_node() {
  kill "$second_pid" 2> /dev/null || true
  wait "$second_pid" 2> /dev/null || true
  second_pid=""
}

# boot [--war PATH] PORT NAME [VAR=value ...]: the WAR (SessionDB's demo unless --war) on PORT from
# target/bench/NAME/; sets booted_pid
boot() {
  local war="$sessiondb_war"
  if [[ "$1" == --war ]]; then
    war="$2"
    shift 2
  fi
  local on_port="$1" name="$2"
  shift 2
  local dir="$out/servers/$name"
  mkdir -p "$dir"
  log "booting server '$name' ($(basename "$war")) on port $on_port ($*)"
  (cd "$dir" && exec env SESSIONDB_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SESSIONDB_DB_USER=postgres \
    SESSIONDB_LOG_LEVEL=INFO SESSIONDB_SESSION_LOCK="$lock" "$@" \
    java -Xmx1g -jar "$root/target/payara-micro.jar" --deploy "$war" --contextroot / \
    --port "$on_port" --nocluster > server.log 2>&1) &
  booted_pid=$!
  local waited=0
  until curl -sf -o /dev/null "http://127.0.0.1:$on_port/app.js"; do
    kill -0 "$booted_pid" 2> /dev/null || { tail -40 "$dir/server.log" >&2; die "server '$name' exited while booting"; }
    ((waited++ < 180)) || { tail -40 "$dir/server.log" >&2; die "server '$name' not ready after 180 s"; }
    sleep 1
  done
  log "server '$name' ready after ~${waited} s (pid $booted_pid)"
}

# warm_server [TIME]: sessions for the run (16, each with a 3-item cart), then JIT warm-up, TIME (SERVER_WARMUP) on
# each kind of request the scenarios send: Payara keeps getting faster for about a minute after it boots, so a
# short warm-up makes the first scenarios measured on a server look slower than the later ones
warm_server() {
  local time="${1:-$server_warmup}"
  make_sessions "$connections" "$cookies16"
  load "$out/wrk/server-warmup-read.txt" "$time" "$connections" GET /api/cart "$cookies16"
  load "$out/wrk/server-warmup-read-one.txt" "$time" "$threads" GET /api/cart "$cookie1"
  load "$out/wrk/server-warmup-write.txt" "$time" "$connections" POST /api/counter "$cookies16"
  load "$out/wrk/server-warmup-new.txt" "$time" "$threads" POST /api/counter ""
}

stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
  fi
  local waited=0
  while curl -s -o /dev/null "$base/"; do
    ((waited++ < 30)) || die "port $port still answers after the server stopped"
    sleep 1
  done
}

start_proxy() {
  (exec java "$root/bench/PgWireCounter.java" "$proxy_port" 127.0.0.1 5432 "$out/counts/proxy-counts.tsv" \
    > "$out/counts/proxy.log" 2>&1) &
  proxy_pid=$!
  local waited=0
  until [[ -f "$out/counts/proxy-counts.tsv" ]] && grep -q listening "$out/counts/proxy.log"; do
    kill -0 "$proxy_pid" 2> /dev/null || { cat "$out/counts/proxy.log" >&2; die "the counting proxy exited"; }
    ((waited++ < 60)) || die "the counting proxy did not start"
    sleep 1
  done
  log "counting proxy on port $proxy_port (pid $proxy_pid)"
}

# heap_used_mb: the server's heap used after a full GC, in MiB
heap_used_mb() {
  jcmd "$server_pid" GC.run > /dev/null
  sleep 1
  jcmd "$server_pid" GC.run > /dev/null
  jcmd "$server_pid" GC.heap_info > "$out/heap-info.txt"
  cat "$out/heap-info.txt" >> "$out/heap.log"
  awk '!done {for (i = 1; i < NF; i++) if ($i == "used") {v = $(i + 1); sub(/K.*/, "", v); printf "%.0f\n", v / 1024; done = 1; break}}' \
    "$out/heap-info.txt"
}

# ---------------------------------------------------------------------------------------------- sessions

# make_sessions N FILE: N sessions with a 3-item cart each; FILE gets one Cookie header value per line
make_sessions() {
  local n="$1" file="$2" i item jar="$out/jar.txt"
  : > "$file"
  for ((i = 1; i <= n; i++)); do
    rm -f "$jar"
    for item in apple pear plum; do
      curl -sf -o /dev/null -c "$jar" -b "$jar" -H 'Content-Type: application/json' -d "{\"name\":\"$item\"}" \
        "$base/api/cart/items" || die "POST /api/cart/items failed"
    done
    local cookie
    cookie=$(awk -F '\t' 'NF == 7 {printf "%s%s=%s", sep, $6, $7; sep = "; "}' "$jar")
    [[ -n "$cookie" ]] || die "no session cookie after POST /api/cart/items"
    [[ "$(curl -sf -H "Cookie: $cookie" "$base/api/cart" | grep -o apple)" == apple ]] || die "the cart did not keep its items"
    echo "$cookie" >> "$file"
  done
  head -1 "$file" > "$file.one"
}

# ---------------------------------------------------------------------------------------------- wrk

# load OUTPUT DURATION THREADS METHOD PATH COOKIES_FILE("" = no cookie): wrk, one connection per... see below
# Threads = 2 for scenarios 1, 2, 4 (as a browser-less load), = connections for the per-session scenarios.
load() {
  local output="$1" time="$2" n_threads="$3" method="$4" path="$5" cookies="$6"
  WRK_METHOD="$method" WRK_COOKIES="$cookies" wrk -t"$n_threads" -c"$connections" -d"$time" --latency \
    -s "$root/bench/sessions.lua" "$base$path" > "$output" 2>&1 || { cat "$output" >&2; die "wrk failed"; }
}

# wrk_summary FILE: "requests/s p50_ms p99_ms requests non2xx socket_errors"
wrk_summary() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /^ +50%/ {p50 = ms($2)}
    /^ +99%/ {p99 = ms($2)}
    /requests in/ {requests = $1}
    /Requests\/sec/ {rps = $2}
    /Non-2xx/ {non2xx = $NF}
    /Socket errors/ {errors = $0; gsub(/[^0-9 ]/, "", errors); split(errors, e, " "); errors = e[1] + e[2] + e[3] + e[4]}
    END {printf "%.1f %.2f %.2f %d %d %d\n", rps, p50, p99, requests, non2xx + 0, errors + 0}' "$1"
}

declare -A rps p50 p99 cpu stmts trips syncs breakdown
# measure SCENARIO BACKEND THREADS METHOD PATH COOKIES_FILE: warm-up, then the measured run
measure() {
  local scenario="$1" backend="$2"
  shift 2
  load "$out/wrk/$scenario-$backend-warmup.txt" "$warmup" "$@"
  local ticks_before ticks_after
  ticks_before=$(jvm_ticks)
  load "$out/wrk/$scenario-$backend.txt" "$duration" "$@"
  ticks_after=$(jvm_ticks)
  local r p5 p9 requests non2xx errors
  read -r r p5 p9 requests non2xx errors < <(wrk_summary "$out/wrk/$scenario-$backend.txt")
  ((non2xx == 0)) || die "scenario $scenario on $backend: $non2xx responses were not 2xx (see $out/wrk/$scenario-$backend.txt)"
  rps[$scenario.$backend]=$r
  p50[$scenario.$backend]=$p5
  p99[$scenario.$backend]=$p9
  cpu[$scenario.$backend]=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.2f", (n > 0 ? 1000 * t / hz / n : 0)}')
  log "  scenario $scenario on $backend: $r requests/s, p50 $p5 ms, p99 $p9 ms, ${cpu[$scenario.$backend]} ms of server CPU per request ($requests requests, $errors socket errors)"
}

# jvm_ticks: CPU time (clock ticks, user and system) the server's JVM has used so far, from /proc
jvm_ticks() {
  awk '{print $14 + $15}' "/proc/$server_pid/stat"
}

# count SCENARIO THREADS METHOD PATH COOKIES_FILE: statements and round trips per request through the proxy
count() {
  local scenario="$1"
  shift
  load "$out/counts/$scenario-warmup.txt" 2s "$@"
  sleep 1
  cp "$out/counts/proxy-counts.tsv" "$out/counts/$scenario-before.tsv"
  load "$out/counts/$scenario-wrk.txt" "$count_duration" "$@"
  sleep 1
  cp "$out/counts/proxy-counts.tsv" "$out/counts/$scenario-after.tsv"
  local requests non2xx
  read -r _ _ _ requests non2xx _ < <(wrk_summary "$out/counts/$scenario-wrk.txt")
  ((non2xx == 0)) || die "count run $scenario: $non2xx responses were not 2xx"
  ((requests > 0)) || die "count run $scenario: no requests"
  # wrk counts the answered requests; when it stops, each connection has one more on its way, which the server
  # still serves (and the counts, read a second later, include)
  requests=$((requests + connections))
  # per SQL text and per label (keyword:table), the difference after - before, divided by the requests
  awk -F '\t' -v requests="$requests" -v detail="$out/counts/$scenario.txt" '
    FNR == NR {if ($1 == "sql") before[$4] = $2; else before[$1] = $2; next}
    $1 == "sql" {d = $2 - before[$4]; if (d > 0) {bylabel[$3] += d; printf "%8.3f  %s\n", d / requests, $4 > detail}; next}
    {after[$1] = $2}
    END {
      printf "%.2f\t%.2f\t%.2f\t", (after["statements"] - before["statements"]) / requests,
        (after["roundtrips"] - before["roundtrips"]) / requests, (after["syncs"] - before["syncs"]) / requests
      n = 0
      for (l in bylabel) labels[++n] = l
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
        if (bylabel[labels[j]] > bylabel[labels[i]]) {t = labels[i]; labels[i] = labels[j]; labels[j] = t}
      for (i = 1; i <= n; i++) printf "%s%.2f %s", (i > 1 ? ", " : ""), bylabel[labels[i]] / requests, labels[i]
      printf "\n"
    }' "$out/counts/$scenario-before.tsv" "$out/counts/$scenario-after.tsv" > "$out/counts/$scenario.summary"
  local line
  line=$(cat "$out/counts/$scenario.summary")
  stmts[$scenario]=$(cut -f1 <<< "$line")
  trips[$scenario]=$(cut -f2 <<< "$line")
  syncs[$scenario]=$(cut -f3 <<< "$line")
  breakdown[$scenario]=$(cut -f4 <<< "$line")
  log "  counted $scenario: ${stmts[$scenario]} statements, ${trips[$scenario]} round trips (${syncs[$scenario]} Sync/Query) per request ($requests requests): ${breakdown[$scenario]}"
}

# ---------------------------------------------------------------------------------------------- seeding

# seed EXPIRED(true|false): SEED_SESSIONS sessions in one transaction, each with the cart attribute of a
# session the harness created (so the application can deserialize it)
seed() {
  local expired="$1" expires
  if [[ "$expired" == true ]]; then
    expires="now_ms - 60000 - i" # expired a minute ago (and earlier)
  else
    expires="now_ms + 3600000"
  fi
  local started
  started=$(date +%s)
  "${pg[@]}" -d "$db" > "$out/seed.log" 2>&1 << SQL || { cat "$out/seed.log" >&2; die "seeding failed"; }
BEGIN;
CREATE TEMP TABLE bench_template ON COMMIT DROP AS
  SELECT name, value_bytes FROM sessiondb_attribute
  WHERE session_id = (SELECT session_id FROM sessiondb_attribute WHERE name ILIKE '%cart%' LIMIT 1)
    AND name ILIKE '%cart%';
DO \$\$ BEGIN
  IF (SELECT count(*) FROM bench_template) <> 1 THEN
    RAISE EXCEPTION 'expected one stored cart attribute to copy, found %', (SELECT count(*) FROM bench_template);
  END IF;
END \$\$;
INSERT INTO sessiondb_session (id, created_ms, last_accessed_ms, max_inactive_seconds, expires_at_ms)
  SELECT md5(i::text) || md5((i + 1)::text), now_ms - 7200000, now_ms - 3600000, 3600, $expires
  FROM generate_series(1, $seed_sessions) AS i,
       (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms) AS now;
INSERT INTO sessiondb_attribute (session_id, name, value_bytes)
  SELECT md5(i::text) || md5((i + 1)::text), t.name, t.value_bytes
  FROM generate_series(1, $seed_sessions) AS i, bench_template AS t;
COMMIT;
ANALYZE sessiondb_session;
ANALYZE sessiondb_attribute;
SQL
  log "  seeded $seed_sessions sessions (expired: $expired) in $(($(date +%s) - started)) s"
}

expired_rows() {
  "${pg[@]}" -d "$db" -Atc "SELECT count(*) FROM sessiondb_session WHERE expires_at_ms < (extract(epoch FROM clock_timestamp()) * 1000)::bigint"
}

# ---------------------------------------------------------------------------------------------- sharing

declare -A lost
# lost_adds BACKEND: ROUNDS times, a new session with one item, then 20 concurrent adds to it; counts those missing
lost_adds() {
  local backend="$1" round i jar="$out/jar-lost.txt" cookie kept missing=0
  for ((round = 1; round <= rounds; round++)); do
    rm -f "$jar"
    curl -sf -o /dev/null -c "$jar" -H 'Content-Type: application/json' -d '{"name":"first"}' "$base/api/cart/items" \
      || die "POST /api/cart/items failed"
    cookie=$(awk -F '\t' 'NF == 7 {printf "%s%s=%s", sep, $6, $7; sep = "; "}' "$jar")
    local -a adds=()
    for ((i = 0; i < 20; i++)); do
      curl -sf -o /dev/null -H "Cookie: $cookie" -H 'Content-Type: application/json' -d "{\"name\":\"item-$i\"}" \
        "$base/api/cart/items" &
      adds+=($!)
    done
    wait "${adds[@]}" || true # only the adds: the server is a child of this shell too
    kept=$(curl -sf -H "Cookie: $cookie" "$base/api/cart" | grep -o '"item-[0-9]*"' | sort -u | wc -l)
    missing=$((missing + 20 - kept))
  done
  lost[$backend]=$missing
  log "  scenario 8 on $backend: $missing of $((20 * rounds)) concurrent adds lost"
}

# write_on_second_node: POST /api/counter on the second node, each of the 16 sessions in turn, every WRITE_INTERVAL s
write_on_second_node() {
  local -a cookies
  mapfile -t cookies < "$cookies16"
  local i=0
  while true; do
    curl -s -o /dev/null -X POST -H "Cookie: ${cookies[i % ${#cookies[@]}]}" "$base2/api/counter"
    echo >> "$out/second-node-writes.txt"
    i=$((i + 1))
    sleep "$write_interval"
  done
}

declare -A second_writes second_rate stale
# with_second_node SCENARIO [VAR=value ...]: scenario 9's reads on this server while a second node, booted with the
# same settings, changes the sessions; then the stale-read check
with_second_node() {
  local scenario="$1"
  shift
  start_second_node "second-node-$scenario" SESSIONDB_VISITS_ENABLED=false "$@"
  : > "$out/second-node-writes.txt"
  local started
  started=$(date +%s.%N)
  write_on_second_node &
  writer_pid=$!
  measure "$scenario" sessiondb "$readers" GET /api/cart "$cookies16"
  kill "$writer_pid" 2> /dev/null || true
  wait "$writer_pid" 2> /dev/null || true
  writer_pid=""
  second_writes[$scenario]=$(wc -l < "$out/second-node-writes.txt")
  second_rate[$scenario]=$(awk -v n="${second_writes[$scenario]}" -v t0="$started" -v t1="$(date +%s.%N)" \
    'BEGIN {printf "%.0f", n / (t1 - t0)}')
  stale[$scenario]=$(stale_reads)
  log "  scenario $scenario: the second node wrote ${second_writes[$scenario]} times (${second_rate[$scenario]}/s);" \
    "${stale[$scenario]} of $checks reads right after a write on the second node missed it"
  stop_second_node
}

# stale_reads: CHECKS times, an item added on the second node, then the cart read on the first at once
stale_reads() {
  local -a cookies
  mapfile -t cookies < "$cookies16"
  local i cookie stale=0
  for ((i = 0; i < checks; i++)); do
    cookie="${cookies[i % ${#cookies[@]}]}"
    curl -sf -o /dev/null -H "Cookie: $cookie" -H 'Content-Type: application/json' -d "{\"name\":\"check-$i\"}" \
      "$base2/api/cart/items" || die "POST /api/cart/items on the second node failed"
    curl -sf -H "Cookie: $cookie" "$base/api/cart" | grep -q "\"check-$i\"" || stale=$((stale + 1))
  done
  echo "$stale"
}

# ---------------------------------------------------------------------------------------------- the runs

cookies16="$out/cookies16.txt"
cookie1="$out/cookies16.txt.one"
readers=$connections # one connection per wrk thread where each connection has its own session
machine="$(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $("${pg[@]}" -d postgres -Atc 'SHOW server_version' | awk '{print $1}')"
log "benchmark: DURATION=$duration WARMUP=$warmup COUNT_DURATION=$count_duration CONNECTIONS=$connections SEED_SESSIONS=$seed_sessions LOCK=$lock; $machine"

for backend in memory sessiondb; do
  enabled=$([[ "$backend" == sessiondb ]] && echo true || echo false)
  start_server "$backend-stamps-off" SESSIONDB_ENABLED="$enabled" SESSIONDB_VISITS_ENABLED=false
  warm_server
  measure 0 "$backend" "$threads" GET /api/cart ""
  measure 1 "$backend" "$threads" GET /api/cart "$cookie1"
  measure 3 "$backend" "$readers" POST /api/counter "$cookies16"
  measure 4 "$backend" "$threads" POST /api/counter ""
  lost_adds "$backend"
  if [[ "$backend" == memory ]]; then
    measure 9 memory "$readers" GET /api/cart "$cookies16"
  else
    with_second_node 9
  fi
  stop_server

  start_server "$backend-stamps-on" SESSIONDB_ENABLED="$enabled" SESSIONDB_VISITS_ENABLED=true
  warm_server
  measure 2 "$backend" "$threads" GET /api/cart "$cookie1"
  measure 5a "$backend" "$readers" GET /api/cart "$cookie1"
  measure 5b "$backend" "$readers" GET /api/cart "$cookies16"
  if [[ "$backend" == sessiondb ]]; then
    heap_before_seed=$(heap_used_mb)
    log "  heap used after a full GC, before seeding: $heap_before_seed MiB"
    seed false
    measure 6 sessiondb "$readers" GET /api/cart "$cookies16"
    heap_after_6=$(heap_used_mb)
    stored_6=$("${pg[@]}" -d "$db" -Atc 'SELECT count(*) FROM sessiondb_session')
    log "  heap used after a full GC, $stored_6 sessions stored: $heap_after_6 MiB"
  fi
  stop_server
done

start_server sessiondb-notify SESSIONDB_VISITS_ENABLED=false SESSIONDB_CACHE_COHERENCE=notify
warm_server
measure 1n sessiondb "$threads" GET /api/cart "$cookie1"
with_second_node 9n SESSIONDB_CACHE_COHERENCE=notify
stop_server

# For reference: the small Spring Session WAR, on memory sessions, then on Spring Session JDBC (same database)
for backend in spring-memory spring; do
  enabled=$([[ "$backend" == spring ]] && echo true || echo false)
  start_server --war "$spring_war" "$backend" SPRING_SESSION_ENABLED="$enabled"
  warm_server
  measure 1 "$backend" "$threads" GET /api/cart "$cookie1"
  measure 3 "$backend" "$readers" POST /api/counter "$cookies16"
  measure 4 "$backend" "$threads" POST /api/counter ""
  measure 5b "$backend" "$readers" GET /api/cart "$cookies16"
  stop_server
done

log "counting SQL statements and round trips (SessionDB through the proxy, $count_duration per scenario)"
start_proxy
proxied_url="jdbc:postgresql://127.0.0.1:$proxy_port/$db?sslmode=disable"
start_server counting-stamps-off SESSIONDB_DB_URL="$proxied_url" SESSIONDB_VISITS_ENABLED=false
warm_server 2s # counting needs sessions, not a warm JIT
count 0 "$threads" GET /api/cart ""
count 1 "$threads" GET /api/cart "$cookie1"
count 3 "$readers" POST /api/counter "$cookies16"
count 4 "$threads" POST /api/counter ""
count 9 "$readers" GET /api/cart "$cookies16"
stop_server
start_server counting-notify SESSIONDB_DB_URL="$proxied_url" SESSIONDB_VISITS_ENABLED=false \
  SESSIONDB_CACHE_COHERENCE=notify
warm_server 2s # counting needs sessions, not a warm JIT
count 1n "$threads" GET /api/cart "$cookie1"
count 9n "$readers" GET /api/cart "$cookies16"
stop_server
start_server counting-stamps-on SESSIONDB_DB_URL="$proxied_url" SESSIONDB_VISITS_ENABLED=true
warm_server 2s # counting needs sessions, not a warm JIT
count 2 "$threads" GET /api/cart "$cookie1"
count 5a "$readers" GET /api/cart "$cookie1"
count 5b "$readers" GET /api/cart "$cookies16"
stop_server
log "counting Spring Session JDBC's statements and round trips (the Spring WAR through the proxy)"
start_server --war "$spring_war" counting-spring SPRING_DB_URL="$proxied_url"
warm_server 2s # counting needs sessions, not a warm JIT
count s1 "$threads" GET /api/cart "$cookie1"
count s3 "$readers" POST /api/counter "$cookies16"
count s4 "$threads" POST /api/counter ""
count s5b "$readers" GET /api/cart "$cookies16"
stop_server
kill "$proxy_pid" 2> /dev/null || true
wait "$proxy_pid" 2> /dev/null || true
proxy_pid=""

log "scenario 7: reads while the sweeper deletes $seed_sessions expired sessions"
start_server sweep SESSIONDB_VISITS_ENABLED=true SESSIONDB_CLEANUP_INTERVAL=1 SESSIONDB_CLEANUP_BATCH_SIZE="$sweep_batch"
warm_server
heap_before_sweep=$(heap_used_mb)
log "  heap used after a full GC, before seeding: $heap_before_sweep MiB"
measure 7-idle sessiondb "$readers" GET /api/cart "$cookies16"
seed true
# deleted rows per second (PostgreSQL's statistics, flushed about once a second), sampled during the run
(
  while true; do
    printf '%s\t%s\n' "$(date +%s.%N)" \
      "$("${pg[@]}" -d "$db" -Atc "SELECT n_tup_del FROM pg_stat_user_tables WHERE relname = 'sessiondb_session'")"
    sleep 1
  done
) > "$out/sweep-deletions.tsv" 2> /dev/null &
sampler_pid=$!
expired_before=$(expired_rows)

load "$out/wrk/7-sweep-sessiondb.txt" "$duration" "$readers" GET /api/cart "$cookies16"
expired_after=$(expired_rows)
kill "$sampler_pid" 2> /dev/null || true
wait "$sampler_pid" 2> /dev/null || true
sampler_pid=""
read -r r p5 p9 requests non2xx _ < <(wrk_summary "$out/wrk/7-sweep-sessiondb.txt")
((non2xx == 0)) || die "scenario 7 during the sweep: $non2xx responses were not 2xx"
rps[7-sweep.sessiondb]=$r p50[7-sweep.sessiondb]=$p5 p99[7-sweep.sessiondb]=$p9
deleted_during=$((expired_before - expired_after))
# the sweep ran throughout when every sampled second after the first showed deletions and rows were left at the end
idle_seconds=$(awk -F '\t' 'NR > 1 && $2 == prev {n++} {prev = $2} END {print n + 0}' "$out/sweep-deletions.tsv")
samples=$(wc -l < "$out/sweep-deletions.tsv")
log "  during the sweep: $r requests/s, p50 $p5 ms, p99 $p9 ms; $deleted_during rows deleted during the run, $expired_after expired rows left; $idle_seconds of $((samples - 1)) sampled seconds without deletions"
log "  waiting (at most $sweep_wait s) for the sweep to finish"
sweep_started=$(date +%s)
while true; do
  left=$(expired_rows)
  ((left == 0)) && break
  (($(date +%s) - sweep_started < sweep_wait)) || break
  log "    $left expired rows left"
  sleep 10
done
sweep_wait_taken=$(($(date +%s) - sweep_started))
sweep_left=$left
heap_after_sweep=$(heap_used_mb)
log "  sweep: $sweep_left rows left after waiting $sweep_wait_taken s more; heap used after a full GC: $heap_after_sweep MiB"
stop_server

# ---------------------------------------------------------------------------------------------- report

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
verdict() { awk -v v="$1" -v limit="$2" -v op="$3" 'BEGIN {
  if (v == "n/a" || v == "") {print "n/a"; exit}
  ok = (op == ">=") ? v >= limit : (op == "<=") ? v <= limit : v < limit
  print ok ? "**pass**" : "**miss**"}'; }
fmt() { awk -v v="$1" 'BEGIN {if (v >= 100) printf "%.0f", v; else printf "%.2f", v}'; }

report="$out/report.md"
{
  echo "Generated by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') in $((($(date +%s) - started_at) / 60)) min."
  echo "Machine: $machine. PostgreSQL on the same machine (127.0.0.1), wrk on the same machine."
  echo "Settings: wrk runs of $duration after a $warmup warm-up, $connections connections (2 threads for one"
  echo "session or no cookie, one thread per connection where each connection has its own session), session lock $lock."
  echo "Statements and round trips per request: counted by the wire-protocol proxy on a separate boot, $count_duration"
  echo "per scenario, same load shape, background statements included."
  echo
  echo "CPU per request: the server JVM's CPU time (user and system, from /proc) during the measured run, divided"
  echo "by the requests it served."
  echo
  echo "| scenario | memory req/s | p50 | p99 | CPU / request | SessionDB req/s | p50 | p99 | CPU / request | ratio | statements / request | round trips / request |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for s in 0 1 1n 2 3 4 5a 5b 9 9n; do
    case "$s" in
      0) title="0 \`GET /api/cart\` without a cookie, stamps off: the JSON path, no session" ;;
      1) title="1 read-only \`GET /api/cart\`, stamps off, 16 clients on 1 session" ;;
      1n) title="1n the same, \`sessiondb.cache.coherence=notify\`" ;;
      9) title="9 \`GET /api/cart\`, stamps off, 16 sessions, a second SessionDB node changing them (${second_rate[9]} writes/s)" ;;
      9n) title="9n the same, \`notify\` (${second_rate[9n]} writes/s)" ;;
      2) title="2 the same, visit stamps on" ;;
      3) title="3 \`POST /api/counter\` (one attribute written), stamps off, 16 sessions" ;;
      4) title="4 \`POST /api/counter\` without a cookie: a new session per request, stamps off" ;;
      5a) title="5 \`GET /api/cart\`, stamps on, 16 clients on 1 session" ;;
      5b) title="5 \`GET /api/cart\`, stamps on, 16 clients on 16 sessions" ;;
    esac
    memory_of=${s%n}
    echo "| $title | $(fmt "${rps[$memory_of.memory]}") | ${p50[$memory_of.memory]} ms | ${p99[$memory_of.memory]} ms" \
      "| ${cpu[$memory_of.memory]} ms | $(fmt "${rps[$s.sessiondb]}") | ${p50[$s.sessiondb]} ms | ${p99[$s.sessiondb]} ms" \
      "| ${cpu[$s.sessiondb]} ms | $(ratio "${rps[$s.sessiondb]}" "${rps[$memory_of.memory]}") | ${stmts[$s]} | ${trips[$s]} |"
  done
  echo "| 6 as 5 (16 sessions) with $stored_6 sessions stored | (5: $(fmt "${rps[5b.memory]}")) | | | |" \
    "$(fmt "${rps[6.sessiondb]}") | ${p50[6.sessiondb]} ms | ${p99[6.sessiondb]} ms | ${cpu[6.sessiondb]} ms" \
    "| $(ratio "${rps[6.sessiondb]}" "${rps[5b.memory]}") (against memory's 5) | not counted | not counted |"
  echo
  echo "Per request by kind (SessionDB, counted), and the Sync/Query messages (pgjdbc sends \`BEGIN\` as a"
  echo "simple Query pipelined with the transaction's first statement: two Sync/Query messages, one round trip):"
  echo
  for s in 0 1 1n 2 3 4 5a 5b 9 9n; do
    echo "- scenario $s: ${breakdown[$s]} (${syncs[$s]} Sync/Query)"
  done
  echo
  echo "Scenarios 9 and 9n are counted without the second node: a read then costs what one of an unchanged session does."
  echo
  echo "**Spring Session JDBC 3.5 on the same load, for reference.** The same scenarios on a small servlet WAR"
  echo "([bench/spring-session/](bench/spring-session/): Spring Session JDBC $spring_session_version with its"
  echo "\`@EnableJdbcHttpSession\` defaults, HikariCP, no Spring Boot), on Payara's memory sessions and on Spring Session"
  echo "over the same PostgreSQL database. That WAR is a small servlet application without the demo's Jakarta Security"
  echo "mechanism and visit stamps, so the comparison is of ratios, each WAR against its own memory sessions."
  echo
  echo "| scenario | small WAR, memory req/s | CPU / request | Spring Session req/s | p50 | p99 | CPU / request | ratio | statements / request | round trips / request | SessionDB's ratio (table above) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for s in 1 3 4 5b; do
    case "$s" in
      1) title="1 read-only \`GET /api/cart\`, 16 clients on 1 session" ;;
      3) title="3 \`POST /api/counter\` (one attribute written), 16 sessions" ;;
      4) title="4 \`POST /api/counter\` without a cookie: a new session per request" ;;
      5b) title="5 \`GET /api/cart\`, 16 clients on 16 sessions (SessionDB: stamps on)" ;;
    esac
    echo "| $title | $(fmt "${rps[$s.spring-memory]}") | ${cpu[$s.spring-memory]} ms | $(fmt "${rps[$s.spring]}") | ${p50[$s.spring]} ms" \
      "| ${p99[$s.spring]} ms | ${cpu[$s.spring]} ms | $(ratio "${rps[$s.spring]}" "${rps[$s.spring-memory]}") | ${stmts[s$s]} | ${trips[s$s]}" \
      "| $(ratio "${rps[$s.sessiondb]}" "${rps[$s.memory]}") |"
  done
  echo
  echo "Per request by kind (Spring Session JDBC, counted):"
  echo
  for s in 1 3 4 5b; do
    echo "- scenario $s: ${breakdown[s$s]} (${syncs[s$s]} Sync/Query)"
  done
  echo
  echo "Scenario 8, 20 concurrent \`POST /api/cart/items\` on one session, $rounds rounds: memory sessions lost" \
    "${lost[memory]} of $((20 * rounds)) adds, SessionDB ${lost[sessiondb]}."
  echo "Right after a write on the second node, a read of that session on the first node missed it in ${stale[9]} of $checks"
  echo "checks with \`version\` (9) and in ${stale[9n]} of $checks with \`notify\` (9n)."
  echo
  echo "Scenario 7, reads as in 5 (16 sessions) on a server sweeping every second in batches of $sweep_batch:"
  echo
  echo "| | req/s | p50 | p99 |"
  echo "| --- | ---: | ---: | ---: |"
  echo "| idle (before seeding) | $(fmt "${rps[7-idle.sessiondb]}") | ${p50[7-idle.sessiondb]} ms | ${p99[7-idle.sessiondb]} ms |"
  echo "| during the sweep of $seed_sessions expired sessions | $(fmt "${rps[7-sweep.sessiondb]}") | ${p50[7-sweep.sessiondb]} ms | ${p99[7-sweep.sessiondb]} ms |"
  echo
  echo "The sweeper deleted $deleted_during sessions during the $duration run ($expired_before expired at its start," \
    "$expired_after left at its end; $idle_seconds of $((samples - 1)) sampled seconds showed no deletions)."
  if ((sweep_left == 0)); then
    echo "The rest was gone $sweep_wait_taken s after the run."
  else
    echo "$sweep_left expired sessions were still stored $sweep_wait_taken s after the run (the harness stopped waiting)."
  fi
  echo
  echo "Heap used after a full GC (SessionDB server, MiB): $heap_before_seed before seeding, $heap_after_6 with" \
    "$stored_6 sessions stored (after scenario 6); sweep server: $heap_before_sweep before seeding, $heap_after_sweep" \
    "after the sweep."
  echo
  echo "| target | measured | |"
  echo "| --- | --- | --- |"
  r1=$(ratio "${rps[1.sessiondb]}" "${rps[1.memory]}")
  r1n=$(ratio "${rps[1n.sessiondb]}" "${rps[1.memory]}")
  r2=$(ratio "${rps[2.sessiondb]}" "${rps[2.memory]}")
  r3=$(ratio "${rps[3.sessiondb]}" "${rps[3.memory]}")
  r4=$(ratio "${rps[4.sessiondb]}" "${rps[4.memory]}")
  r5a=$(ratio "${rps[5a.sessiondb]}" "${rps[5a.memory]}")
  r5b=$(ratio "${rps[5b.sessiondb]}" "${rps[5b.memory]}")
  r9=$(ratio "${rps[9.sessiondb]}" "${rps[9.memory]}")
  r9n=$(ratio "${rps[9n.sessiondb]}" "${rps[9.memory]}")
  stamps_floor=$(awk -v v="$r1" 'BEGIN {printf "%.2f", 0.9 * v}')
  echo "| read, \`version\` (the default), ≥ 0.75× (1; 9 with a second node writing) | $r1; $r9 | $(verdict "$r1" 0.75 ">="); $(verdict "$r9" 0.75 ">=") |"
  echo "| read, \`notify\`, ≥ 0.95× (1n; 9n with a second node writing) | $r1n; $r9n | $(verdict "$r1n" 0.95 ">="); $(verdict "$r9n" 0.95 ">=") |"
  echo "| read with visit stamps on within 10 % of the same read without (2 against 1, as ratios: ≥ $stamps_floor) | $r2 against $r1 | $(verdict "$r2" "$stamps_floor" ">=") |"
  echo "| one attribute written ≥ 0.5× (3) | $r3 | $(verdict "$r3" 0.5 ">=") |"
  echo "| one attribute written in ≤ 2 round trips (3; ≤ 2.05: background statements are in) | ${trips[3]} | $(verdict "${trips[3]}" 2.05 "<=") |"
  echo "| a new session per request ≥ 0.5× (4) | $r4 | $(verdict "$r4" 0.5 ">=") |"
  echo "| 16 clients on one session ≥ the same on 16 sessions (5a against 5b, as ratios) | $r5a against $r5b | $(verdict "$r5a" "$r5b" ">=") |"
  for s in 0 1 1n 2 3 4 5a 5b 9 9n; do
    memory_of=${s%n}
    limit=$(awk -v v="${p99[$memory_of.memory]}" 'BEGIN {printf "%.2f", 2 * v}')
    echo "| p99 ≤ 2× memory sessions' p99 ($s) | ${p99[$s.sessiondb]} ms against ${p99[$memory_of.memory]} ms | $(verdict "${p99[$s.sessiondb]}" "$limit" "<=") |"
  done
  echo "| a change on the other node seen on the next request (9; 9n) | ${stale[9]}; ${stale[9n]} of $checks reads missed it | $(verdict "${stale[9]}" 0 "<="); $(verdict "${stale[9n]}" 0 "<=") |"
  echo "| 0 of 20 concurrent adds lost (8) | ${lost[sessiondb]} of $((20 * rounds)) | $(verdict "${lost[sessiondb]}" 0 "<=") |"
  echo "| at most 1 round trip per read-only request (1; ≤ 1.05) | ${trips[1]} | $(verdict "${trips[1]}" 1.05 "<=") |"
  limit=$(awk -v v="${p99[7-idle.sessiondb]}" 'BEGIN {printf "%.2f", 2 * v}')
  echo "| p99 during the sweep < 2× idle p99 (7) | ${p99[7-sweep.sessiondb]} ms against ${p99[7-idle.sessiondb]} ms idle | $(verdict "${p99[7-sweep.sessiondb]}" "$limit" "<") |"
  grown6=$((heap_after_6 - heap_before_seed))
  grown7=$((heap_after_sweep - heap_before_sweep))
  echo "| heap flat: < 32 MiB more after a full GC with $stored_6 sessions stored (6) | ${grown6} MiB | $(verdict "$grown6" 32 "<") |"
  echo "| heap flat after the sweep (7) | ${grown7} MiB | $(verdict "$grown7" 32 "<") |"
  echo
  echo "Raw wrk outputs, per-SQL counts and server logs: \`target/bench/\`."
} > "$report"

if grep -q '<!-- bench:results:begin -->' BENCHMARKS.md && grep -q '<!-- bench:results:end -->' BENCHMARKS.md; then
  awk -v report="$report" '
    /<!-- bench:results:begin -->/ {print; while ((getline line < report) > 0) print line; skip = 1; next}
    /<!-- bench:results:end -->/ {skip = 0}
    !skip {print}' BENCHMARKS.md > "$out/BENCHMARKS.md.new"
  mv "$out/BENCHMARKS.md.new" BENCHMARKS.md
  log "BENCHMARKS.md updated between its bench:results markers"
else
  log "BENCHMARKS.md has no bench:results markers; the report is only in $report"
fi
cat "$report"
log "done in $((($(date +%s) - started_at) / 60)) min"
