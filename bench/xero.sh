#!/usr/bin/env bash
# Xero sync benchmark (issue 4 item 9): FieldOps syncs BENCH_ITEMS Items and BENCH_INVOICES sales invoices from a fake
# Xero (bench/xero-fake/XeroFake.java, JDK only) that speaks Xero's payload shapes and ENFORCES Xero's per-tenant
# limits (60 calls per fixed clock minute, 5 in flight, 5,000 a day; 429 + X-Rate-Limit-Problem + Retry-After).
#
#   bash bench/xero.sh                                   # 10,000 items, 20,000 invoices
#   BENCH_ITEMS=200 BENCH_INVOICES=500 bash bench/xero.sh  # smoke run
#
# Steps: build the jar if it is missing or older than a source (./mvnw -B -o -q -DskipTests package), take the bench
# lock /tmp/fieldops-bench.lock (waiting while another benchmark holds it), start the fake and the app (embedded
# PostgreSQL + Kafka in a fresh temporary FIELDOPS_DATA_DIR, Xero hosts pointed at the fake, the daily scheduled sync
# moved to 1 January), enable pg_stat_statements in the embedded PostgreSQL (ALTER SYSTEM + one app restart), connect
# the organisation (PUT /api/xero/connection, client_credentials) as an admin whose HS256 token the script mints, then
#   sync 1: POST /api/financials/xero-sync {"type":"all"}, GET /api/financials/xero-sync/{id} every second until it
#           finishes; reported: Xero calls (the fake's counters and call log), 429s, requested->completed from the
#           sync log, the time the rate limit alone implies, records created, the database's time (pg_stat_database
#           active_time / transactions, pg_stat_statements), CPU of the JVM and of PostgreSQL
#   verify: Xero-managed activity types and invoices of the organisation (psql and the API) once the read models
#           caught up
#   sync 2: the same request again on the same data: it must converge (0 created, 0 updated)
#
# Needs java 17 (the fake runs as a single-file source), python3, curl, psql (apt-get install -y postgresql-client).
# Everything listens on and talks to 127.0.0.1 only. Results: bench/results/<UTC time>-xero/ (summary.txt has every
# RESULT line; xero-calls.tsv every call the fake answered; sync*-progress.tsv the per-second samples;
# sync*-statements.tsv the top statements; app.log, fake.log).
# Settings (environment, defaults in brackets):
#   BENCH_ITEMS [10000] BENCH_INVOICES [20000] BENCH_CONTACTS [500: the invoices' customers]
#   BENCH_XERO_LATENCY_MS [0: the fake answers at once; e.g. 300 to add Xero-like latency to every API call]
#   BENCH_XERO_FAKE_ARGS [none: more options of the fake, e.g. --list-contacts --list-payments]
#   BENCH_STACK_EVERY_SECONDS [20: a jcmd Thread.print of the sync's thread every so often, sync*-stacks.txt;
#     0: none]   BENCH_SECOND_SYNC [1]  BENCH_PG_STAT_STATEMENTS [1]  BENCH_SYNC_TIMEOUT_SECONDS [3600]  BENCH_KEEP_DATA [0]
#   SERVER_PORT [26080] MANAGEMENT_SERVER_PORT [26081] FIELDOPS_EMBEDDED_KAFKA_PORT [26092] BENCH_XERO_PORT [26990]
#     (below the ephemeral range 32768-60999: a run at 38080 once lost its port to some other process's socket)
#   BENCH_JAR [app/target/app-0.1.0-SNAPSHOT.jar] BENCH_BUILD [auto: build when missing or stale; 0: never]
#   BENCH_LOCK_WAIT_SECONDS [7200]  JAVA_OPTS [none]
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
JAR="${BENCH_JAR:-$ROOT/app/target/app-0.1.0-SNAPSHOT.jar}"
export SERVER_PORT="${SERVER_PORT:-26080}"
export MANAGEMENT_SERVER_PORT="${MANAGEMENT_SERVER_PORT:-26081}"
export FIELDOPS_EMBEDDED_KAFKA_PORT="${FIELDOPS_EMBEDDED_KAFKA_PORT:-26092}"
export FIELDOPS_JWT_SECRET="${FIELDOPS_JWT_SECRET:-fieldops-benchmark-hs256-secret-0123456789}"
XERO_PORT="${BENCH_XERO_PORT:-26990}"
ITEMS="${BENCH_ITEMS:-10000}"
INVOICES="${BENCH_INVOICES:-20000}"
CONTACTS="${BENCH_CONTACTS:-500}"
LATENCY_MS="${BENCH_XERO_LATENCY_MS:-0}"
SYNC_TIMEOUT="${BENCH_SYNC_TIMEOUT_SECONDS:-3600}"
LOCK=/tmp/fieldops-bench.lock
BASE="http://127.0.0.1:$SERVER_PORT"
FAKE="http://127.0.0.1:$XERO_PORT"
CLIENT_ID="fieldops-bench-client"
CLIENT_SECRET="fieldops-bench-secret-$(date +%s)"
PY=(python3 "$BENCH_DIR/xero_bench.py")

log() { printf '%s [xero] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=bench/embedded_psql.sh
. "$(dirname "${BASH_SOURCE[0]}")/embedded_psql.sh"

for tool in python3 curl java psql; do
  command -v "$tool" >/dev/null || die "$tool is required (psql: apt-get install -y postgresql-client)"
done

# ------------------------------------------------------------------------------------------------ build
needs_build() {
  [ -f "$JAR" ] || return 0
  [ -n "$(cd "$ROOT" && find . -path ./bench -prune -o -path '*/target' -prune -o \
    \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$JAR" -print -quit)" ]
}
if [ "${BENCH_BUILD:-auto}" != 0 ] && [ -z "${BENCH_JAR:-}" ] && needs_build; then
  log "building the jar (./mvnw -B -o -q -DskipTests package)"
  (cd "$ROOT" && ./mvnw -B -o -q -DskipTests package)
fi
[ -f "$JAR" ] || die "$JAR is missing"

# ------------------------------------------------------------------------------------------------ lock
LOCK_HELD=0
lock_wait=0
while ! (set -C; echo "$$ bench/xero.sh $(date -u +%FT%TZ)" >"$LOCK") 2>/dev/null; do
  holder="$(cut -d' ' -f1 "$LOCK" 2>/dev/null || true)"
  if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
    log "removing the stale lock of pid $holder: $(cat "$LOCK" 2>/dev/null)"
    rm -f "$LOCK"
    continue
  fi
  [ "$lock_wait" -lt "${BENCH_LOCK_WAIT_SECONDS:-7200}" ] || die "$LOCK is still held: $(cat "$LOCK" 2>/dev/null)"
  [ $((lock_wait % 60)) = 0 ] && log "waiting for the bench lock $LOCK ($(cat "$LOCK" 2>/dev/null))"
  sleep 5
  lock_wait=$((lock_wait + 5))
done
LOCK_HELD=1

for port in "$SERVER_PORT" "$MANAGEMENT_SERVER_PORT" "$FIELDOPS_EMBEDDED_KAFKA_PORT" "$XERO_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    rm -f "$LOCK"
    die "port $port on 127.0.0.1 is in use; set SERVER_PORT/MANAGEMENT_SERVER_PORT/FIELDOPS_EMBEDDED_KAFKA_PORT/BENCH_XERO_PORT"
  fi
done

RESULTS="$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)-xero"
mkdir -p "$RESULTS"
SUMMARY="$RESULTS/summary.txt"
: >"$SUMMARY"
DATA_DIR="$(mktemp -d /tmp/fieldops-xero.XXXXXX)"
APP_LOG="$DATA_DIR/app.log"
APP_PID=""
FAKE_PID=""
log "results go to $RESULTS; data dir $DATA_DIR"

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: BENCH_ITEMS=$ITEMS BENCH_INVOICES=$INVOICES BENCH_XERO_LATENCY_MS=$LATENCY_MS${BENCH_XERO_FAKE_ARGS:+ BENCH_XERO_FAKE_ARGS=\"$BENCH_XERO_FAKE_ARGS\"} bash bench/xero.sh"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && [ -n "$(git status --porcelain -- . ':!bench' ':!docs/benchmarks.md' 2>/dev/null)" ] && echo ' (working tree has other uncommitted changes)')"
  echo "jar: $JAR $(ls -l --time-style=+%Y-%m-%dT%H:%M "$JAR" | awk '{print $6, $5 " bytes"}')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "JAVA_OPTS: ${JAVA_OPTS:-<none>}"
  echo "psql: $(psql --version)"
  echo "uptime_at_start: $(uptime)"
  echo "other_java_processes_at_start: $(pgrep -c -x java || echo 0)"
  echo "fake: items=$ITEMS invoices=$INVOICES contacts=$CONTACTS latency_ms=$LATENCY_MS extra='${BENCH_XERO_FAKE_ARGS:-}'"
} >"$RESULTS/machine.txt"

stop_pid() { # pid name
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $2 (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$2 did not stop in 60 s: killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$APP_PID" "the app"
  local strays
  strays="$(python3 "$BENCH_DIR/bench.py" pids-in "$DATA_DIR" 2>/dev/null || true)"
  for pid in $strays; do
    log "stopping leftover process $pid of $DATA_DIR"
    kill -TERM "$pid" 2>/dev/null || true
  done
  stop_pid "$FAKE_PID" "the Xero fake"
  if [ -f "$APP_LOG" ]; then
    cp "$APP_LOG" "$RESULTS/app.log"
    grep -E ' (WARN|ERROR) ' "$APP_LOG" | cut -c1-400 | head -200 >"$RESULTS/app-warnings.txt" || true
  fi
  echo "uptime_at_end: $(uptime)" >>"$RESULTS/machine.txt"
  if [ "${BENCH_KEEP_DATA:-0}" = 1 ]; then
    log "data dir kept: $DATA_DIR"
  else
    sleep 1
    rm -rf "$DATA_DIR"
  fi
  [ "$LOCK_HELD" = 1 ] && [ "$(cut -d' ' -f1 "$LOCK" 2>/dev/null)" = "$$" ] && rm -f "$LOCK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------------------------------------ fake
log "starting the Xero fake on $FAKE ($ITEMS items, $INVOICES invoices)"
# shellcheck disable=SC2086 # BENCH_XERO_FAKE_ARGS is a list of options
java -Xmx512m "$BENCH_DIR/xero-fake/XeroFake.java" --port "$XERO_PORT" --items "$ITEMS" --invoices "$INVOICES" \
  --contacts "$CONTACTS" --client-id "$CLIENT_ID" --client-secret "$CLIENT_SECRET" --latency-ms "$LATENCY_MS" \
  --call-log "$RESULTS/xero-calls.tsv" ${BENCH_XERO_FAKE_ARGS:-} >"$RESULTS/fake.log" 2>&1 &
FAKE_PID=$!
for i in $(seq 1 60); do
  curl -fsS -o /dev/null "$FAKE/_stats" 2>/dev/null && break
  kill -0 "$FAKE_PID" 2>/dev/null || { cat "$RESULTS/fake.log" >&2; die "the fake exited"; }
  [ "$i" -lt 60 ] || die "the fake did not answer in 60 s"
  sleep 1
done

# ------------------------------------------------------------------------------------------------ app
cp "$JAR" "$DATA_DIR/app.jar"
start_app() {
  log "starting the app: ports $SERVER_PORT/$MANAGEMENT_SERVER_PORT, kafka $FIELDOPS_EMBEDDED_KAFKA_PORT"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  env -u SPRING_DATASOURCE_URL -u SPRING_KAFKA_BOOTSTRAP_SERVERS FIELDOPS_DATA_DIR="$DATA_DIR" \
    AXONIQ_UPDATE_CHECKER_DISABLED=true \
    FIELDOPS_XERO_API_URL="$FAKE" FIELDOPS_XERO_IDENTITY_URL="$FAKE" FIELDOPS_XERO_LOGIN_URL="$FAKE" \
    FIELDOPS_XERO_SYNC_CRON="0 0 2 1 1 *" \
    java ${JAVA_OPTS:-} -jar "$DATA_DIR/app.jar" >>"$APP_LOG" 2>&1 &
  APP_PID=$!
  local waited=0
  until curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$APP_LOG" >&2; die "the app exited during start"; }
    # a failed start may leave the JVM running (its tracking processors retry for ever): stop waiting at once
    if grep -q 'APPLICATION FAILED TO START' "$APP_LOG"; then
      grep -A8 'APPLICATION FAILED TO START' "$APP_LOG" | tail -6 >&2
      die "the app failed to start (see $RESULTS/app.log)"
    fi
    [ "$waited" -lt 300 ] || { tail -40 "$APP_LOG" >&2; die "the app was not ready after 300 s"; }
    sleep 1
    waited=$((waited + 1))
  done
  log "ready after ~$waited s"
  echo "app_ready_after_s: $waited" >>"$RESULTS/machine.txt"
  find_psql
}
start_app
if [ "${BENCH_PG_STAT_STATEMENTS:-1}" = 1 ]; then
  # shared_preload_libraries needs a server restart: the app stops its embedded PostgreSQL with it
  log "enabling pg_stat_statements (ALTER SYSTEM) and restarting the app"
  "${PSQL[@]}" -c "alter system set shared_preload_libraries = 'pg_stat_statements'" \
    -c "alter system set track_io_timing = on"
  stop_pid "$APP_PID" "the app (restart for pg_stat_statements)"
  APP_PID=""
  start_app
  "${PSQL[@]}" -c "create extension if not exists pg_stat_statements"
fi
echo "embedded_postgres: $("${PSQL[@]}" -Atc 'show server_version') $("${PSQL[@]}" -Atc "select string_agg(name || '=' || setting, ' ') from pg_settings where name in ('shared_preload_libraries', 'synchronous_commit', 'fsync', 'shared_buffers', 'max_connections', 'track_io_timing')")" \
  >>"$RESULTS/machine.txt"

# ------------------------------------------------------------------------------------------------ connect
ORG_ID="$(python3 -c 'import uuid; print(uuid.uuid4())')"
TOKEN="$(python3 "$BENCH_DIR/bench.py" token --org "$ORG_ID" --role admin --ttl 86400)"
echo "org_id: $ORG_ID" >>"$RESULTS/machine.txt"
log "connecting organisation $ORG_ID to the fake (client credentials)"
"${PY[@]}" connect --base "$BASE" --token "$TOKEN" --client-id "$CLIENT_ID" --client-secret "$CLIENT_SECRET" \
  | tee -a "$SUMMARY" >&2

# ------------------------------------------------------------------------------------------------ syncs
APP_START_LINE="$(wc -l <"$APP_LOG")"
run_sync() { # phase
  local phase=$1 since until
  echo "uptime_before_$phase: $(uptime)" >>"$RESULTS/machine.txt"
  log "$phase: POST /api/financials/xero-sync {\"type\":\"all\"}"
  since="$(date +%s.%N)"
  "${PY[@]}" sync --base "$BASE" --token "$TOKEN" --fake "$FAKE" --pid "$APP_PID" --data-dir "$DATA_DIR" \
    --phase "$phase" --timeout "$SYNC_TIMEOUT" --progress "$RESULTS/$phase-progress.tsv" \
    --statements "$RESULTS/$phase-statements.tsv" --out-json "$RESULTS/$phase.json" \
    --threads "$RESULTS/$phase-threads.tsv" --stacks "$RESULTS/$phase-stacks.txt" \
    --stack-every "${BENCH_STACK_EVERY_SECONDS:-20}" | tee -a "$SUMMARY" >&2
  until="$(date +%s.%N)"
  "${PY[@]}" calls --log "$RESULTS/xero-calls.tsv" --since "$since" --until "$until" --phase "$phase" \
    | tee -a "$SUMMARY" >&2
  echo "uptime_after_$phase: $(uptime)" >>"$RESULTS/machine.txt"
}
run_sync sync1
log "verify: Xero-managed activity types and invoices of the organisation"
"${PY[@]}" verify --base "$BASE" --token "$TOKEN" --org "$ORG_ID" --items "$ITEMS" --invoices "$INVOICES" \
  --phase verify | tee -a "$SUMMARY" >&2
if [ "${BENCH_SECOND_SYNC:-1}" = 1 ]; then
  run_sync sync2
  "${PY[@]}" verify --base "$BASE" --token "$TOKEN" --org "$ORG_ID" --items "$ITEMS" --invoices "$INVOICES" \
    --phase verify2 --max-seconds 30 | tee -a "$SUMMARY" >&2
fi
tail -n +"$APP_START_LINE" "$APP_LOG" | grep -E 'XeroSync|xero-sync|Xero ' | cut -c1-300 | head -100 \
  >"$RESULTS/app-xero-lines.txt" || true

# ------------------------------------------------------------------------------------------------ summary
{
  echo "least possible Xero calls: 1 token + 1 /Connections (connecting) + 1 Items + $(( (INVOICES + 99) / 100 )) invoice pages"
  echo "  (pagination.pageCount of page 1 tells the last page; a client that stops at a short page needs one more"
  echo "   when the count is a multiple of 100) + contacts/payments pages if the sync asked for them"
  calls=$(( 2 + INVOICES / 100 ))
  echo "rate-limit bound of a sync: $calls API calls (Items + invoice pages up to the first short one) at 60 per"
  echo "  minute: the first 60 at once, then at least $(( (calls - 1) / 60 )) x 60 s under the app's rolling 60 s window"
  echo "  (Xero's fixed clock-minute windows allow a little over $(( (calls - 1) / 60 - 1 )) x 60 s at best)"
} | tee -a "$SUMMARY" >&2
log "done; raw results in $RESULTS"
grep '^RESULT ' "$SUMMARY" >&2
