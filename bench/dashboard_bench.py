#!/usr/bin/env python3
"""HTTP and database helpers of bench/dashboard.sh, the issue-3 benchmark (python3 standard library only).

Subcommands:
  seed-types   per organisation, its admin imports 8 activity types (POST /api/activity-types/bulk-import), then
               waits until GET /api/activity-types lists them: the rates the generated timesheets snapshot
  refresh      per organisation (or the first --orgs N), its admin calls POST /api/dashboard/refresh (the
               organisation's dashboard rebuilt from the event store)
  check        dataset facts from SQL, amounts re-rounded HALF-EVEN in Python's decimal, and GET /api/dashboard/stats
               for an admin, a manager and a technician of every organisation compared with SQL over the read models
  requests     request files for wrk (token<TAB>path a line) per run, the cursor walks, and one pass over every line
               that checks status and page size
  inbound      publishes N fieldops.job.created.v1 events to fieldops.inbound (bench/InboundProducer.java) and polls
               every organisation's stats until totalJobs grew by N
  export       GET /api/events (NDJSON, the whole history) as the admin of the first organisation, through curl
               into `wc`, while the app's resident memory and heap are sampled: events/s, MB/s, peak memory
  rebuild      POST /actuator/projections/all (every projection rebuilt from the event store into a shadow schema,
               then swapped in) and polls until it is done; every read-model table checksummed before and after
  summarize    the results table and the targets from summary.txt

Every measurement prints `RESULT phase=... key=value ...`. Traffic goes to 127.0.0.1 only.
"""
import argparse
import base64
import csv
import decimal
import hashlib
import hmac
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse

TYPES = [("Electrical", "95.30"), ("Plumbing", "87.50"), ("Gas fitting", "110.00"), ("Inspection", "62.25"),
         ("Travel", "47.85"), ("Apprentice labour", "38.15"), ("After-hours call-out", "132.45"),
         ("Consulting", "145.00")]


# ---------------------------------------------------------------------------------------------- people and tokens

def read_people(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def mint(person, ttl=6 * 3600) -> str:
    """HS256 JWT with the claims of DESIGN §4 for one person of people.tsv."""
    secret = os.environ.get("FIELDOPS_JWT_SECRET", "")
    if len(secret.encode()) < 32:
        raise SystemExit("FIELDOPS_JWT_SECRET must be set and at least 32 bytes")
    now = int(time.time())
    app = {"org_id": person["org_id"], "role": person["role"]}
    if person.get("team_id"):
        app["team_id"] = person["team_id"]
    claims = {"sub": person["user_id"], "role": "authenticated", "iat": now, "exp": now + ttl,
              "email": person["user_id"][:8] + "@bench.fieldops.test", "app_metadata": app,
              "user_metadata": {"full_name": person["name"]}}
    signing = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode()) + "." + \
        b64url(json.dumps(claims, separators=(",", ":")).encode())
    return signing + "." + b64url(hmac.new(secret.encode(), signing.encode(), hashlib.sha256).digest())


# ---------------------------------------------------------------------------------------------- http

class Api:
    """One keep-alive connection to the app; reconnects once when the server closed it."""

    def __init__(self, base_url: str, timeout: float = 120.0):
        parsed = urllib.parse.urlparse(base_url)
        if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"refusing to send traffic to {parsed.hostname}: the benchmark is local only")
        self.host, self.port, self.timeout = parsed.hostname, parsed.port or 80, timeout
        self.conn = None

    def request(self, method, path, token, body=None, content_type=None):
        headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.BadStatusLine):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def json(self, method, path, token, body=None, content_type=None, expect=200):
        status, headers, data = self.request(method, path, token, body, content_type)
        if status != expect:
            raise SystemExit(f"{method} {path} answered {status}: {data[:400]!r}")
        return json.loads(data), headers

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def result_line(phase, **fields):
    return "RESULT phase=" + phase + "".join(f" {k}={v}" for k, v in fields.items())


def percentile(values, p):
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def psql(sql):
    """Rows of a query on the app's embedded PostgreSQL (BENCH_PSQL_* from dashboard.sh), as lists of strings."""
    command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", os.environ["BENCH_PSQL_PORT"],
               "-U", os.environ["BENCH_PSQL_USER"], "-d", os.environ["BENCH_PSQL_DB"], "-At", "-F", "\t", "-c", sql]
    out = subprocess.run(command, check=True, capture_output=True, text=True, timeout=600).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def by_role(people, role):
    return [p for p in people if p["role"] == role]


# ---------------------------------------------------------------------------------------------- subcommands

def cmd_seed_types(args):
    api = Api(args.base)
    started = time.perf_counter()
    body = ("name,hourly_rate,xero_code,description\n" + "".join(
        f"{name},{rate},BENCH-{n:02d},Bench rate for {name.lower()}\n" for n, (name, rate) in enumerate(TYPES))).encode()
    admins = by_role(read_people(args.people), "admin")
    for admin in admins:
        result, _ = api.json("POST", "/api/activity-types/bulk-import", mint(admin), body, "text/csv")
        if result.get("imported") != len(TYPES) or result.get("errors"):
            raise SystemExit(f"import for org {admin['org_id']} answered {result}")
    deadline = time.monotonic() + 120
    for admin in admins:
        while True:
            types, _ = api.json("GET", "/api/activity-types", mint(admin))
            if len(types) == len(TYPES):
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"org {admin['org_id']} lists {len(types)} of {len(TYPES)} types after 120 s")
            time.sleep(0.2)
    print(result_line("seed_types", orgs=len(admins), types_per_org=len(TYPES),
                      seconds=f"{time.perf_counter() - started:.2f}"))


def cmd_refresh(args):
    api = Api(args.base, timeout=600)
    took = []
    for admin in by_role(read_people(args.people), "admin")[:args.orgs]:
        started = time.perf_counter()
        result, _ = api.json("POST", "/api/dashboard/refresh", mint(admin))
        took.append(time.perf_counter() - started)
        if result.get("success") is not True:
            raise SystemExit(f"refresh of {admin['org_id']} answered {result}")
    print(result_line("refresh", orgs=len(took), total_s=f"{sum(took):.2f}",
                      p50_ms=f"{percentile(took, 50) * 1000:.0f}", max_ms=f"{max(took) * 1000:.0f}"))


def expected_stats(org_id, scope, scope_id, today):
    """The four numbers from the read models, the way the issue defines them (today is a UTC date here: the
    organisations keep the default timezone)."""
    where_ts = {"org": "", "team": f" and team_id = '{scope_id}'", "user": f" and user_id = '{scope_id}'"}[scope]
    where_job = {"org": "", "team": f" and assignee_team_id = '{scope_id}'",
                 "user": f" and assignee_id = '{scope_id}'"}[scope]
    row = psql(f"""
        select (select count(*) from jobs where org_id = '{org_id}' and status <> 'cancelled'{where_job}),
               (select count(*) from jobs where org_id = '{org_id}' and status = 'completed'
                   and status_changed_at >= date '{today}' and status_changed_at < date '{today}' + 1{where_job}),
               (select count(*) from timesheets where org_id = '{org_id}' and status = 'submitted'{where_ts}),
               (select coalesce(sum(amount), 0) from timesheets where org_id = '{org_id}'
                   and status in ('submitted', 'approved') and work_date = date '{today}'{where_ts})""")[0]
    return {"totalJobs": int(row[0]), "completedToday": int(row[1]), "pendingApprovals": int(row[2]),
            "revenueToday": decimal.Decimal(row[3])}


def cmd_check(args):
    os.environ.setdefault("PGTZ", "UTC")
    people = read_people(args.people)
    org_list = ",".join(f"'{p['org_id']}'" for p in by_role(people, "admin"))
    out = []
    # --- dataset facts
    for table in ("activity_log", "timesheets", "jobs", "timesheet_day_hours", "activity_types"):
        out.append(result_line("dataset_rows", table=table, rows=psql(f"select count(*) from {table}")[0][0]))
    for action, rows, subject in psql("select action, count(*), count(subject_user_id) from activity_log "
                                      "group by action order by action"):
        out.append(result_line("dataset_action", action=action, rows=rows, with_subject=subject))
    for status, rows in psql("select status, count(*) from timesheets group by status order by status"):
        out.append(result_line("dataset_timesheet_status", status=status, rows=rows))
    for status, rows in psql("select status, count(*) from jobs group by status order by status"):
        out.append(result_line("dataset_job_status", status=status, rows=rows))
    per_org = psql("select min(c), max(c) from (select count(*) c from activity_log group by org_id) x")[0]
    span = psql("select min(created_at), max(created_at) from activity_log")[0]
    out.append(result_line("dataset_activity_per_org", min=per_org[0], max=per_org[1],
                           oldest=span[0].replace(" ", "T"), newest=span[1].replace(" ", "T")))
    worst_day = psql("select coalesce(max(s), 0) from (select sum(hours) s from timesheet_day_hours "
                     "group by org_id, user_id, work_date) x")[0][0]
    out.append(result_line("dataset_max_hours_per_person_day", hours=worst_day))
    sizes = psql("select pg_size_pretty(pg_total_relation_size('activity_log')), "
                 "pg_size_pretty(pg_total_relation_size('timesheets')), pg_size_pretty(pg_total_relation_size('jobs'))")
    out.append(result_line("dataset_size", activity_log=sizes[0][0].replace(" ", ""),
                           timesheets=sizes[0][1].replace(" ", ""), jobs=sizes[0][2].replace(" ", "")))
    # --- amounts: hours x rate HALF-EVEN, recomputed in Python's decimal
    bad = ties = 0
    rows = psql("select hours, hourly_rate, amount, count(*) from timesheets where amount is not null "
                "group by 1, 2, 3")
    for hours, rate, amount, count in rows:
        exact = decimal.Decimal(hours) * decimal.Decimal(rate)
        rounded = exact.quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_EVEN)
        if exact.quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP) != rounded:
            ties += int(count)
        if rounded != decimal.Decimal(amount):
            bad += int(count)
    out.append(result_line("dataset_amounts", distinct=len(rows), half_even_ties=ties, wrong=bad))
    # --- the API's stats against SQL over the read models, per role
    api = Api(args.base)
    mismatches = checked = 0
    for org_admin in by_role(people, "admin"):
        org = org_admin["org_id"]
        members = [p for p in people if p["org_id"] == org]
        sample = [org_admin] + [p for p in members if p["role"] == "manager"][:1] + \
            [p for p in members if p["role"] == "technician"][:1]
        for person in sample:
            stats, _ = api.json("GET", "/api/dashboard/stats", mint(person))
            scope, scope_id = {"admin": ("org", org), "manager": ("team", person["team_id"]),
                               "technician": ("user", person["user_id"])}[person["role"]]
            want = expected_stats(org, scope, scope_id, stats["date"])
            got = {k: (decimal.Decimal(str(stats[k])) if k == "revenueToday" else stats[k]) for k in want}
            checked += 1
            if got != want:
                mismatches += 1
                print(f"stats mismatch for {person['role']} {person['user_id']}: api {got} sql {want}",
                      file=sys.stderr)
            if person is org_admin and org_admin is by_role(people, "admin")[0]:
                out.append(result_line("stats_example", role="admin", body=json.dumps(stats, separators=(",", ":"))))
    out.append(result_line("stats_check", checked=checked, mismatches=mismatches))
    totals = psql(f"select count(*) filter (where status <> 'cancelled'), count(*) filter (where status = 'completed' "
                  f"and status_changed_at >= current_date) from jobs where org_id in ({org_list})")[0]
    out.append(result_line("dataset_stats_totals", total_jobs=totals[0], completed_today=totals[1]))
    print("\n".join(out))
    if mismatches or bad:
        raise SystemExit("the dataset check failed")


def walk(api, token, limit, max_pages, deadline):
    """Follows X-Next-Cursor from the first page; answers the cursors seen (the last page has none)."""
    cursors, path = [], f"/api/dashboard/activity-feed?limit={limit}"
    for _ in range(max_pages):
        if time.monotonic() > deadline:
            break
        page, headers = api.json("GET", path, token)
        cursor = headers.get("x-next-cursor")
        if not cursor:
            break
        cursors.append(cursor)
        path = f"/api/dashboard/activity-feed?limit={limit}&cursor={urllib.parse.quote(cursor)}"
    return cursors


def cmd_requests(args):
    people = read_people(args.people)
    os.makedirs(args.out_dir, exist_ok=True)
    api = Api(args.base)
    files = {}

    def write(name, pairs):
        with open(os.path.join(args.out_dir, name + ".tsv"), "w") as out:
            out.write("".join(f"{token}\t{path}\n" for token, path in pairs))
        files[name] = pairs

    tokens = {p["user_id"]: mint(p) for p in people}
    for role in ("admin", "manager", "technician"):
        members = by_role(people, role)
        write(f"stats_{role}", [(tokens[p["user_id"]], "/api/dashboard/stats") for p in members])
        write(f"feed_first_{role}", [(tokens[p["user_id"]], "/api/dashboard/activity-feed?limit=20")
                                     for p in members])
    for role in ("admin", "manager"):
        write(f"feed_offset_{role}", [(tokens[p["user_id"]], "/api/dashboard/activity-feed?limit=20&offset=10000")
                                      for p in by_role(people, role)])
    # cursor walks with limit=100 (cursors do not depend on the page size), replayed with limit=20
    started = time.perf_counter()
    for role, pages in (("admin", args.admin_pages), ("manager", args.manager_pages),
                        ("technician", args.technician_pages)):
        pairs = []
        walkers = by_role(people, role)[: args.walkers_per_role]
        role_started = time.monotonic()
        for n, person in enumerate(walkers):
            token = tokens[person["user_id"]]
            # each walker gets an equal share of the role's time budget
            deadline = role_started + args.walk_seconds * (n + 1) / len(walkers)
            pairs += [(token, f"/api/dashboard/activity-feed?limit=20&cursor={urllib.parse.quote(c)}")
                      for c in walk(api, token, 100, pages, deadline)]
        # interleave organisations and depths
        pairs.sort(key=lambda pair: hashlib.md5(pair[1].encode()).hexdigest())
        write(f"feed_cursor_{role}", pairs)
    walk_s = time.perf_counter() - started
    # one pass over every line: status, page size, latency of a lone request
    for name, pairs in files.items():
        sizes, took, bad = [], [], 0
        step = max(1, len(pairs) // args.check_lines)
        for token, path in pairs[::step]:
            started = time.perf_counter()
            status, _, data = api.request("GET", path, token)
            took.append(time.perf_counter() - started)
            if status != 200:
                bad += 1
                continue
            body = json.loads(data)
            if isinstance(body, list):
                sizes.append(len(body))
        fields = dict(lines=len(pairs), checked=len(took), non200=bad, single_p50_ms=f"{percentile(took, 50) * 1000:.2f}",
                      single_max_ms=f"{max(took) * 1000:.2f}")
        if sizes:
            fields.update(page_min=min(sizes), page_max=max(sizes), short_pages=sum(1 for s in sizes if s < 20))
        print(result_line(f"requests_{name}", **fields))
    print(result_line("cursor_walk", seconds=f"{walk_s:.1f}", walk_seconds_per_role=args.walk_seconds,
                      admin_pages=args.admin_pages,
                      manager_pages=args.manager_pages, technician_pages=args.technician_pages,
                      walkers_per_role=args.walkers_per_role))


def org_totals(api, admins):
    total_jobs = completed = 0
    for admin in admins:
        stats, _ = api.json("GET", "/api/dashboard/stats", admin["token"])
        total_jobs += stats["totalJobs"]
        completed += stats["completedToday"]
    return total_jobs, completed


def cmd_inbound(args):
    people = read_people(args.people)
    admins = [dict(p, token=mint(p)) for p in by_role(people, "admin")]
    api = Api(args.base)
    before, _ = org_totals(api, admins)
    target = before + args.count
    producer = subprocess.Popen(args.producer, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, polls, last_seen, progress = [], 0, before, []
    poll_started = None
    deadline = time.monotonic() + args.max_seconds
    visible_ms = None
    import threading

    def read_output():
        for line in producer.stdout:
            lines.append(line.rstrip("\n"))
    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    while time.monotonic() < deadline:
        if producer.poll() is not None and producer.returncode != 0:
            reader.join(5)
            raise SystemExit("the producer failed:\n" + "\n".join(lines[-40:]))
        total, _ = org_totals(api, admins)
        polls += 1
        now_ms = time.time() * 1000
        if poll_started is None and any(l.startswith("RESULT phase=inbound_send_start") for l in lines):
            poll_started = now_ms
        if total != last_seen:
            progress.append((now_ms, total - before))
            last_seen = total
        if total >= target:
            visible_ms = now_ms
            break
        time.sleep(args.poll_seconds)
    producer.wait(timeout=120)
    reader.join(10)
    for line in lines:
        if line.startswith("RESULT "):
            print(line)
        elif line.strip():
            print(f"producer: {line}", file=sys.stderr)
    sent = next((dict(kv.split("=", 1) for kv in l.split()[1:]) for l in lines
                 if l.startswith("RESULT phase=inbound_sent")), None)
    if sent is None:
        raise SystemExit("the producer printed no RESULT line")
    first = float(sent["first_send_epoch_ms"])
    acked = float(sent["all_acked_epoch_ms"])
    with open(args.progress_file, "w") as out:
        out.write("ms_after_first_send\tjobs_visible\n")
        out.write("".join(f"{t - first:.0f}\t{n}\n" for t, n in progress))
    if visible_ms is None:
        print(result_line("inbound", count=args.count, visible="NO", seen=last_seen - before,
                          waited_s=args.max_seconds, polls=polls))
        return
    seconds = (visible_ms - first) / 1000
    print(result_line("inbound", count=args.count, orgs=len(admins), total_before=before, total_after=target,
                      send_s=f"{(acked - first) / 1000:.2f}", visible_s=f"{seconds:.2f}",
                      events_per_s=f"{args.count / seconds:.0f}",
                      produce_rate=f"{args.count / max((acked - first) / 1000, 0.001):.0f}", polls=polls,
                      first_visible_ms=f"{progress[0][0] - first:.0f}" if progress else "-"))


TARGETS = [("stats", "GET /api/dashboard/stats", 20.0), ("feed_first", "feed first page (limit 20)", 20.0),
           ("feed_offset", "feed at offset 10,000", 20.0), ("feed_cursor", "feed by cursor", 20.0)]


def cmd_summarize(args):
    phases = {}
    with open(args.summary) as f:
        for line in f:
            if line.startswith("RESULT "):
                fields = dict(kv.split("=", 1) for kv in line.split()[1:])
                phases.setdefault(fields["phase"], []).append(fields)
    one = lambda name: phases.get(name, [{}])[0]
    idle = one("idle_wait")
    print(f"machine otherwise idle at start: {idle.get('idle', '?')} (waited {idle.get('waited_s', '?')} s); "
          f"heavy Java of others seen before: {', '.join(p for p in phases if p.endswith('.others')) or 'none'}; "
          f"waited for another benchmark before: "
          f"{', '.join(p for p in phases if p.endswith('.waited_for_other_bench')) or 'none'}")
    print()
    print("| run | role | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors | app cores | "
          "wrk cores | others | p99 <= 20 ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    runs = [p for p in phases if p.split("_")[0] in ("stats", "feed") and "." not in p and not p.endswith("warmup")
            and not p.startswith("feed_check")]
    for name in runs:
        r, c = one(name), one(name + ".cpu")
        if "p99_ms" not in r:
            continue
        run, role = name.rsplit("_", 1)
        errors = sum(int(r.get(k, 0)) for k in ("err_connect", "err_read", "err_write", "err_timeout"))
        ok = "PASS" if float(r["p99_ms"]) <= 20.0 and int(r["non2xx"]) == 0 and errors == 0 else "FAIL"
        print(f"| {run} | {role} | {r['requests']} | {r['rps']} | {r['p50_ms']} | {r['p90_ms']} | {r['p99_ms']} | "
              f"{r['max_ms']} | {r['non2xx']} | {errors} | {c.get('app_cores', '?')} | {c.get('loadgen_cores', '?')} | "
              f"{c.get('other_cores', '?')} | {ok} |")
    inbound = one("inbound")
    print()
    if inbound:
        if inbound.get("visible") == "NO":
            print(f"inbound: {inbound['count']} events NOT all visible after {inbound['waited_s']} s "
                  f"({inbound['seen']} seen) -> FAIL")
        else:
            rate = float(inbound["events_per_s"])
            print(f"inbound: {inbound['count']} job.created events over {inbound['orgs']} organisations; producer "
                  f"acked all in {inbound['send_s']} s; all visible in totalJobs {inbound['visible_s']} s after the "
                  f"first send -> {inbound['events_per_s']} events/s (target >= 2,000/s: "
                  f"{'PASS' if rate >= 2000 else 'FAIL'})")
        c = one("inbound.cpu")
        if c:
            print(f"  cpu: app {c.get('app_cores', '?')} cores, producer+poller {c.get('loadgen_cores', '?')}, "
                  f"others {c.get('other_cores', '?')}")
    else:
        skipped = one("inbound_skipped")
        print(f"inbound: NOT MEASURED ({skipped.get('reason', 'no result')})")
    export, rebuild = one("export"), one("rebuild")
    if export:
        print(f"export: {export['events']} events, {int(export['bytes']) / 1e6:.0f} MB in {export['seconds']} s -> "
              f"{export['events_per_s']} events/s, {export['mb_per_s']} MB/s; app memory: resident "
              f"{export['rss_before_mb']} MB before, peak {export['rss_peak_mb']} MB; heap in use peak "
              f"{export['heap_used_peak_mb']} MB, median {export['heap_used_median_mb']} MB")
    if rebuild:
        ok = float(rebuild["seconds"]) < 300 and rebuild["tables_differing"] == "none"
        print(f"rebuild of all projections: {rebuild['replayed']} events replayed ({rebuild['skipped']} skipped) in "
              f"{rebuild['seconds']} s -> {rebuild['events_per_s']} events/s; {rebuild['tables_identical']} of "
              f"{rebuild['tables']} tables identical (differing: {rebuild['tables_differing']}); resident peak "
              f"{rebuild['rss_peak_mb']} MB (target < 300 s, identical: {'PASS' if ok else 'FAIL'})")


# ---------------------------------------------------------------------------------------------- event history

def actuator(mgmt, method, path, timeout=30):
    """(status, body) of a request to the management port, which takes no token (it is not the public port)."""
    parsed = urllib.parse.urlparse(mgmt)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class MemorySampler:
    """Samples the app's resident set (/proc) and heap in use (actuator prometheus) every `interval` seconds."""

    def __init__(self, pid, mgmt, interval=0.5):
        import threading
        self.pid, self.mgmt, self.interval = pid, mgmt, interval
        self.rss_kb, self.heap_bytes = [], []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def rss(self):
        with open(f"/proc/{self.pid}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))

    def heap(self):
        text = actuator(self.mgmt, "GET", "/actuator/prometheus", timeout=5)[1].decode()
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line)

    def run(self):
        while not self.stopped.is_set():
            self.rss_kb.append(self.rss())
            self.heap_bytes.append(self.heap())
            self.stopped.wait(self.interval)

    def __enter__(self):
        self.before_rss_kb = self.rss()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join()

    def fields(self):
        return {"rss_before_mb": f"{self.before_rss_kb / 1024:.0f}", "rss_peak_mb": f"{max(self.rss_kb) / 1024:.0f}",
                "heap_used_peak_mb": f"{max(self.heap_bytes) / 1048576:.0f}",
                "heap_used_median_mb": f"{percentile(self.heap_bytes, 50) / 1048576:.0f}",
                "samples": len(self.rss_kb)}


def cmd_export(args):
    admin = by_role(read_people(args.people), "admin")[0]
    expected = int(psql(f"select count(*) from domain_event_entry "
                        f"where fieldops_event_org(meta_data) = '{admin['org_id']}'")[0][0])
    curl = ["curl", "-sS", "--fail", "-N", "-H", "Authorization: Bearer " + mint(admin),
            "-H", "Accept: application/x-ndjson", args.base + "/api/events"]
    with MemorySampler(args.pid, args.mgmt) as memory:
        started = time.perf_counter()
        fetch = subprocess.Popen(curl, stdout=subprocess.PIPE)
        count = subprocess.run(["wc", "-lc"], stdin=fetch.stdout, capture_output=True, text=True, check=True)
        fetch.stdout.close()
        if fetch.wait() != 0:
            raise SystemExit(f"curl {args.base}/api/events failed with {fetch.returncode}")
        seconds = time.perf_counter() - started
    lines, size = (int(n) for n in count.stdout.split())
    if lines != expected:
        raise SystemExit(f"the export had {lines} lines, the event store {expected} events of the organisation")
    print(result_line("export", events=lines, bytes=size, seconds=f"{seconds:.1f}",
                      events_per_s=f"{lines / seconds:.0f}", mb_per_s=f"{size / seconds / 1e6:.1f}",
                      bytes_per_event=f"{size / lines:.0f}", **memory.fields()))


def table_checksums(tables):
    """md5 over each table's rows in a fixed order: equal sums, equal tables."""
    return {table: psql(f"select count(*) || ':' || md5(coalesce(string_agg(md5(t::text), '' order by t::text), '')) "
                        f"from {table} t")[0][0] for table in tables}


def cmd_rebuild(args):
    def report():
        return json.loads(actuator(args.mgmt, "GET", "/actuator/projections")[1])

    tables = sorted({table for projection in report()["projections"] for table in projection["tables"]})
    checksums_before = table_checksums(tables)
    events = int(psql("select count(*) from domain_event_entry")[0][0])
    with MemorySampler(args.pid, args.mgmt, interval=1.0) as memory:
        started = time.perf_counter()
        status, body = actuator(args.mgmt, "POST", "/actuator/projections/all")
        if status != 202:
            raise SystemExit(f"POST /actuator/projections/all answered {status}: {body[:300]!r}")
        phase_started = {}  # phase -> seconds after the POST when a poll first saw it
        while True:
            time.sleep(1)
            state = report()["rebuild"]
            if state:
                phase_started.setdefault(state["phase"], time.perf_counter() - started)
            if state and not state["phase"] in ("REPLAYING", "INDEXING", "SWAPPING"):
                break
            if time.perf_counter() - started > args.max_seconds:
                raise SystemExit(f"the rebuild did not finish in {args.max_seconds} s: {state}")
        seconds = time.perf_counter() - started
    if state["phase"] != "DONE":
        raise SystemExit(f"the rebuild ended {state['phase']}: {state.get('error')}")
    checksums_after = table_checksums(tables)
    differing = [table for table in tables if checksums_before[table] != checksums_after[table]]
    for table in tables:
        print(result_line("rebuild_table", table=table, before=checksums_before[table], after=checksums_after[table]))
    print(result_line("rebuild", store_events=events, replayed=state["events"], skipped=state["skipped"],
                      seconds=f"{seconds:.1f}", replay_s=f"{phase_started.get('INDEXING', seconds):.0f}",
                      indexing_s=f"{phase_started.get('SWAPPING', seconds) - phase_started.get('INDEXING', seconds):.0f}", events_per_s=f"{state['events'] / seconds:.0f}",
                      tables=len(tables), tables_identical=len(tables) - len(differing),
                      tables_differing=",".join(differing) or "none", **memory.fields()))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    base = "http://127.0.0.1:28080"
    for name, func in (("seed-types", cmd_seed_types), ("refresh", cmd_refresh), ("check", cmd_check)):
        p = sub.add_parser(name)
        p.add_argument("--base", default=base)
        p.add_argument("--people", required=True)
        p.set_defaults(func=func)
        if name == "refresh":
            p.add_argument("--orgs", type=int, default=None, help="only the first N organisations")
    p = sub.add_parser("requests")
    p.add_argument("--base", default=base)
    p.add_argument("--people", required=True)
    p.add_argument("--out-dir", required=True)
    p.add_argument("--walkers-per-role", type=int, default=20)
    p.add_argument("--admin-pages", type=int, default=120, help="limit=100 pages walked per admin (12,000 rows)")
    p.add_argument("--manager-pages", type=int, default=60)
    p.add_argument("--technician-pages", type=int, default=60)
    p.add_argument("--walk-seconds", type=float, default=120, help="time budget of one role's walks")
    p.add_argument("--check-lines", type=int, default=200, help="lines of a file requested once to check them")
    p.set_defaults(func=cmd_requests)
    p = sub.add_parser("inbound")
    p.add_argument("--base", default=base)
    p.add_argument("--people", required=True)
    p.add_argument("--count", type=int, default=20_000)
    p.add_argument("--max-seconds", type=float, default=600)
    p.add_argument("--poll-seconds", type=float, default=0.25)
    p.add_argument("--progress-file", required=True)
    p.add_argument("producer", nargs=argparse.REMAINDER, help="the producer's command line, after --")
    p.set_defaults(func=cmd_inbound)
    for name, func in (("export", cmd_export), ("rebuild", cmd_rebuild)):
        p = sub.add_parser(name)
        p.add_argument("--base", default=base)
        p.add_argument("--mgmt", default="http://127.0.0.1:28081")
        p.add_argument("--people", required=True)
        p.add_argument("--pid", type=int, required=True, help="the app's process id (memory samples)")
        p.set_defaults(func=func)
        if name == "rebuild":
            p.add_argument("--max-seconds", type=float, default=1800)
    p = sub.add_parser("summarize")
    p.add_argument("summary")
    p.set_defaults(func=cmd_summarize)
    args = parser.parse_args()
    if getattr(args, "producer", None) and args.producer[:1] == ["--"]:
        args.producer = args.producer[1:]
    args.func(args)


if __name__ == "__main__":
    main()
