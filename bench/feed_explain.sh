#!/usr/bin/env bash
# EXPLAIN ANALYZE of the activity feed query (ActivityFeedReadRepository) on 1,000,000 activity_log rows, run as the
# app runs it: inside a transaction, as role fieldops_reader with the caller's claims in request.jwt.claims (so the
# row-level security policy applies), values bound as literals (the custom plan PostgreSQL makes for the app's first
# executions of a statement).
#
#   bench/feed_explain.sh setup V10      create database $DB, apply migrations V1..V10, load bench/feed_dataset.sql
#   bench/feed_explain.sh explain before the query before V11 (one scan with the scope as an OR), every case
#   bench/feed_explain.sh upgrade V11    apply the migrations after the current one up to V11, vacuum analyze
#   bench/feed_explain.sh explain after  the query since V11 (one index walk per scope branch), every case
#   bench/feed_explain.sh drop           drop database $DB
#
# Cases: admin, manager, technician of organisation 0 x first page, offset 10,000, cursor (after the caller's
# 2,000th entry) x no filter, user_id (a technician of the manager's team), resource_type=job, resource_type and
# resource_id, resource_id alone. Each query runs 5 times (EXPLAIN with timing off: no per-node clock reads); the
# table shows the pages (buffers) the last run touched, the first run's execution time and the fastest of the other
# four (on a shared machine the fastest is the one least disturbed). Plans go to $OUT (/tmp/feed-explain-<variant>.txt).
# Environment: PGHOST (127.0.0.1), PGUSER (postgres), DB (feedperf).
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=${DB:-feedperf}
MIGRATIONS=platform/src/main/resources/db/migration
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# migrations V<from+1>..V<to>, in version order
migrate() {
  local from=$1 to=$2 file version
  for file in $(ls "$MIGRATIONS"/V*__*.sql | sort -V); do
    version=$(basename "$file" | sed -E 's/^V([0-9]+)__.*/\1/')
    if (( version > from && version <= to )); then
      echo "migrate $(basename "$file")"
      psql_db -f "$file"
    fi
  done
}

current_version() {
  psql_db -At -c "select coalesce(max(version::int), 0) from bench_schema_version" 2>/dev/null || echo 0
}

person() { psql_db -At -c "select feed_person(0, '$1', $2)"; }

# ---------------------------------------------------------------------------------------------- the two queries
# $1 role, $2 caller, $3 team, $4 filter conditions, $5 limit, $6 offset
before_sql() {
  local everyone=false manager=false team=${3:+"'$3'"}
  [[ $1 == admin ]] && everyone=true
  [[ $1 == manager ]] && manager=true
  cat <<SQL
select id, user_id, user_name, action, resource_type, resource_id, resource_name, details::text as details, created_at
from activity_log
where org_id = '$ORG'
  and ($everyone or user_id = '$2' or subject_user_id = '$2' or ($manager and team_id = ${team:-null}))
  $4
order by created_at desc, id desc
limit $5 offset $6
SQL
}

after_sql() {
  local branches walks="" branch depth=$(( $5 + $6 ))
  case $1 in
    admin) branches=("") ;;
    manager) branches=("and user_id = '$2'" "and subject_user_id = '$2'" "and team_id = '$3'") ;;
    *) branches=("and user_id = '$2'" "and subject_user_id = '$2'") ;;
  esac
  for branch in "${branches[@]}"; do
    [[ -n $walks ]] && walks+=$'\nunion all\n'
    walks+="(select id, created_at from activity_log where org_id = '$ORG' $branch $4
 order by created_at desc, id desc limit $depth)"
  done
  cat <<SQL
with page as (
    select id, created_at from ($walks) as scope
    group by created_at, id
    order by created_at desc, id desc
    limit $5 offset $6)
select a.id, a.user_id, a.user_name, a.action, a.resource_type, a.resource_id, a.resource_name,
       a.details::text as details, a.created_at
from page join activity_log a on a.id = page.id
order by page.created_at desc, page.id desc
SQL
}

claims() {  # $1 role, $2 caller, $3 team
  printf '{"sub":"%s","role":"authenticated","app_metadata":{"org_id":"%s","role":"%s"%s}}' \
    "$2" "$ORG" "$1" "$([[ -n $3 ]] && printf ',"team_id":"%s"' "$3")"
}

# $1 role, $2 sql: the EXPLAIN (ANALYZE, BUFFERS) output, as the caller
explain_as() {
  local caller team
  read -r caller team <<<"${WHO[$1]}"
  [[ $team == - ]] && team=""
  psql_db -At <<SQL
begin;
select set_config('role', 'fieldops_reader', true),
       set_config('request.jwt.claims', '$(claims "$1" "$caller" "$team")', true) \\g /dev/null
explain (analyze, buffers, timing off) $2;
rollback;
SQL
}

explain() {
  local variant=$1 out=${OUT:-/tmp/feed-explain-$1.txt}
  ORG=$(person org 0)
  local team tech admin manager
  team=$(person team 0); admin=$(person admin 0); manager=$(person worker 10); tech=$(person worker 3)
  # caller and team ("-": none)
  declare -gA WHO=([admin]="$admin -" [manager]="$manager $team" [technician]="$tech $team")
  local other resource_type resource_id
  other=$(person worker 1)
  read -r resource_type resource_id < <(psql_db -At -F ' ' -c "select resource_type, resource_id from activity_log
      where org_id = '$ORG' and team_id = '$team' and subject_user_id = '$tech' order by created_at desc limit 1")
  declare -A FILTERS=(
    [none]=""
    [user]="and user_id = '$other'"
    [type]="and resource_type = 'job'"
    [type+resource]="and resource_type = '$resource_type' and resource_id = '$resource_id'"
    [resource]="and resource_id = '$resource_id'")
  : >"$out"
  printf '%-11s %-12s %-14s %5s %8s %9s %9s\n' role page filter rows buffers first_ms warm_ms
  local role page filter sql conditions cursor caller tm
  for role in admin manager technician; do
    read -r caller tm <<<"${WHO[$role]}"
    [[ $tm == - ]] && tm=""
    # the keyset cursor: the caller's 2,000th entry (as the before query, run as the caller, finds it)
    cursor=$(psql_db -At -F ' ' <<SQL
begin;
select set_config('role', 'fieldops_reader', true),
       set_config('request.jwt.claims', '$(claims "$role" "$caller" "$tm")', true) \\g /dev/null
select created_at, id from ($(before_sql "$role" "$caller" "$tm" "" 1 1999)) c;
rollback;
SQL
)
    local cursor_time=${cursor% *} cursor_id=${cursor##* }
    for page in first offset10000 cursor; do
      for filter in none user type type+resource resource; do
        conditions=${FILTERS[$filter]}
        local limit=20 offset=0
        [[ $page == offset10000 ]] && offset=10000
        [[ $page == cursor ]] && conditions+=" and (created_at, id) < ('$cursor_time', '$cursor_id')"
        if [[ $variant == before ]]; then
          sql=$(before_sql "$role" "$caller" "$tm" "$conditions" $limit $offset)
        else
          sql=$(after_sql "$role" "$caller" "$tm" "$conditions" $limit $offset)
        fi
        local times=() plan rows buffers warm
        for run in 1 2 3 4 5; do
          plan=$(explain_as "$role" "$sql")
          times+=("$(sed -nE 's/^Execution Time: ([0-9.]+) ms/\1/p' <<<"$plan")")
        done
        warm=$(printf '%s\n' "${times[@]:1}" | sort -g | head -1)
        rows=$(head -1 <<<"$plan" | sed -nE 's/.*actual (time=[^ ]+ )?rows=([0-9]+).*/\2/p')
        # pages the query touched (shared hit + read), of the top node: what the timings vary around
        buffers=$(grep -m1 'Buffers: shared' <<<"$plan" | grep -oE '(hit|read)=[0-9]+' | cut -d= -f2 | paste -sd+ | bc)
        printf '%-11s %-12s %-14s %5s %8s %9s %9s\n' "$role" "$page" "$filter" "$rows" "$buffers" "${times[0]}" "$warm"
        { echo "===== $variant $role $page $filter"; echo "$sql"; echo "$plan"; } >>"$out"
      done
    done
  done
  echo "plans: $out"
}

case ${1:-} in
  setup)
    createdb "$DB"
    migrate 0 "${2#V}"
    psql_db -c "create table bench_schema_version (version int); insert into bench_schema_version values (${2#V})"
    psql_db -f bench/feed_dataset.sql
    psql_db -c "vacuum analyze activity_log"
    ;;
  upgrade)
    migrate "$(current_version)" "${2#V}"
    psql_db -c "insert into bench_schema_version values (${2#V})"
    psql_db -c "vacuum analyze activity_log"
    ;;
  explain) explain "$2" ;;
  drop) dropdb "$DB" ;;
  *) sed -n '2,18p' "$0"; exit 1 ;;
esac
