#!/usr/bin/env bash
# Dashboard and feed benchmark (issue 3): starts FieldOps (embedded PostgreSQL + KRaft Kafka) in a fresh temporary
# data dir, bulk-generates a dataset into its read models, then measures with wrk (32 connections, 2 threads, 30 s
# after a 10 s warm-up, tokens per organisation and role rotated by bench/wrk/dashboard_rotate.lua):
#   a) GET /api/dashboard/stats                                one run per role: admin, manager, technician
#   b) GET /api/dashboard/activity-feed?limit=20               first page, one run per role
#   c) GET /api/dashboard/activity-feed?limit=20&offset=10000  admin and manager (a technician sees fewer rows)
#   d) GET /api/dashboard/activity-feed?limit=20&cursor=…      X-Next-Cursor values of walks, one run per role
#   e) inbound throughput: N fieldops.job.created.v1 CloudEvents published to fieldops.inbound (Java producer,
#      kafka-clients taken from the app jar) until every organisation's totalJobs shows them all
# and stops the app on exit. Results: bench/results/<UTC time>-dashboard/ (summary.txt has every number,
# summary-table.txt the table).
#
# The dataset (bench/dashboard_dataset.py): 20 organisations, 2 teams each of a manager and 5 technicians,
# 200,000 timesheets, 50,000 jobs, 1,000,000 activity_log rows. Activity types go through the API
# (bulk import); everything else is inserted with SQL `insert … select generate_series(…)` straight into the read
# models and the dashboard counters, with the jobs' and timesheets' events in the event store (the app is stopped
# meanwhile and the kafka-publisher's tokens moved past them: NOT pushed through Kafka); the stats of every role
# are checked against SQL, then POST /api/dashboard/refresh rebuilds the first organisation(s) from those events
# and the check runs again.
#
# Needs the app jar (BENCH_JAR, default app/target/app-0.1.0-SNAPSHOT.jar; phase e needs one that has the inbound
# ingestion, com.fieldops.command.ingestion), wrk, psql, python3, curl, java 17 (javac for the producer).
# Everything goes to 127.0.0.1 only. Settings (environment, defaults in brackets):
#   SERVER_PORT [28080]  MANAGEMENT_SERVER_PORT [28081]  FIELDOPS_EMBEDDED_KAFKA_PORT [29092]
#   FIELDOPS_JWT_SECRET [a fixed 40-byte bench secret]   JAVA_OPTS [none]   BENCH_JAR
#   BENCH_ORGS [20] BENCH_TIMESHEETS [200000] BENCH_JOBS [50000] BENCH_ACTIVITY [1000000] BENCH_PROJECTS [25000]
#   BENCH_THREADS [2] BENCH_CONNECTIONS [32] BENCH_WARMUP_SECONDS [10] BENCH_SECONDS [30]
#   BENCH_INBOUND_EVENTS [20000] BENCH_INBOUND_MAX_SECONDS [600] BENCH_SKIP_INBOUND [0]
#   BENCH_INBOUND_WARMUP_EVENTS [0: none; else that many events go through the same pipeline first, unmeasured
#     (RESULT phase=warmup_inbound…), so the measured ones do not pay the JIT compilation of a fresh JVM]
#   BENCH_CHECK_LINES [60: lines of each request file sent once to check status and page size]
#   BENCH_WALK_SECONDS [120: time budget of one role's cursor walks]
#   BENCH_IDLE_WAIT_SECONDS [900] BENCH_IDLE_POLL_SECONDS [20] BENCH_KEEP_DATA [0]
#   BENCH_RUNS [all eleven wrk runs; "none" for none]  BENCH_REFRESH_ORGS [1: organisations refreshed and rechecked]
#   BENCH_DATASET [full; "empty": only the people (tokens), no dataset, no request files, no wrk runs: what
#     bench/inbound.sh uses to measure the inbound phase alone]
#   BENCH_DATA_DIR + BENCH_PEOPLE [unset]: reuse the data dir an earlier run kept (BENCH_KEEP_DATA=1) and its
#     people.tsv: no dataset generation, no walks (the request files of that run are reused); the dir is kept.
#     E.g. the inbound phase alone: BENCH_DATA_DIR=/tmp/fieldops-dash.X BENCH_PEOPLE=bench/results/…/people.tsv
#     BENCH_RUNS=none bash bench/dashboard.sh
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
JAR="${BENCH_JAR:-$ROOT/app/target/app-0.1.0-SNAPSHOT.jar}"

export SERVER_PORT="${SERVER_PORT:-28080}"
export MANAGEMENT_SERVER_PORT="${MANAGEMENT_SERVER_PORT:-28081}"
export FIELDOPS_EMBEDDED_KAFKA_PORT="${FIELDOPS_EMBEDDED_KAFKA_PORT:-29092}"
export FIELDOPS_JWT_SECRET="${FIELDOPS_JWT_SECRET:-fieldops-benchmark-hs256-secret-0123456789}"
ORGS="${BENCH_ORGS:-20}"
TIMESHEETS="${BENCH_TIMESHEETS:-200000}"
JOBS="${BENCH_JOBS:-50000}"
ACTIVITY="${BENCH_ACTIVITY:-1000000}"
PROJECTS="${BENCH_PROJECTS:-25000}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-10}"
SECONDS_PER_RUN="${BENCH_SECONDS:-30}"
INBOUND_EVENTS="${BENCH_INBOUND_EVENTS:-20000}"
INBOUND_MAX_SECONDS="${BENCH_INBOUND_MAX_SECONDS:-600}"
IDLE_WAIT_SECONDS="${BENCH_IDLE_WAIT_SECONDS:-900}"
IDLE_POLL_SECONDS="${BENCH_IDLE_POLL_SECONDS:-20}"
BASE="http://127.0.0.1:$SERVER_PORT"
MGMT="http://127.0.0.1:$MANAGEMENT_SERVER_PORT"
PY=(python3 "$BENCH_DIR/dashboard_bench.py")
BENCH_PY=(python3 "$BENCH_DIR/bench.py") # cpu, busy, pids-in: shared with bench/run.sh

log() { printf '%s [dashboard] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=bench/embedded_psql.sh
. "$(dirname "${BASH_SOURCE[0]}")/embedded_psql.sh"

# ------------------------------------------------------------------------------------------------ prerequisites
DATASET="${BENCH_DATASET:-full}"
case "$DATASET" in full|empty) ;; *) echo "BENCH_DATASET is full or empty, not $DATASET" >&2; exit 1 ;; esac
TOOLS="python3 curl java javac psql unzip"
[ "$DATASET" = empty ] || TOOLS="$TOOLS wrk"
for tool in $TOOLS; do
  command -v "$tool" >/dev/null || die "$tool is required (wrk and psql: apt-get install -y wrk postgresql-client)"
done
[ -f "$JAR" ] || die "$JAR is missing: run ./mvnw -B -ntp -DskipTests install first (or set BENCH_JAR)"
for port in "$SERVER_PORT" "$MANAGEMENT_SERVER_PORT" "$FIELDOPS_EMBEDDED_KAFKA_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port on 127.0.0.1 is in use; set SERVER_PORT/MANAGEMENT_SERVER_PORT/FIELDOPS_EMBEDDED_KAFKA_PORT"
  fi
done

RESULTS="$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)-dashboard"
mkdir -p "$RESULTS"
SUMMARY="$RESULTS/summary.txt"
: >"$SUMMARY"
log "results go to $RESULTS"

# ------------------------------------------------------------------------------------------------ idle machine
# other engineers' Maven builds and Surefire forks share the 2 cores: wait for them (bounded)
busy_now() {
  { "${BENCH_PY[@]}" busy 2>/dev/null || true
    pgrep -af surefire | grep -v pgrep || true
    pgrep -af 'bench/run.sh' | grep -v pgrep || true; } | sort -u
}
waited=0
busy="$(busy_now)"
while [ -n "$busy" ] && [ "$waited" -lt "$IDLE_WAIT_SECONDS" ]; do
  log "waiting for other Java builds/tests to finish ($waited s of at most $IDLE_WAIT_SECONDS s):"
  printf '%s\n' "$busy" | cut -c1-200 | sed 's/^/    /' >&2
  sleep "$IDLE_POLL_SECONDS"
  waited=$((waited + IDLE_POLL_SECONDS))
  busy="$(busy_now)"
done
if [ -n "$busy" ]; then
  log "WARNING: other Java builds/tests still run after $IDLE_WAIT_SECONDS s; measuring anyway (noted in results)"
  echo "RESULT phase=idle_wait idle=no waited_s=$waited" >>"$SUMMARY"
else
  echo "RESULT phase=idle_wait idle=yes waited_s=$waited" >>"$SUMMARY"
fi

INGESTION="no"
if unzip -l "$JAR" 'BOOT-INF/lib/command-side-*.jar' >/dev/null 2>&1 \
   && unzip -p "$JAR" 'BOOT-INF/lib/command-side-*.jar' >"$RESULTS/.cs.jar" 2>/dev/null \
   && unzip -l "$RESULTS/.cs.jar" | grep -q 'com/fieldops/command/ingestion/InboundConsumer.class'; then
  INGESTION="yes"
fi
rm -f "$RESULTS/.cs.jar"

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: ${BENCH_COMMAND:-bash bench/dashboard.sh}"
  echo "dataset: $DATASET"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && [ -n "$(git status --porcelain -- . ':!bench' ':!docs/benchmarks.md' 2>/dev/null)" ] && echo ' (working tree has other uncommitted changes)')"
  echo "jar: $JAR $(ls -l --time-style=+%Y-%m-%dT%H:%M "$JAR" | awk '{print $6, $5 " bytes"}')"
  echo "jar_has_inbound_ingestion: $INGESTION"
  echo "jar_source: ${BENCH_JAR_SOURCE:-the working tree build}"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
  echo "kernel: $(uname -sr)"
  echo "java: $(java -version 2>&1 | tr '\n' ' ')"
  echo "jvm_max_heap_default: $(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ MaxHeapSize / {printf "%d MiB", $4/1048576}')"
  echo "JAVA_OPTS: ${JAVA_OPTS:-<none>}"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "psql: $(psql --version)"
  echo "python: $(python3 --version 2>&1)"
  echo "idle_wait_s: $waited"
  echo "other_heavy_java_at_start: ${busy:-none}"
  echo "other_java_processes_at_start: $(pgrep -c -x java || echo 0)"
  echo "loadavg_at_start: $(cat /proc/loadavg)"
} >"$RESULTS/machine.txt"

# ------------------------------------------------------------------------------------------------ app start/stop
if [ -n "${BENCH_DATA_DIR:-}" ]; then
  [ -d "$BENCH_DATA_DIR/postgres" ] && [ -f "${BENCH_PEOPLE:-}" ] \
    || die "BENCH_DATA_DIR needs an earlier run's kept data dir and BENCH_PEOPLE its people.tsv"
  DATA_DIR="$BENCH_DATA_DIR"
  BENCH_KEEP_DATA=1
  echo "reused_data_dir: $DATA_DIR (dataset of the run that wrote $BENCH_PEOPLE, plus what earlier phases added)" \
    >>"$RESULTS/machine.txt"
else
  DATA_DIR="$(mktemp -d /tmp/fieldops-dash.XXXXXX)"
fi
APP_LOG="$DATA_DIR/app.log"
APP_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the app (pid $APP_PID)"
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    if kill -0 "$APP_PID" 2>/dev/null; then
      log "the app did not stop in 60 s: killing pid $APP_PID"
      kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    wait "$APP_PID" 2>/dev/null || true
  fi
  local strays
  strays="$("${BENCH_PY[@]}" pids-in "$DATA_DIR" 2>/dev/null || true)"
  for pid in $strays; do
    log "stopping leftover process $pid of $DATA_DIR"
    kill -TERM "$pid" 2>/dev/null || true
  done
  if [ -f "$APP_LOG" ]; then
    grep -E ' (WARN|ERROR) ' "$APP_LOG" | cut -c1-400 | head -200 >"$RESULTS/app-warnings.txt" || true
    grep -E 'Started FieldOpsApplication|Embedded PostgreSQL' "$APP_LOG" | cut -c1-300 >>"$RESULTS/machine.txt" || true
  fi
  if [ "${BENCH_KEEP_DATA:-0}" = 1 ]; then
    log "data dir kept: $DATA_DIR"
  else
    sleep 1
    rm -rf "$DATA_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cp "$JAR" "$DATA_DIR/app.jar"
start_app() {
  log "starting the app: data dir $DATA_DIR, ports $SERVER_PORT/$MANAGEMENT_SERVER_PORT, kafka $FIELDOPS_EMBEDDED_KAFKA_PORT"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  env -u SPRING_DATASOURCE_URL -u SPRING_KAFKA_BOOTSTRAP_SERVERS FIELDOPS_DATA_DIR="$DATA_DIR" \
    java ${JAVA_OPTS:-} -jar "$DATA_DIR/app.jar" >>"$APP_LOG" 2>&1 &
  APP_PID=$!
  start_wait=0
  until curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$APP_LOG" >&2; die "the app exited during start"; }
    [ "$start_wait" -lt 300 ] || { tail -40 "$APP_LOG" >&2; die "the app was not ready after 300 s"; }
    sleep 1
    start_wait=$((start_wait + 1))
  done
  log "ready after ~${start_wait} s"
  echo "app_ready_after_s: $start_wait" >>"$RESULTS/machine.txt"
}
start_app

find_psql
echo "embedded_postgres: 127.0.0.1:$BENCH_PSQL_PORT/$BENCH_PSQL_DB user $BENCH_PSQL_USER ($("${PSQL[@]}" -Atc 'show server_version'))" \
  >>"$RESULTS/machine.txt"

# ------------------------------------------------------------------------------------------------ helpers
cpu_snapshot() { "${BENCH_PY[@]}" cpu --pid "$APP_PID" --data-dir "$DATA_DIR"; }
mark_loadgen() { times >"$DATA_DIR/times.txt"; }
loadgen_cpu() {
  awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] }; printf "%.2f", s }' \
    "$DATA_DIR/times.txt"
}
cpu_result() { # phase before after loadgen_before loadgen_after
  awk -v p="$1" -v b="$2" -v a="$3" -v lb="$4" -v la="$5" -v n="$(nproc)" 'BEGIN {
    split(b, x, " "); split(a, y, " "); wall = y[1] - x[1];
    app = y[2] - x[2]; all = y[3] - x[3]; gen = la - lb;
    printf "RESULT phase=%s.cpu wall_s=%.1f app_cpu_s=%.1f app_cores=%.2f loadgen_cores=%.2f other_cores=%.2f machine_cores=%.2f of=%d\n",
      p, wall, app, app / wall, gen / wall, (all - app - gen) / wall, all / wall, n }'
}
metrics_snapshot() { # name
  curl -fsS "$MGMT/actuator/prometheus" 2>/dev/null \
    | grep -E '^(hikaricp_connections(_active|_pending|_max|_acquire_seconds_(sum|count|max))?|http_server_requests_seconds_(count|sum|max)\{.*uri="/api/dashboard[^"]*"|jvm_gc_pause_seconds_(count|sum|max)|tomcat_threads_(busy|current)_threads|fieldops_[a-z_]*|kafka_consumer_fetch_manager_records_lag_max)' \
    | cut -c1-400 >"$RESULTS/metrics-$1.txt" || true
}
# another benchmark (bench/run.sh) started meanwhile: wait for it before a measured phase, within what is left of
# BENCH_IDLE_WAIT_SECONDS (the wait is recorded)
WAIT_LEFT=$((IDLE_WAIT_SECONDS - waited))
wait_for_other_bench() { # phase
  local w=0
  while pgrep -f 'bench/run.sh' >/dev/null && [ "$WAIT_LEFT" -gt 0 ]; do
    [ "$w" = 0 ] && log "another benchmark (bench/run.sh) runs: waiting before $1 (at most $WAIT_LEFT s more)"
    sleep 10
    w=$((w + 10))
    WAIT_LEFT=$((WAIT_LEFT - 10))
  done
  if [ "$w" -gt 0 ]; then echo "RESULT phase=$1.waited_for_other_bench seconds=$w" >>"$SUMMARY"; fi
}
note_busy() {
  local others
  others="$("${BENCH_PY[@]}" busy --pid "$APP_PID" 2>/dev/null || true)"
  if [ -n "$others" ]; then
    log "WARNING: other heavy Java processes run during $1"
    printf '%s\n' "$others" | cut -c1-200 >"$RESULTS/others-$1.txt"
    echo "RESULT phase=$1.others busy=yes count=$(printf '%s\n' "$others" | wc -l)" >>"$SUMMARY"
  fi
}
run_wrk() { # phase requests-file seconds [record=1]
  local phase=$1 file=$2 secs=$3 record=${4:-1} before after gen_before gen_after
  wait_for_other_bench "$phase"
  note_busy "$phase"
  log "wrk $phase: $CONNECTIONS connections, $THREADS threads, $secs s ($(wc -l <"$file") request lines)"
  mark_loadgen; gen_before="$(loadgen_cpu)"
  before="$(cpu_snapshot)"
  BENCH_PHASE="$phase" BENCH_THREADS="$THREADS" BENCH_REQUESTS_FILE="$file" timeout $((secs + 60)) \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 30s --latency -s "$BENCH_DIR/wrk/dashboard_rotate.lua" \
    "$BASE" >"$RESULTS/$phase.txt" 2>&1 || { cat "$RESULTS/$phase.txt" >&2; die "wrk failed in $phase"; }
  after="$(cpu_snapshot)"
  mark_loadgen; gen_after="$(loadgen_cpu)"
  if [ "$record" = 1 ]; then
    grep '^RESULT ' "$RESULTS/$phase.txt" >>"$SUMMARY"
    cpu_result "$phase" "$before" "$after" "$gen_before" "$gen_after" >>"$SUMMARY"
    metrics_snapshot "$phase"
  fi
  grep '^RESULT ' "$RESULTS/$phase.txt" >&2
}
timed() { # phase command…: wall seconds of a setup step
  local phase=$1 started ended
  shift
  started=$(date +%s.%N)
  "$@"
  ended=$(date +%s.%N)
  awk -v p="$phase" -v a="$started" -v b="$ended" 'BEGIN { printf "RESULT phase=%s seconds=%.1f\n", p, b - a }' \
    | tee -a "$SUMMARY" >&2
}

# ------------------------------------------------------------------------------------------------ dataset
PEOPLE="$RESULTS/people.tsv"
REQ_DIR="$DATA_DIR/requests"
if [ -n "${BENCH_DATA_DIR:-}" ]; then
  cp "$BENCH_PEOPLE" "$PEOPLE"
  log "reusing $DATA_DIR: no dataset generation"
  "${PY[@]}" check --base "$BASE" --people "$PEOPLE" | tee "$RESULTS/dataset.txt" | tee -a "$SUMMARY" >&2
elif [ "$DATASET" = empty ]; then
  python3 "$BENCH_DIR/dashboard_dataset.py" people --orgs "$ORGS" --out "$PEOPLE"
  log "empty dataset: only the people of $ORGS organisations (for their tokens)"
else
python3 "$BENCH_DIR/dashboard_dataset.py" people --orgs "$ORGS" --out "$PEOPLE"
log "activity types through the API (8 per organisation)"
"${PY[@]}" seed-types --base "$BASE" --people "$PEOPLE" | tee -a "$SUMMARY" >&2
python3 "$BENCH_DIR/dashboard_dataset.py" sql --people "$PEOPLE" --timesheets "$TIMESHEETS" --jobs "$JOBS" \
  --projects "$PROJECTS" --activity "$ACTIVITY" --days "${BENCH_DAYS:-365}" >"$DATA_DIR/dataset.sql"
log "bulk-generating $TIMESHEETS timesheets, $JOBS jobs, $ACTIVITY activity_log rows with SQL into the read models"
# The dataset's events go into the event store but must not be published: they are history the read models already
# show. So the kafka-publisher must not be running while the SQL moves its tokens past them: once it has published
# every event (the activity types'), the app is killed (the embedded PostgreSQL is a daemon of its own and stays
# up; the in-JVM broker recovers its log at the next start), the SQL runs, and the restarted publisher resumes from
# the moved tokens.
publisher_behind() {
  "${PSQL[@]}" -Atc "select count(*) from token_entry where processor_name = 'kafka-publisher'
                       and (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint
                           < (select max(global_index) from domain_event_entry)"
}
waited=0
until [ "$(publisher_behind)" = 0 ]; do
  [ "$waited" -lt 120 ] || die "the kafka-publisher did not catch up with the event store in 120 s"
  sleep 1
  waited=$((waited + 1))
done
log "stopping the app (kill -9) for the dataset; PostgreSQL stays up"
kill -KILL "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
timed dataset_sql "${PSQL[@]}" -f "$DATA_DIR/dataset.sql"
start_app
find_psql
timed dataset_vacuum_analyze "${PSQL[@]}" -c 'vacuum (analyze) activity_log, timesheets, jobs, timesheet_day_hours'
log "checking the dataset and the stats of every role against SQL"
"${PY[@]}" check --base "$BASE" --people "$PEOPLE" | tee "$RESULTS/dataset.txt" | tee -a "$SUMMARY" >&2
# the generated counters must be what a rebuild from the event store finds: refresh the first organisations
# (a rebuild replays every event of the organisation) and check every role's stats again
if [ "${BENCH_REFRESH_ORGS:-1}" != 0 ]; then
  log "POST /api/dashboard/refresh as the admin of the first ${BENCH_REFRESH_ORGS:-1} organisation(s), then the check again"
  "${PY[@]}" refresh --base "$BASE" --people "$PEOPLE" --orgs "${BENCH_REFRESH_ORGS:-1}" | tee -a "$SUMMARY" >&2
  "${PY[@]}" check --base "$BASE" --people "$PEOPLE" | sed 's/phase=/phase=after_refresh_/' | tee -a "$SUMMARY" >&2
fi

# ------------------------------------------------------------------------------------------------ request files
if [ "${BENCH_RUNS:-}" != none ]; then
log "request files, cursor walks and one checked pass over every request"
timed requests "${PY[@]}" requests --base "$BASE" --people "$PEOPLE" --out-dir "$REQ_DIR" \
  --check-lines "${BENCH_CHECK_LINES:-60}" --walk-seconds "${BENCH_WALK_SECONDS:-120}" \
  > "$RESULTS/requests.txt"
cat "$RESULTS/requests.txt" | tee -a "$SUMMARY" >&2
for f in "$REQ_DIR"/*.tsv; do echo "$(basename "$f" .tsv) $(wc -l <"$f") lines"; done >"$RESULTS/request-files.txt"
fi
fi

# ------------------------------------------------------------------------------------------------ load runs
RUNS="${BENCH_RUNS:-stats_admin stats_manager stats_technician feed_first_admin feed_first_manager feed_first_technician
  feed_offset_admin feed_offset_manager feed_cursor_admin feed_cursor_manager feed_cursor_technician}"
[ "$RUNS" = none ] || [ "$DATASET" = empty ] && RUNS=""
for run in $RUNS; do
  [ -f "$REQ_DIR/$run.tsv" ] || die "no request file $REQ_DIR/$run.tsv"
  run_wrk "${run}_warmup" "$REQ_DIR/$run.tsv" "$WARMUP_SECONDS" 0
  run_wrk "$run" "$REQ_DIR/$run.tsv" "$SECONDS_PER_RUN"
done

# ------------------------------------------------------------------------------------------------ inbound
if [ "${BENCH_SKIP_INBOUND:-0}" = 1 ]; then
  echo "RESULT phase=inbound_skipped reason=BENCH_SKIP_INBOUND=1" >>"$SUMMARY"
elif [ "$INGESTION" != yes ]; then
  echo "RESULT phase=inbound_skipped reason=the_jar_has_no_inbound_ingestion_(com.fieldops.command.ingestion)" >>"$SUMMARY"
  log "inbound: NOT MEASURED, $JAR has no com.fieldops.command.ingestion"
else
  PRODUCER_DIR="$DATA_DIR/producer"
  mkdir -p "$PRODUCER_DIR"
  (cd "$PRODUCER_DIR" && unzip -o -q -j "$DATA_DIR/app.jar" 'BOOT-INF/lib/kafka-clients-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' \
    'BOOT-INF/lib/zstd-jni-*.jar' 'BOOT-INF/lib/lz4-java-*.jar' 'BOOT-INF/lib/snappy-java-*.jar')
  CP="$(ls "$PRODUCER_DIR"/*.jar | tr '\n' ':')$PRODUCER_DIR"
  javac -nowarn -cp "$CP" -d "$PRODUCER_DIR" "$BENCH_DIR/InboundProducer.java"
  WARMUP_EVENTS="${BENCH_INBOUND_WARMUP_EVENTS:-0}"
  if [ "$WARMUP_EVENTS" -gt 0 ]; then
    log "inbound warm-up: $WARMUP_EVENTS events first (not measured)"
    "${PY[@]}" inbound --base "$BASE" --people "$PEOPLE" --count "$WARMUP_EVENTS" --max-seconds "$INBOUND_MAX_SECONDS" \
      --progress-file "$RESULTS/inbound-warmup-progress.tsv" -- \
      java -cp "$CP" InboundProducer "127.0.0.1:$FIELDOPS_EMBEDDED_KAFKA_PORT" fieldops.inbound "$PEOPLE" \
      "$WARMUP_EVENTS" /bench/warmup | sed 's/phase=inbound/phase=warmup_inbound/' | tee -a "$SUMMARY" >&2
  fi
  wait_for_other_bench inbound
  note_busy inbound
  log "inbound: $INBOUND_EVENTS fieldops.job.created.v1 events to fieldops.inbound on 127.0.0.1:$FIELDOPS_EMBEDDED_KAFKA_PORT"
  metrics_snapshot inbound_before
  mark_loadgen; gen_before="$(loadgen_cpu)"
  before="$(cpu_snapshot)"
  "${PY[@]}" inbound --base "$BASE" --people "$PEOPLE" --count "$INBOUND_EVENTS" --max-seconds "$INBOUND_MAX_SECONDS" \
    --progress-file "$RESULTS/inbound-progress.tsv" -- \
    java -cp "$CP" InboundProducer "127.0.0.1:$FIELDOPS_EMBEDDED_KAFKA_PORT" fieldops.inbound "$PEOPLE" \
    "$INBOUND_EVENTS" /bench/dispatch >"$RESULTS/inbound.txt"
  after="$(cpu_snapshot)"
  mark_loadgen
  cat "$RESULTS/inbound.txt" >>"$SUMMARY"
  cpu_result inbound "$before" "$after" "$gen_before" "$(loadgen_cpu)" >>"$SUMMARY"
  cat "$RESULTS/inbound.txt" >&2
  metrics_snapshot inbound_after
  "${PSQL[@]}" -Atc "select count(*) from jobs" | sed 's/^/RESULT phase=inbound_jobs_rows rows=/' >>"$SUMMARY"
fi

# ------------------------------------------------------------------------------------------------ event history
history_phase() { # phase: dashboard_bench.py's subcommand of that name, with the app's CPU around it
  local before after gen_before
  note_busy "$1"
  mark_loadgen; gen_before="$(loadgen_cpu)"
  before="$(cpu_snapshot)"
  "${PY[@]}" "$1" --base "$BASE" --mgmt "$MGMT" --people "$PEOPLE" --pid "$APP_PID" | tee -a "$SUMMARY" >&2
  after="$(cpu_snapshot)"
  mark_loadgen
  cpu_result "$1" "$before" "$after" "$gen_before" "$(loadgen_cpu)" >>"$SUMMARY"
}
if [ "${BENCH_HISTORY:-0}" = 1 ]; then
  wait_for_other_bench history
  log "export: GET /api/events, the first organisation's whole history"
  history_phase export
  log "rebuild: POST /actuator/projections/all, every read-model table checksummed before and after"
  history_phase rebuild
fi

# ------------------------------------------------------------------------------------------------ summary
echo "loadavg_at_end: $(cat /proc/loadavg)" >>"$RESULTS/machine.txt"
"${PY[@]}" summarize "$SUMMARY" | tee "$RESULTS/summary-table.txt"
log "done; raw results in $RESULTS"
