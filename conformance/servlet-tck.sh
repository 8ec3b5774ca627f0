#!/usr/bin/env bash
# Runs the session tests of the Jakarta Servlet TCK on Payara Micro 6: first on Payara's own memory sessions
# (the reference), then with SessionDB added to every deployment, its sessions in H2 and, with --postgresql,
# also in PostgreSQL. Writes the per-class results to conformance/servlet-tck/target/results.md.
#
#   conformance/servlet-tck.sh [--postgresql] PATH_TO_SERVLET_REPO
#
# PATH_TO_SERVLET_REPO is a checkout of https://github.com/jakartaee/servlet at a TCK release, for example
#   git clone --branch 6.1.2-RELEASE-tck https://github.com/jakartaee/servlet
# The TCK is not on Maven Central, so neither SessionDB's build nor its CI runs it.
#
# --postgresql puts the sessions in the database of SESSIONDB_TCK_PG_URL (default
# jdbc:postgresql://127.0.0.1:5432/sessiondb_tck, user SESSIONDB_TCK_PG_USER, default postgres, password
# SESSIONDB_TCK_PG_PASSWORD, default empty); the default database is dropped and created afresh with psql.
set -euo pipefail

usage() {
    echo "usage: $0 [--postgresql] PATH_TO_SERVLET_REPO" >&2
    exit 2
}

postgresql=false
tck_dir=
for arg in "$@"; do
    case "$arg" in
    --postgresql) postgresql=true ;;
    -*) usage ;;
    *) [ -z "$tck_dir" ] || usage; tck_dir=$arg ;;
    esac
done
[ -n "$tck_dir" ] || usage
tck_dir=$(cd "$tck_dir" && pwd)
if [ ! -d "$tck_dir/tck/tck-runtime/src/main/java/servlet/tck" ]; then
    echo "$tck_dir holds no tck/tck-runtime: not a checkout of github.com/jakartaee/servlet 6.1 or later" >&2
    exit 2
fi

project=$(cd "$(dirname "$0")/.." && pwd)
runner=$project/conformance/servlet-tck
tck_version=$(sed -n 's:^    <version>\(.*\)</version>:\1:p' "$tck_dir/tck/pom.xml" | head -1)
echo "Servlet TCK $tck_version from $tck_dir ($(git -C "$tck_dir" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout'))"

echo "Building SessionDB (mvn package -DskipTests)"
(cd "$project" && mvn -B -q package -DskipTests)

rm -rf "$runner/target/tck-reports" "$runner/target/h2"
# run NAME SESSIONS [MAVEN_ARGS...]: the session tests, reported under target/tck-reports/NAME
run() {
    local name=$1 sessions=$2
    shift 2
    echo "Running the TCK's session tests: $name (log: $runner/target/$name.log)"
    mkdir -p "$runner/target"
    mvn -B -f "$runner/pom.xml" test \
        -Dtck.dir="$tck_dir" \
        -Dtck.sessions="$sessions" \
        -Dtck.reports="$runner/target/tck-reports/$name" \
        -Dsessiondb.lib.dir="$project/target/sessiondb/WEB-INF/lib" \
        -Dpayara.micro.jar="$project/target/payara-micro.jar" \
        "$@" >"$runner/target/$name.log" 2>&1 || {
        echo "the $name run did not complete: see $runner/target/$name.log" >&2
        exit 1
    }
    grep -E '^\[(INFO|WARNING|ERROR)\] Tests run:' "$runner/target/$name.log" | tail -1
}

run memory memory
run sessiondb-h2 sessiondb
if $postgresql; then
    pg_url=${SESSIONDB_TCK_PG_URL:-jdbc:postgresql://127.0.0.1:5432/sessiondb_tck}
    pg_user=${SESSIONDB_TCK_PG_USER:-postgres}
    if [ -z "${SESSIONDB_TCK_PG_URL:-}" ]; then
        psql -q -h 127.0.0.1 -U "$pg_user" -d postgres \
            -c 'DROP DATABASE IF EXISTS sessiondb_tck' -c 'CREATE DATABASE sessiondb_tck'
    fi
    run sessiondb-postgresql sessiondb \
        -Dsessiondb.db.url="$pg_url" -Dsessiondb.db.user="$pg_user" \
        -Dsessiondb.db.password="${SESSIONDB_TCK_PG_PASSWORD:-}"
fi

java -cp "$runner/target/test-classes" io.sessiondb.conformance.ConformanceReport \
    "Servlet TCK $tck_version" "$runner/target/tck-reports" >"$runner/target/results.md"
echo "Results: $runner/target/results.md"
