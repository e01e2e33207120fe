#!/usr/bin/env bash
# The bench's nginx phase (bench/nginx.py starts this; it is not meant to be run by hand).
#
# Starts the production recipe as `make production-check` does (deploy/check/stack.sh): a
# throwaway PostgreSQL, two gunicorn app servers with deploy/gunicorn.conf.py and
# BENCH_WORKERS workers each, and Debian's nginx with deploy/nginx/screening.conf over HTTPS; then
# drives the same step saves through nginx in front of the first app server alone, and in front
# of both (`python -m bench.nginx`), each appending one JSON line to BENCH_RESULTS. Stops
# everything it started. Read from the environment: PY, BENCH_WORKERS, BENCH_SECONDS,
# BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_RESULTS, BENCH_STATIC_MANIFEST (false: no collectstatic).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=deploy/check/stack.sh
. deploy/check/stack.sh

stack_begin bench-nginx
stack_postgres
stack_environment "WEB_CONCURRENCY=$BENCH_WORKERS" "STATIC_MANIFEST=${BENCH_STATIC_MANIFEST:-true}"
stack_fill_database
stack_certificate
stack_app_servers "$APP1_PORT" "$APP2_PORT"
for servers in "$APP1_PORT" "$APP1_PORT $APP2_PORT"; do
  # shellcheck disable=SC2086 # one port, or two
  stack_nginx $servers
  "$PY" -m bench.nginx --base-url "https://localhost:$HTTPS_PORT" --ca "$WORK/tls.crt" \
    --access-log "$WORK/access.log" --app-servers "${servers// /,}" \
    --workers "$BENCH_WORKERS" --seconds "$BENCH_SECONDS" --warmup "$BENCH_WARMUP" \
    --connections "$BENCH_CONNECTIONS" --output "$BENCH_RESULTS"
  stack_nginx_stop
done
