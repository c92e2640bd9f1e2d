#!/usr/bin/env python3
"""Helpers of bench/xero.sh (python3 standard library only; psql for the database).

Subcommands:
  connect   PUT /api/xero/connection (client credentials of the fake) as the admin
  sync      POST /api/financials/xero-sync, poll GET /api/financials/xero-sync/{id} every second until it finishes,
            sampling meanwhile the embedded PostgreSQL's own accounting (pg_stat_database), the CPU of the JVM and of
            the PostgreSQL processes (/proc/<pid>/stat) and the fake's call counters; prints RESULT lines
  calls     what the fake's call log (one TSV line per call) says about one sync: calls by path, the spacing of the
            calls, the most calls in any 60 s and in one clock minute, the gaps between pages (our processing)
  verify    activity types and invoices of the organisation, through the API and psql, waiting (bounded) for the
            read models to catch up

Traffic goes only to 127.0.0.1. Every measurement prints `RESULT phase=... key=value ...`.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (mint_token, _cpu_of, _proc_tree, _pids_with)

PG_STAT_COLUMNS = ("xact_commit", "xact_rollback", "blks_read", "blks_hit", "tup_returned", "tup_fetched",
                   "tup_inserted", "tup_updated", "tup_deleted", "blk_read_time", "blk_write_time", "session_time",
                   "active_time", "idle_in_transaction_time", "sessions")


def local_only(url):
    host = urllib.request.urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to send traffic to {host}: the benchmark is local only")


def http(method, url, token=None, body=None, timeout=60):
    local_only(url)
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode(errors="replace")


def psql_args():
    return ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", os.environ["BENCH_PSQL_PORT"],
            "-U", os.environ["BENCH_PSQL_USER"], "-d", os.environ["BENCH_PSQL_DB"]]


def psql(sql):
    out = subprocess.run(psql_args() + ["-F", "\t", "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def pg_stat():
    row = psql("select " + ", ".join(f"coalesce({c}, 0)" for c in PG_STAT_COLUMNS)
               + " from pg_stat_database where datname = current_database()")
    return dict(zip(PG_STAT_COLUMNS, (float(x) for x in row.split("\t"))))


def has_statements():
    return psql("select count(*) from pg_extension where extname = 'pg_stat_statements'") == "1"


def cpu(pid, data_dir):
    """CPU seconds: JVM, PostgreSQL (the processes naming the data dir and their children), the whole machine."""
    hz = os.sysconf("SC_CLK_TCK")
    jvm = bench._cpu_of(pid) / hz
    pg_roots = [p for p in bench._pids_with(data_dir) if p != pid]
    pg = sum(bench._cpu_of(p) for p in bench._proc_tree(pg_roots) if p != pid) / hz
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    machine = (sum(fields) - fields[3] - fields[4]) / hz
    return {"jvm": jvm, "pg": pg, "machine": machine}


def thread_cpu(pid):
    """CPU seconds per JVM thread name (digits folded to #), from /proc/<pid>/task/*/stat."""
    hz = os.sysconf("SC_CLK_TCK")
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        name = "".join("#" if ch.isdigit() else ch for ch in name)
        fields = stat[stat.rindex(")") + 2:].split()
        out[name] = out.get(name, 0) + (int(fields[11]) + int(fields[12])) / hz
        try:  # schedstat: on-CPU ns, ns waiting on a run queue (runnable, no core free), timeslices
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                waited = int(f.read().split()[1]) / 1e9
            out["runqueue-wait " + name] = out.get("runqueue-wait " + name, 0) + waited
        except (OSError, IndexError, ValueError):
            pass
    return out


def stack_sample(pid, thread_prefix, out_file, elapsed):
    """One jcmd Thread.print: the stacks of the threads whose name starts with thread_prefix (top 40 frames)."""
    try:
        dump = subprocess.run(["jcmd", str(pid), "Thread.print"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return
    with open(out_file, "a") as f:
        for block in dump.split("\n\n"):
            if block.startswith('"' + thread_prefix):
                lines = block.splitlines()
                f.write(f"--- t={elapsed:.1f}s\n" + "\n".join(lines[:42]) + "\n")


def fake_stats(fake):
    return http("GET", fake + "/_stats")[1]


def result(phase, **fields):
    line = bench.result_line(phase, **fields)
    print(line, flush=True)
    return line


# ---------------------------------------------------------------------------------------------- connect

def cmd_connect(args):
    status, body = http("PUT", args.base + "/api/xero/connection", args.token,
                        {"grant": "client_credentials", "client_id": args.client_id,
                         "client_secret": args.client_secret})
    if status // 100 != 2:
        raise SystemExit(f"PUT /api/xero/connection answered {status}: {body}")
    print(json.dumps(body), file=sys.stderr)
    result("connect", status=status, tenant=(body or {}).get("tenantId", "?"))


# ---------------------------------------------------------------------------------------------- sync

def cmd_sync(args):
    statements = has_statements()
    if statements:
        psql("select pg_stat_statements_reset()")
    time.sleep(1.0)  # let the reset and idle sessions' pending stats settle before the first snapshot
    pg0, cpu0, fake0, wall0 = pg_stat(), cpu(args.pid, args.data_dir), fake_stats(args.fake), time.time()
    threads0 = thread_cpu(args.pid)
    next_stack = wall0 + args.stack_every if args.stack_every > 0 else float("inf")
    events0 = int(psql("select count(*) from domain_event_entry"))
    status, body = http("POST", args.base + "/api/financials/xero-sync", args.token, {"type": args.type})
    if status != 202:
        raise SystemExit(f"POST /api/financials/xero-sync answered {status}: {body}")
    sync_id = body["syncId"]
    print(f"sync {sync_id} requested ({body['status']})", file=sys.stderr)
    deadline = wall0 + args.timeout
    last_print = 0
    with open(args.progress, "w") as progress:
        progress.write("t_s\tstatus\tprogress\tprocessed\tcreated\tupdated\tfailed\tjvm_cpu_s\tpg_cpu_s\t"
                       "pg_active_ms\tpg_xact_commit\tfake_api_calls\tfake_429\n")
        while True:
            status, sync = http("GET", f"{args.base}/api/financials/xero-sync/{sync_id}", args.token)
            if status != 200:
                raise SystemExit(f"GET /api/financials/xero-sync/{sync_id} answered {status}: {sync}")
            now = time.time()
            c, p, f = cpu(args.pid, args.data_dir), pg_stat(), fake_stats(args.fake)
            progress.write(f"{now - wall0:.1f}\t{sync['status']}\t{sync.get('progress')}\t{sync['recordsProcessed']}"
                           f"\t{sync['recordsCreated']}\t{sync['recordsUpdated']}\t{sync['recordsFailed']}"
                           f"\t{c['jvm'] - cpu0['jvm']:.2f}\t{c['pg'] - cpu0['pg']:.2f}"
                           f"\t{p['active_time'] - pg0['active_time']:.0f}"
                           f"\t{p['xact_commit'] - pg0['xact_commit']:.0f}"
                           f"\t{f['api_calls'] - fake0['api_calls']}\t{f['too_many_requests'] - fake0['too_many_requests']}\n")
            progress.flush()
            if now - last_print >= 15:
                print(f"  {now - wall0:6.0f} s {sync['status']:8} processed {sync['recordsProcessed']:6} created "
                      f"{sync['recordsCreated']:6} updated {sync['recordsUpdated']:6} failed {sync['recordsFailed']:4}"
                      f" | Xero API calls {f['api_calls'] - fake0['api_calls']}, 429s "
                      f"{f['too_many_requests'] - fake0['too_many_requests']}", file=sys.stderr)
                last_print = now
            if sync["status"] in ("success", "partial", "error"):
                break
            if now >= next_stack and args.stacks:
                stack_sample(args.pid, "xero-sync-", args.stacks, now - wall0)
                next_stack = now + args.stack_every
            if now > deadline:
                raise SystemExit(f"the sync did not finish in {args.timeout} s: {sync}")
            time.sleep(args.poll)
    wall_polled = time.time() - wall0
    time.sleep(3.0)  # backends report their statistics at most every 500 ms, idle pool connections later
    pg1, cpu1, fake1 = pg_stat(), cpu(args.pid, args.data_dir), fake_stats(args.fake)
    threads1 = thread_cpu(args.pid)
    per_thread = sorted(((threads1[k] - threads0.get(k, 0), k) for k in threads1), reverse=True)
    with open(args.threads, "w") as f:
        f.write("cpu_s\tthread (JVM threads by name, digits folded to #; 'runqueue-wait X': seconds X was runnable "
                "but waited for a core, /proc/<pid>/task/<tid>/schedstat)\n")
        for seconds, name in per_thread:
            if seconds >= 0.05:
                f.write(f"{seconds:.2f}\t{name}\n")
    events1 = int(psql("select count(*) from domain_event_entry"))
    with open(args.out_json, "w") as f:
        json.dump({"sync": sync, "pg_before": pg0, "pg_after": pg1, "cpu_before": cpu0, "cpu_after": cpu1,
                   "fake_before": fake0, "fake_after": fake1, "events_before": events0, "events_after": events1},
                  f, indent=1)
    ph = args.phase
    req, start, done = (parse_time(sync.get(k)) for k in ("requestedAt", "startedAt", "completedAt"))
    wall = done - req if done and req else float("nan")
    result(ph, sync_id=sync_id, status=sync["status"], processed=sync["recordsProcessed"],
           created=sync["recordsCreated"], updated=sync["recordsUpdated"], failed=sync["recordsFailed"],
           error=json.dumps(sync.get("error")).replace(" ", "_"))
    result(ph + ".wall", requested_to_completed_s=f"{wall:.1f}",
           requested_to_started_s=f"{(start - req) if start and req else float('nan'):.1f}",
           requested_at=sync.get("requestedAt"), completed_at=sync.get("completedAt"),
           polled_s=f"{wall_polled:.1f}")
    d = {k: pg1[k] - pg0[k] for k in PG_STAT_COLUMNS}
    result(ph + ".db", active_s=f"{d['active_time'] / 1000:.1f}",
           idle_in_transaction_s=f"{d['idle_in_transaction_time'] / 1000:.1f}",
           xact_commit=int(d["xact_commit"]), xact_rollback=int(d["xact_rollback"]),
           tup_inserted=int(d["tup_inserted"]), tup_updated=int(d["tup_updated"]), tup_deleted=int(d["tup_deleted"]),
           tup_returned=int(d["tup_returned"]), blks_read=int(d["blks_read"]), blks_hit=int(d["blks_hit"]),
           active_ms_per_commit=f"{d['active_time'] / max(1, d['xact_commit']):.3f}",
           events_appended=events1 - events0)
    jvm, pg = cpu1["jvm"] - cpu0["jvm"], cpu1["pg"] - cpu0["pg"]
    machine = cpu1["machine"] - cpu0["machine"]
    result(ph + ".cpu", wall_s=f"{wall_polled:.1f}", jvm_cpu_s=f"{jvm:.1f}", pg_cpu_s=f"{pg:.1f}",
           app_cores=f"{(jvm + pg) / wall_polled:.2f}", other_cores=f"{(machine - jvm - pg) / wall_polled:.2f}",
           of=os.cpu_count())
    top = [(sec, name) for sec, name in per_thread if not name.startswith("runqueue-wait")][:6]
    waits = {name: sec for sec, name in per_thread if name.startswith("runqueue-wait")}
    result(ph + ".sync_thread", cpu_s=f"{dict((n, x) for x, n in per_thread).get('xero-sync-#', 0):.1f}",
           runqueue_wait_s=f"{waits.get('runqueue-wait xero-sync-#', 0):.1f}",
           all_jvm_threads_runqueue_wait_s=f"{sum(waits.values()):.1f}")
    result(ph + ".threads", **{name.replace(" ", "_").replace("=", "_"): f"{sec:.1f}" for sec, name in top})
    paths = {}
    for key, value in fake1["by_path"].items():
        delta = value - fake0["by_path"].get(key, 0)
        if delta:
            paths[key.split("/")[-1].replace(" ", "_")] = delta
    result(ph + ".xero", api_calls=fake1["api_calls"] - fake0["api_calls"],
           all_calls=fake1["total_calls"] - fake0["total_calls"],
           too_many_requests=fake1["too_many_requests"] - fake0["too_many_requests"],
           max_in_flight_ever=fake1["max_in_flight"], **paths)
    if statements:
        top = psql("""select round(total_exec_time::numeric, 1), calls, round(mean_exec_time::numeric, 3), rows,
                             regexp_replace(left(query, 160), '\\s+', ' ', 'g')
                      from pg_stat_statements order by total_exec_time desc limit 25""")
        # the benchmark's own sampling (pg_stat_database every second, counts) is left out of the app's figures
        ours = "(query like '%pg_stat_database%' or query like '%pg_stat_statements%' " \
               "or query like 'select count(*) from domain_event_entry%' or query like '%from pg_extension%')"
        totals = psql(f"""select round((sum(total_exec_time) filter (where not {ours}))::numeric / 1000, 1),
                                 sum(calls) filter (where not {ours}),
                                 round(coalesce(sum(total_exec_time) filter (where {ours}), 0)::numeric / 1000, 1),
                                 coalesce(sum(calls) filter (where {ours}), 0)
                          from pg_stat_statements""")
        with open(args.statements, "w") as f:
            f.write("total_ms\tcalls\tmean_ms\trows\tquery\n" + top + "\n")
        s, n, bench_s, bench_n = totals.split("\t")
        result(ph + ".statements", app_exec_s=s, app_calls=n, benchmark_sampling_exec_s=bench_s,
               benchmark_sampling_calls=bench_n, app_calls_per_record=f"{int(n) / max(1, sync['recordsProcessed']):.1f}",
               top=os.path.basename(args.statements))
        result(ph + ".db_app", active_s_without_sampling=f"{d['active_time'] / 1000 - float(bench_s):.1f}",
               note="pg_stat_database_active_time_minus_the_sampling_statements")


def parse_time(value):
    if not value:
        return None
    from datetime import datetime
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


# ---------------------------------------------------------------------------------------------- calls

def cmd_calls(args):
    rows = []
    with open(args.log) as f:
        next(f)
        for line in f:
            start, end, method, path, status, flying, size = line.rstrip("\n").split("\t")
            start, end = int(start) / 1000, int(end) / 1000
            if args.since <= start <= args.until:
                rows.append((start, end, method, path, int(status), int(flying), int(size)))
    api = [r for r in rows if r[3].startswith("/api.xro/2.0/")]
    ok = [r for r in api if r[4] == 200]
    if not api:
        result(args.phase + ".calls", api_calls=0)
        return
    starts = [r[0] for r in ok]
    most_rolling = max(sum(1 for t in starts if s <= t < s + 60) for s in starts)
    per_minute = {}
    for t in starts:
        per_minute[int(t // 60)] = per_minute.get(int(t // 60), 0) + 1
    items = [r for r in ok if r[3].startswith("/api.xro/2.0/Items")]
    invoices = [r for r in ok if r[3].startswith("/api.xro/2.0/Invoices")]
    fields = dict(api_calls=len(api), ok=len(ok), refused_429=sum(1 for r in api if r[4] == 429),
                  first_to_last_call_s=f"{api[-1][1] - api[0][0]:.1f}", most_in_any_60s=most_rolling,
                  most_in_one_clock_minute=max(per_minute.values()),
                  fake_time_s=f"{sum(r[1] - r[0] for r in api):.1f}", bytes=sum(r[6] for r in api))
    if items:
        fields["items_call_ms"] = f"{(items[0][1] - items[0][0]) * 1000:.0f}"
        fields["items_bytes"] = items[0][6]
        if invoices:
            fields["items_applied_s"] = f"{invoices[0][0] - items[0][1]:.1f}"  # answer of Items .. first invoice page
    if len(invoices) > 1:
        gaps = [b[0] - a[1] for a, b in zip(invoices, invoices[1:])]
        fields.update(invoice_pages=len(invoices), invoices_first_to_last_s=f"{invoices[-1][1] - invoices[0][0]:.1f}",
                      page_gap_mean_s=f"{statistics.mean(gaps):.2f}", page_gap_median_s=f"{statistics.median(gaps):.2f}",
                      page_gap_max_s=f"{max(gaps):.2f}", page_gaps_over_5s=sum(1 for g in gaps if g > 5),
                      invoice_call_ms_mean=f"{statistics.mean((r[1] - r[0]) * 1000 for r in invoices):.0f}")
    result(args.phase + ".calls", **fields)


# ---------------------------------------------------------------------------------------------- verify

def cmd_verify(args):
    deadline = time.time() + args.max_seconds
    started = time.time()
    while True:
        types = psql(f"select count(*) filter (where xero_managed), count(*) from activity_types "
                     f"where org_id = '{args.org}'").split("\t")
        invoices = psql(f"select count(*) from invoices where org_id = '{args.org}'")
        done = int(types[0]) >= args.items and int(invoices) >= args.invoices
        if done or time.time() > deadline:
            break
        time.sleep(1)
    waited = time.time() - started
    by_status = psql(f"select string_agg(status || ':' || n, ',' order by status) from (select status, count(*) n "
                     f"from invoices where org_id = '{args.org}' group by status) s")
    sums = psql(f"select sum(total), sum(amount_due), sum(amount_paid), count(distinct contact_id) from invoices "
                f"where org_id = '{args.org}'").split("\t")
    status, listed = http("GET", args.base + "/api/activity-types", args.token)
    api_types = len(listed) if isinstance(listed, list) else len((listed or {}).get("items", listed or []))
    status_s, summary = http("GET", args.base + "/api/financials/summary", args.token)
    result(args.phase, xero_managed_types=types[0], activity_types=types[1], invoices=invoices,
           expected_types=args.items, expected_invoices=args.invoices,
           ok="yes" if int(types[0]) == args.items and int(invoices) == args.invoices else "NO",
           read_model_wait_s=f"{waited:.1f}", api_activity_types=api_types, api_list_status=status)
    result(args.phase + ".invoices", by_status=by_status, total=sums[0], amount_due=sums[1], amount_paid=sums[2],
           contacts=sums[3])
    print(f"GET /api/financials/summary ({status_s}): {json.dumps(summary)[:600]}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("connect")
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--client-id", required=True)
    p.add_argument("--client-secret", required=True)
    p.set_defaults(func=cmd_connect)

    p = sub.add_parser("sync")
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--fake", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--data-dir", required=True)
    p.add_argument("--type", default="all")
    p.add_argument("--phase", default="sync")
    p.add_argument("--poll", type=float, default=1.0)
    p.add_argument("--timeout", type=float, default=3600)
    p.add_argument("--progress", required=True)
    p.add_argument("--statements", required=True)
    p.add_argument("--out-json", required=True)
    p.add_argument("--threads", required=True)
    p.add_argument("--stacks", default=None)
    p.add_argument("--stack-every", type=float, default=20)
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("calls")
    p.add_argument("--log", required=True)
    p.add_argument("--since", type=float, required=True)
    p.add_argument("--until", type=float, required=True)
    p.add_argument("--phase", default="sync")
    p.set_defaults(func=cmd_calls)

    p = sub.add_parser("verify")
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--org", required=True)
    p.add_argument("--items", type=int, required=True)
    p.add_argument("--invoices", type=int, required=True)
    p.add_argument("--max-seconds", type=float, default=300)
    p.add_argument("--phase", default="verify")
    p.set_defaults(func=cmd_verify)

    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
