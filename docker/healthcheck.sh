#!/usr/bin/env bash
# Container health check: healthy when SessionDB's readiness endpoint answers 200, which it does only
# while the session database is reachable. Uses bash's /dev/tcp, so the image needs no curl.
#   healthcheck.sh [port]
set -euo pipefail
port="${1:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 10 status_line <&3
exec 3<&-
[[ "${status_line}" == "HTTP/1."?" 200 "* ]]
