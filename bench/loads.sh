# Sourced by bench/ab.sh and bench/profile.sh: the named loads they both run, and how they read CPU time.
#   read1   GET /api/cart, 3-item cart, 16 connections on one session (2 wrk threads)
#   read16  GET /api/cart, 16 connections on 16 sessions (a thread each)
#   write16 POST /api/counter, 16 connections on 16 sessions (one attribute written per request)
#   new     POST /api/counter without a cookie (a new session per request; 2 wrk threads)

loads_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# select_load LOAD CONNECTIONS: sets method, path, threads and sessions (one, many or none)
select_load() {
  case "$1" in
    read1) method=GET path=/api/cart threads=2 sessions=one ;;
    read16) method=GET path=/api/cart threads=$2 sessions=many ;;
    write16) method=POST path=/api/counter threads=$2 sessions=many ;;
    new) method=POST path=/api/counter threads=2 sessions=none ;;
    *) echo "unknown LOAD '$1' (read1, read16, write16, new)" >&2; return 1 ;;
  esac
}

# make_load_sessions BASE_URL CONNECTIONS FILE: sessions with a 3-item cart, one Cookie header value per line
# (one session for sessions=one, CONNECTIONS for many, none for none)
make_load_sessions() {
  local base="$1" connections="$2" file="$3" n jar item
  : > "$file"
  [[ "$sessions" == none ]] && return 0
  n=$([[ "$sessions" == one ]] && echo 1 || echo "$connections")
  jar="$file.jar"
  for ((s = 0; s < n; s++)); do
    rm -f "$jar"
    for item in apple pear plum; do
      curl -sf -o /dev/null -c "$jar" -b "$jar" -H 'Content-Type: application/json' -d "{\"name\":\"$item\"}" \
        "$base/api/cart/items" || { echo "POST $base/api/cart/items failed" >&2; return 1; }
    done
    awk -F '\t' 'NF == 7 {printf "%s%s=%s", sep, $6, $7; sep = "; "} END {print ""}' "$jar" >> "$file"
  done
}

# CPU time (clock ticks) of one process, from /proc
process_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2> /dev/null || echo 0; }

# CPU time (clock ticks) of every PostgreSQL process, with that of its children that ended
postgres_ticks() {
  for p in $(pgrep postgres); do awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2> /dev/null; done |
    awk '{s += $1} END {print s + 0}'
}

# run_load BASE_URL CONNECTIONS TIME COOKIES OUTPUT [wrk options]: the selected load, through bench/sessions.lua
run_load() {
  local base="$1" connections="$2" time="$3" cookies="$4" output="$5"
  shift 5
  WRK_METHOD="$method" WRK_COOKIES="$cookies" wrk -t"$threads" -c"$connections" -d"$time" "$@" \
    -s "$loads_dir/sessions.lua" "$base$path" > "$output" 2>&1
}
