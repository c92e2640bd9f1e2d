#!/usr/bin/env bash
# Inbound throughput alone (issue 3, phase e of bench/dashboard.sh) on an empty dataset: starts FieldOps (embedded
# PostgreSQL + KRaft Kafka) in a fresh temporary data dir, makes the people of BENCH_ORGS organisations (tokens
# only, nothing in the read models), publishes BENCH_INBOUND_EVENTS fieldops.job.created.v1 CloudEvents to
# fieldops.inbound (bench/InboundProducer.java), after BENCH_INBOUND_WARMUP_EVENTS [60000] unmeasured ones (a fresh
# JVM's JIT compilers take ~15 s of CPU over the first 20,000 events and settle after ~60,000), and polls every organisation's GET /api/dashboard/stats until
# totalJobs shows them all. Reports events/s from the first send to all visible and the app's CPU
# (summary.txt: RESULT phase=inbound and phase=inbound.cpu), then stops the app.
#
#   bash bench/inbound.sh                               20 organisations, 20,000 events
#   BENCH_INBOUND_EVENTS=50000 bash bench/inbound.sh
#   JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/inbound.jfr' bash bench/inbound.sh   with a JFR recording
#
# Every setting of bench/dashboard.sh applies (ports, BENCH_JAR, BENCH_ORGS, BENCH_IDLE_WAIT_SECONDS, …).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export BENCH_DATASET=empty BENCH_RUNS=none BENCH_INBOUND_WARMUP_EVENTS="${BENCH_INBOUND_WARMUP_EVENTS:-60000}"
export BENCH_COMMAND="${BENCH_COMMAND:-bash bench/inbound.sh (BENCH_INBOUND_EVENTS=${BENCH_INBOUND_EVENTS:-20000} BENCH_INBOUND_WARMUP_EVENTS=${BENCH_INBOUND_WARMUP_EVENTS:-60000} BENCH_ORGS=${BENCH_ORGS:-20})}"
exec bash "$BENCH_DIR/dashboard.sh"
