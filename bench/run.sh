#!/usr/bin/env bash
# Activity-types benchmark: starts FieldOps (embedded PostgreSQL + KRaft Kafka) in a fresh temporary data dir,
# seeds 1,000 activity types in one organisation, then measures
#   a) GET /api/activity-types          32 connections, 2 threads, 30 s after a 10 s warm-up (wrk): plain JSON, gzip,
#                                       and revalidated with the list's ETag (304)
#   b) GET /api/activity-types/{id}     same, rotating through the 1,000 seeded ids (wrk)
#   c) POST /api/activity-types         8 and 32 connections, 20 s each after a 10 s warm-up (wrk)
#   d) create-to-visible                500 sequential POST + GET-by-id (python3)
#   e) 10,000-row CSV import            time until GET lists all rows, 3 runs polled from the send, then 1 control
#                                       run polled only after the response (python3)
# and stops the app on exit. Results: bench/results/<UTC time>/ (summary.txt has every number).
#
# Needs the app jar: run `./mvnw -B -ntp -DskipTests install` first (this script runs it if the jar is missing).
# Needs wrk (Debian package `wrk`; installed with apt-get when missing and running as root), python3, curl.
# Everything goes to 127.0.0.1 only. Settings (environment, defaults in brackets):
#   SERVER_PORT [18080]  MANAGEMENT_SERVER_PORT [18081]  FIELDOPS_EMBEDDED_KAFKA_PORT [19092]
#   FIELDOPS_JWT_SECRET [a fixed 42-byte bench secret]   JAVA_OPTS [none]   AXONIQ_UPDATE_CHECKER_DISABLED [true]
#   BENCH_SEED_TYPES [1000] BENCH_THREADS [2] BENCH_CONNECTIONS [32] BENCH_WARMUP_SECONDS [10]
#   BENCH_GET_SECONDS [30] BENCH_POST_SECONDS [20] BENCH_POST_CONNECTIONS ["8 32"] BENCH_CTV_ITERATIONS [500]
#   BENCH_IMPORT_RUNS [3] BENCH_IMPORT_CONTROL_RUNS [1] BENCH_IMPORT_ROWS [10000] BENCH_IDLE_WAIT_SECONDS [900] BENCH_IDLE_POLL_SECONDS [20]
#   BENCH_PHASE_IDLE_WAIT_SECONDS [300: the same wait again before each measured phase]
#   BENCH_KEEP_DATA [0: the temporary data dir is deleted on exit]
#   BENCH_PHASES ["list by_id post visible import": which of a)-e) to run]
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
JAR="$ROOT/app/target/app-0.1.0-SNAPSHOT.jar"

export SERVER_PORT="${SERVER_PORT:-18080}"
export MANAGEMENT_SERVER_PORT="${MANAGEMENT_SERVER_PORT:-18081}"
export FIELDOPS_EMBEDDED_KAFKA_PORT="${FIELDOPS_EMBEDDED_KAFKA_PORT:-19092}"
export FIELDOPS_JWT_SECRET="${FIELDOPS_JWT_SECRET:-fieldops-benchmark-hs256-secret-0123456789}"
SEED_TYPES="${BENCH_SEED_TYPES:-1000}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-10}"
GET_SECONDS="${BENCH_GET_SECONDS:-30}"
PHASES="${BENCH_PHASES:-list by_id post visible import}"
POST_SECONDS="${BENCH_POST_SECONDS:-20}"
POST_CONNECTIONS="${BENCH_POST_CONNECTIONS:-8 32}"
CTV_ITERATIONS="${BENCH_CTV_ITERATIONS:-500}"
IMPORT_RUNS="${BENCH_IMPORT_RUNS:-3}"
IMPORT_ROWS="${BENCH_IMPORT_ROWS:-10000}"
IMPORT_CONTROL_RUNS="${BENCH_IMPORT_CONTROL_RUNS:-1}"
IDLE_WAIT_SECONDS="${BENCH_IDLE_WAIT_SECONDS:-900}"
IDLE_POLL_SECONDS="${BENCH_IDLE_POLL_SECONDS:-20}"
PHASE_IDLE_WAIT_SECONDS="${BENCH_PHASE_IDLE_WAIT_SECONDS:-300}"
BASE="http://127.0.0.1:$SERVER_PORT"
MGMT="http://127.0.0.1:$MANAGEMENT_SERVER_PORT"
PY=(python3 "$BENCH_DIR/bench.py")

log() { printf '%s [bench] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ------------------------------------------------------------------------------------------------ prerequisites
command -v python3 >/dev/null || die "python3 is required"
command -v curl >/dev/null || die "curl is required"
command -v java >/dev/null || die "java (17) is required"
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "wrk is missing: installing the Debian package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
  command -v wrk >/dev/null || die "wrk is missing: apt-get update && apt-get install -y wrk"
fi
if [ ! -f "$JAR" ]; then
  log "$JAR is missing: running ./mvnw -B -ntp -DskipTests install (run it yourself first to skip this)"
  (cd "$ROOT" && ./mvnw -B -ntp -DskipTests install) || die "the build failed"
fi
for port in "$SERVER_PORT" "$MANAGEMENT_SERVER_PORT" "$FIELDOPS_EMBEDDED_KAFKA_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port on 127.0.0.1 is in use; set SERVER_PORT/MANAGEMENT_SERVER_PORT/FIELDOPS_EMBEDDED_KAFKA_PORT"
  fi
done

RESULTS="$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
SUMMARY="$RESULTS/summary.txt"
: >"$SUMMARY"
log "results go to $RESULTS"

# ------------------------------------------------------------------------------------------------ idle machine
# Other engineers' builds (Maven, Surefire forks) and busy Java processes on the same 2 cores would distort every
# number: wait for them before the start (up to BENCH_IDLE_WAIT_SECONDS) and again before each measured phase (up to
# BENCH_PHASE_IDLE_WAIT_SECONDS). Whatever still runs is recorded; summary.txt also has each phase's "other" CPU.
wait_idle() { # label max_seconds [app pid]
  local label=$1 max=$2 pid=${3:-0} waited=0 busy
  busy="$("${PY[@]}" busy --pid "$pid")"
  while [ -n "$busy" ] && [ "$waited" -lt "$max" ]; do
    log "$label: waiting for other Java builds/tests to finish ($waited s of at most $max s):"
    printf '%s\n' "$busy" | sed 's/^/    /' >&2
    sleep "$IDLE_POLL_SECONDS"
    waited=$((waited + IDLE_POLL_SECONDS))
    busy="$("${PY[@]}" busy --pid "$pid")"
  done
  if [ -n "$busy" ]; then
    log "WARNING: $label: other heavy Java processes still run after $waited s; measuring anyway (noted in results)"
    echo "RESULT phase=$label.idle_wait idle=no waited_s=$waited" >>"$SUMMARY"
    printf '%s\n' "$busy" | sed "s/^/$label: /" >>"$RESULTS/others.txt"
  else
    echo "RESULT phase=$label.idle_wait idle=yes waited_s=$waited" >>"$SUMMARY"
  fi
  IDLE_WAITED=$waited
  IDLE_BUSY="$busy"
}
wait_idle start "$IDLE_WAIT_SECONDS"
waited=$IDLE_WAITED
busy="$IDLE_BUSY"

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: bash bench/run.sh"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && [ -n "$(git status --porcelain -- . ':!bench' ':!docs/benchmarks.md' 2>/dev/null)" ] && echo ' (working tree has other uncommitted changes)')"
  echo "jar: $(ls -l --time-style=+%Y-%m-%dT%H:%M "$JAR" | awk '{print $6, $5 " bytes"}')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
  echo "kernel: $(uname -sr)"
  echo "java: $(java -version 2>&1 | tr '\n' ' ')"
  echo "jvm_max_heap_default: $(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ MaxHeapSize / {printf "%d MiB", $4/1048576}')"
  echo "JAVA_OPTS: ${JAVA_OPTS:-<none>}"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "python: $(python3 --version 2>&1)"
  echo "idle_wait_s: $waited"
  echo "other_heavy_java_at_start: ${busy:-none}"
  echo "loadavg_at_start: $(cat /proc/loadavg)"
} >"$RESULTS/machine.txt"

# ------------------------------------------------------------------------------------------------ app start/stop
DATA_DIR="$(mktemp -d /tmp/fieldops-bench.XXXXXX)"
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
  # an embedded PostgreSQL that outlived its JVM (only processes running from this run's own data dir)
  local strays
  strays="$("${PY[@]}" pids-in "$DATA_DIR" 2>/dev/null || true)"
  for pid in $strays; do
    log "stopping leftover process $pid of $DATA_DIR"
    kill -TERM "$pid" 2>/dev/null || true
  done
  if [ -f "$APP_LOG" ]; then
    # warnings and errors only, bounded: the full log stays out of the repository
    grep -E ' (WARN|ERROR) ' "$APP_LOG" | cut -c1-400 | head -200 >"$RESULTS/app-warnings.txt" || true
    grep -E 'Started FieldOpsApplication' "$APP_LOG" | cut -c1-300 >>"$RESULTS/machine.txt" || true
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

# run a copy of the jar: a build elsewhere in the working tree may rewrite app/target while the benchmark runs
cp "$JAR" "$DATA_DIR/app.jar"
log "starting the app: data dir $DATA_DIR, ports $SERVER_PORT/$MANAGEMENT_SERVER_PORT, kafka $FIELDOPS_EMBEDDED_KAFKA_PORT"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
# AXONIQ_UPDATE_CHECKER_DISABLED: Axon's update checker would otherwise call AxonIQ's servers every minute
env -u SPRING_DATASOURCE_URL -u SPRING_KAFKA_BOOTSTRAP_SERVERS FIELDOPS_DATA_DIR="$DATA_DIR" \
  AXONIQ_UPDATE_CHECKER_DISABLED="${AXONIQ_UPDATE_CHECKER_DISABLED:-true}" \
  java ${JAVA_OPTS:-} -jar "$DATA_DIR/app.jar" >"$APP_LOG" 2>&1 &
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

# the embedded PostgreSQL (for transaction counts only): "Embedded PostgreSQL: jdbc:postgresql://127.0.0.1:P/db (user U"
PG_LINE="$(grep -m1 -o 'Embedded PostgreSQL: jdbc:postgresql://127.0.0.1:[0-9]*/[a-z_]* (user [a-z_]*' "$APP_LOG" || true)"
PG_PORT="$(printf '%s' "$PG_LINE" | sed -n 's|.*127.0.0.1:\([0-9]*\)/.*|\1|p')"
PG_DB="$(printf '%s' "$PG_LINE" | sed -n 's|.*127.0.0.1:[0-9]*/\([a-z_]*\).*|\1|p')"
PG_USER="$(printf '%s' "$PG_LINE" | sed -n 's|.*(user \([a-z_]*\)|\1|p')"
PG_PASSWORD="${BENCH_PG_PASSWORD:-postgres}"  # the embedded server's default

ORG_ID="$(python3 -c 'import uuid; print(uuid.uuid4())')"
BENCH_TOKEN="$("${PY[@]}" token --org "$ORG_ID")"
export BENCH_TOKEN BENCH_DIR
echo "org_id: $ORG_ID" >>"$RESULTS/machine.txt"

# ------------------------------------------------------------------------------------------------ helpers
cpu_snapshot() { "${PY[@]}" cpu --pid "$APP_PID" --data-dir "$DATA_DIR"; }

# CPU seconds used so far by this shell's finished children (the load generators): `times` must run in the main
# shell (a $(...) subshell would report its own, empty, children), so mark_loadgen writes it to a file first.
mark_loadgen() { times >"$DATA_DIR/times.txt"; }
loadgen_cpu() {
  awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] }; printf "%.2f", s }' \
    "$DATA_DIR/times.txt"
}

# CPU used during a phase as cores busy: the app (JVM + embedded PostgreSQL), the load generator (wrk or python),
# everything else, and the whole machine.
# jvm_cores + postgres_cores = app_cores. db_xacts: PostgreSQL transactions committed or rolled back meanwhile.
cpu_result() { # phase before after loadgen_before loadgen_after [db_xacts_before db_xacts_after]
  local phase=$1 before=$2 after=$3
  awk -v p="$phase" -v b="$before" -v a="$after" -v lb="$4" -v la="$5" -v xb="${6:-}" -v xa="${7:-}" -v n="$(nproc)" 'BEGIN {
    split(b, x, " "); split(a, y, " "); wall = y[1] - x[1];
    app = y[2] - x[2]; all = y[3] - x[3]; jvm = y[4] - x[4]; gen = la - lb;
    xacts = (xb != "" && xa != "") ? sprintf(" db_xacts=%d", xa - xb) : "";
    printf "RESULT phase=%s.cpu wall_s=%.1f app_cpu_s=%.1f app_cores=%.2f jvm_cores=%.2f postgres_cores=%.2f loadgen_cores=%.2f other_cores=%.2f machine_cores=%.2f of=%d%s\n",
      p, wall, app, app / wall, jvm / wall, (app - jvm) / wall, gen / wall, (all - app - gen) / wall, all / wall, n, xacts }'
}

# Transactions of the app's database so far (pg_stat_database), when psql is installed; empty otherwise.
db_xacts() {
  [ -n "$PG_PORT" ] && command -v psql >/dev/null || return 0
  PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -Atc \
    "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()" 2>/dev/null || true
}

metrics_snapshot() { # name
  curl -fsS "$MGMT/actuator/prometheus" 2>/dev/null \
    | grep -E '^(hikaricp_connections(_active|_pending|_max|_acquire_seconds_(sum|count|max))?|http_server_requests_seconds_(count|sum|max)\{.*uri="/api/activity-types[^"]*"|jvm_gc_pause_seconds_(count|sum|max)|tomcat_threads_(busy|current)_threads|fieldops_projection_lag_seconds|kafka_consumer_fetch_manager_records_lag_max)' \
    | cut -c1-400 >"$RESULTS/metrics-$1.txt" || true
}

note_busy() { # phase: waits (bounded) until no other heavy Java process runs, records any that still does
  wait_idle "$1" "$PHASE_IDLE_WAIT_SECONDS" "$APP_PID"
}

wants() { # phase name: in BENCH_PHASES?
  [[ " $PHASES " == *" $1 "* ]]
}

run_wrk() { # phase connections seconds script [record=1]
  local phase=$1 conns=$2 secs=$3 script=$4 record=${5:-1} before after gen_before gen_after xacts_before xacts_after
  note_busy "$phase"
  log "wrk $phase: $conns connections, $THREADS threads, $secs s ($(basename "$script"))"
  mark_loadgen; gen_before="$(loadgen_cpu)"
  xacts_before="$(db_xacts)"
  before="$(cpu_snapshot)"
  BENCH_PHASE="$phase" BENCH_THREADS="$THREADS" timeout $((secs + 60)) \
    wrk -t"$THREADS" -c"$conns" -d"${secs}s" --timeout 30s --latency -s "$script" "$BASE" >"$RESULTS/$phase.txt" 2>&1 \
    || { cat "$RESULTS/$phase.txt" >&2; die "wrk failed in $phase"; }
  after="$(cpu_snapshot)"
  xacts_after="$(db_xacts)"
  mark_loadgen; gen_after="$(loadgen_cpu)"
  if [ "$record" = 1 ]; then
    grep '^RESULT ' "$RESULTS/$phase.txt" >>"$SUMMARY"
    cpu_result "$phase" "$before" "$after" "$gen_before" "$gen_after" "$xacts_before" "$xacts_after" >>"$SUMMARY"
    metrics_snapshot "$phase"
  fi
  grep '^RESULT ' "$RESULTS/$phase.txt" >&2
}

# ------------------------------------------------------------------------------------------------ seed
log "seeding $SEED_TYPES activity types through POST /api/activity-types/bulk-import"
IDS_FILE="$DATA_DIR/ids.txt"
"${PY[@]}" seed --base "$BASE" --count "$SEED_TYPES" --ids-file "$IDS_FILE" | tee -a "$SUMMARY" >&2
"${PY[@]}" count --base "$BASE" --phase list_before_get | tee -a "$SUMMARY" >&2
export BENCH_IDS_FILE="$IDS_FILE"

# ------------------------------------------------------------------------------------------------ a) GET list
# plain JSON (a client that does not accept gzip), then gzip (what a browser asks for)
if wants list; then
run_wrk get_list_warmup "$CONNECTIONS" "$WARMUP_SECONDS" "$BENCH_DIR/wrk/get_list.lua" 0
run_wrk get_list "$CONNECTIONS" "$GET_SECONDS" "$BENCH_DIR/wrk/get_list.lua"
BENCH_ACCEPT_ENCODING=gzip run_wrk get_list_gzip_warmup "$CONNECTIONS" "$WARMUP_SECONDS" "$BENCH_DIR/wrk/get_list.lua" 0
BENCH_ACCEPT_ENCODING=gzip run_wrk get_list_gzip "$CONNECTIONS" "$GET_SECONDS" "$BENCH_DIR/wrk/get_list.lua"
# a browser that holds the list revalidates it with its ETag: 304 without the body while the list is unchanged
LIST_ETAG="$(curl -fsS -o /dev/null -D - -H "Authorization: Bearer $BENCH_TOKEN" "$BASE/api/activity-types" \
  | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')"
[ -n "$LIST_ETAG" ] || die "GET /api/activity-types sent no ETag"
BENCH_IF_NONE_MATCH="$LIST_ETAG" run_wrk get_list_304_warmup "$CONNECTIONS" "$WARMUP_SECONDS" \
  "$BENCH_DIR/wrk/get_list.lua" 0
BENCH_IF_NONE_MATCH="$LIST_ETAG" run_wrk get_list_304 "$CONNECTIONS" "$GET_SECONDS" "$BENCH_DIR/wrk/get_list.lua"
fi

# ------------------------------------------------------------------------------------------------ b) GET by id
if wants by_id; then
run_wrk get_by_id_warmup "$CONNECTIONS" "$WARMUP_SECONDS" "$BENCH_DIR/wrk/get_by_id.lua" 0
run_wrk get_by_id "$CONNECTIONS" "$GET_SECONDS" "$BENCH_DIR/wrk/get_by_id.lua"
fi

# ------------------------------------------------------------------------------------------------ c) POST create
if wants post; then
BENCH_RUN_TAG="w$RANDOM" run_wrk post_warmup 8 "$WARMUP_SECONDS" "$BENCH_DIR/wrk/post_create.lua" 0
for conns in $POST_CONNECTIONS; do
  BENCH_RUN_TAG="c$conns$RANDOM" run_wrk "post_c$conns" "$conns" "$POST_SECONDS" "$BENCH_DIR/wrk/post_create.lua"
done
"${PY[@]}" count --base "$BASE" --phase list_after_post | tee -a "$SUMMARY" >&2
fi

# ------------------------------------------------------------------------------------------------ d) create-to-visible
if wants visible; then
note_busy create_visible
log "create-to-visible: $CTV_ITERATIONS sequential POST + GET by id"
mark_loadgen; gen_before="$(loadgen_cpu)"
xacts_before="$(db_xacts)"
before="$(cpu_snapshot)"
"${PY[@]}" create-visible --base "$BASE" --iterations "$CTV_ITERATIONS" \
  --raw-file "$RESULTS/create_visible_raw.txt" >"$RESULTS/create_visible.txt"
after="$(cpu_snapshot)"
xacts_after="$(db_xacts)"
mark_loadgen
cpu_result create_visible "$before" "$after" "$gen_before" "$(loadgen_cpu)" "$xacts_before" "$xacts_after" >>"$SUMMARY"
cat "$RESULTS/create_visible.txt" >>"$SUMMARY"
cat "$RESULTS/create_visible.txt" >&2
metrics_snapshot create_visible
fi

# ------------------------------------------------------------------------------------------------ e) 10,000-row import
if wants import; then
note_busy import
log "import: $IMPORT_RUNS runs of $IMPORT_ROWS rows, GET polled every 100 ms from the send until every row is listed," \
  "then $IMPORT_CONTROL_RUNS control run(s) polled only after the response"
mark_loadgen; gen_before="$(loadgen_cpu)"
xacts_before="$(db_xacts)"
before="$(cpu_snapshot)"
"${PY[@]}" import --base "$BASE" --runs "$IMPORT_RUNS" --control-runs "$IMPORT_CONTROL_RUNS" --rows "$IMPORT_ROWS" \
  --metrics "$MGMT/actuator/prometheus" >"$RESULTS/import.txt"
after="$(cpu_snapshot)"
xacts_after="$(db_xacts)"
mark_loadgen
cpu_result import "$before" "$after" "$gen_before" "$(loadgen_cpu)" "$xacts_before" "$xacts_after" >>"$SUMMARY"
cat "$RESULTS/import.txt" >>"$SUMMARY"
cat "$RESULTS/import.txt" >&2
metrics_snapshot import
"${PY[@]}" count --base "$BASE" --phase list_final | tee -a "$SUMMARY" >&2
fi

# ------------------------------------------------------------------------------------------------ summary
echo "loadavg_at_end: $(cat /proc/loadavg)" >>"$RESULTS/machine.txt"
"${PY[@]}" summarize "$SUMMARY" | tee "$RESULTS/summary-table.txt"
log "done; raw results in $RESULTS"
