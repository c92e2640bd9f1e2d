#!/usr/bin/env bash
# Event history benchmark (issue 5): starts FieldOps (embedded PostgreSQL + KRaft Kafka) in a fresh temporary data
# dir, generates ONE organisation with ten years of history in the event store and its read models
# (bench/dashboard_dataset.py: 120,000 timesheets and 280,000 jobs of 12 people over 3,650 days, ~1,000,000
# events; no project facts, so every read-model row comes from a stored event), then measures
#   a) export: GET /api/events as the organisation's admin, the whole history as NDJSON through curl into wc;
#      events/s, MB/s, the app's resident memory and heap in use sampled every 0.5 s
#   b) rebuild: POST /actuator/projections/all (every projection replayed from the event store into a shadow
#      schema and swapped in); seconds, events/s, every read-model table checksummed before and after
# The app runs with a 1 GiB heap (JAVA_OPTS, the embedded broker included): the export must stream in flat memory.
#
#   bash bench/history.sh
#
# Results: bench/results/<UTC time>-dashboard/ (summary.txt, summary-table.txt). Every setting of
# bench/dashboard.sh applies (ports, BENCH_JAR, BENCH_IDLE_WAIT_SECONDS, BENCH_KEEP_DATA, …).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export BENCH_ORGS="${BENCH_ORGS:-1}" BENCH_DAYS="${BENCH_DAYS:-3650}" BENCH_TIMESHEETS="${BENCH_TIMESHEETS:-120000}"
export BENCH_JOBS="${BENCH_JOBS:-280000}" BENCH_PROJECTS=0 BENCH_ACTIVITY=0
export BENCH_RUNS=none BENCH_SKIP_INBOUND="${BENCH_SKIP_INBOUND:-1}" BENCH_REFRESH_ORGS=0 BENCH_HISTORY=1
export JAVA_OPTS="${JAVA_OPTS:--Xmx1g}"
export BENCH_COMMAND="${BENCH_COMMAND:-bash bench/history.sh (BENCH_TIMESHEETS=$BENCH_TIMESHEETS BENCH_JOBS=$BENCH_JOBS BENCH_DAYS=$BENCH_DAYS JAVA_OPTS=$JAVA_OPTS)}"
exec bash "$BENCH_DIR/dashboard.sh"
