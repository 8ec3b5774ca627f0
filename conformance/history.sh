#!/usr/bin/env bash
# Runs the history checker (issue 20, point 6) for as long as you like, with any seed: two Payara Micro nodes of
# the history test application on one fresh database, clients in session groups running random operations on
# both nodes and then on one, and the checker's report of every breach of the consistency model. The same
# harness as HistoryIT in `mvn verify` (30 s, seed 20), which this script runs with other settings.
#
#   conformance/history.sh [--seed N] [--seconds S] [--database postgresql|mariadb] [--groups G] [--clients C]
#
# Defaults: seed 20, 30 seconds (three quarters on two nodes, a quarter on one), postgresql, 4 groups of 3 clients.
# The same seed makes the same random choices; what the nodes answer still depends on timing.
# Needs the database server of the machine (PostgreSQL on 127.0.0.1:5432, trust auth; MariaDB on 127.0.0.1:3306,
# root without password), as `mvn verify` does. Extra Maven arguments (such as -o) go in MVN_ARGS.
#
# Writes target/history/<database>/seed-<N>.jsonl (the history, one operation a line) and
# seed-<N>.report.txt (printed at the end); the server logs stay under target/e2e/<database>/HistoryIT/.
# Re-check a history file with the test classpath:
#   java -cp target/test-classes:target/classes:<test classpath> io.sessiondb.history.HistoryFile <file.jsonl>
# Exit status: 0 without violations, 1 with violations, 2 when no report was written.
set -euo pipefail

usage() {
    echo "usage: $0 [--seed N] [--seconds S] [--database postgresql|mariadb] [--groups G] [--clients C]" >&2
    exit 2
}

seed=20
seconds=30
database=postgresql
groups=4
clients=3
while [ $# -gt 0 ]; do
    case "$1" in
    --seed) seed=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --database) database=${2:?}; shift 2 ;;
    --groups) groups=${2:?}; shift 2 ;;
    --clients) clients=${2:?}; shift 2 ;;
    *) usage ;;
    esac
done
case "$database" in postgresql | mariadb) ;; *) usage ;; esac
for number in "$seed" "$seconds" "$groups" "$clients"; do
    [[ "$number" =~ ^[0-9]+$ ]] || usage
done

project=$(cd "$(dirname "$0")/.." && pwd)
cd "$project"
report=target/history/$database/seed-$seed.report.txt
rm -f "$report"

# package (with the checker's own unit test), then only this database's Failsafe execution and only HistoryIT:
# the full verify would also run every other test and unpack GlassFish
set +e
# shellcheck disable=SC2086
mvn ${MVN_ARGS:-} -q package "failsafe:integration-test@$database" \
    -Dtest=HistoryCheckerTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=HistoryIT -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dhistory.seed="$seed" -Dhistory.seconds="$seconds" -Dhistory.groups="$groups" -Dhistory.clients="$clients"
set -e

if [ ! -f "$report" ]; then
    echo "No report at $report: see target/failsafe-reports-$database/ and target/e2e/$database/HistoryIT/" >&2
    exit 2
fi
cat "$report"
if grep -q "VIOLATIONS:" "$report"; then
    exit 1
fi
