# Sourced by the benchmark scripts. find_psql: the embedded PostgreSQL of the app's latest start, from its log line
# "Embedded PostgreSQL: jdbc:postgresql://127.0.0.1:<port>/<db> (user <user>, data dir …)" in $APP_LOG; sets
# BENCH_PSQL_PORT/_DB/_USER (exported, PGTZ=UTC) and the psql command line PSQL. Needs die().
find_psql() {
  local jdbc_line
  jdbc_line="$(grep -o 'Embedded PostgreSQL: jdbc:postgresql://127.0.0.1:[0-9]*/[A-Za-z0-9_]* (user [A-Za-z0-9_]*' "$APP_LOG" | tail -1)"
  [ -n "$jdbc_line" ] || die "no 'Embedded PostgreSQL: jdbc:…' line in the app log"
  export BENCH_PSQL_PORT BENCH_PSQL_DB BENCH_PSQL_USER PGTZ=UTC
  BENCH_PSQL_PORT="$(sed -E 's|.*127\.0\.0\.1:([0-9]+)/.*|\1|' <<<"$jdbc_line")"
  BENCH_PSQL_DB="$(sed -E 's|.*127\.0\.0\.1:[0-9]+/([A-Za-z0-9_]+).*|\1|' <<<"$jdbc_line")"
  BENCH_PSQL_USER="$(sed -E 's|.*\(user ([A-Za-z0-9_]+).*|\1|' <<<"$jdbc_line")"
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$BENCH_PSQL_PORT" -U "$BENCH_PSQL_USER" -d "$BENCH_PSQL_DB")
}
