#!/usr/bin/env python3
"""Helpers of bench/run.sh (python3 standard library only).

Subcommands:
  token            print an HS256 JWT (claims of DESIGN §4) signed with $FIELDOPS_JWT_SECRET
  seed             bulk-import N activity types from a generated CSV, write their ids to a file
  count            print how many types GET /api/activity-types answers (and the body size and time)
  create-visible   sequential POST then GET-by-id, time from sending the POST to a 200 with the new name
  import           10,000-row CSV import, time until GET /api/activity-types lists every row
  cpu              print CPU seconds used so far by the app's process tree, by everything else and in total
  pids-in          print the pids of processes whose command line names the data dir
  summarize        print the results table and the targets from summary.txt
  busy             print the pids/commands of heavy Java processes of others (Maven, Surefire), if any

Every measurement prints one line `RESULT phase=... key=value ...` that run.sh collects into the summary.
Traffic goes only to the given base URL, which run.sh sets to 127.0.0.1.
"""
import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import random
import re
import string
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid


# ---------------------------------------------------------------------------------------------- tokens

def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def mint_token(secret: str, org_id: str, user_id: str, role: str, ttl_seconds: int) -> str:
    header = {"alg": "HS256", "typ": "JWT"}
    now = int(time.time())
    claims = {
        "sub": user_id,
        "role": "authenticated",
        "iat": now,
        "exp": now + ttl_seconds,
        "email": "bench-admin@fieldops.test",
        "app_metadata": {"org_id": org_id, "role": role},
        "user_metadata": {"full_name": "Bench Admin"},
    }
    signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode("utf-8"), signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + b64url(signature)


# ---------------------------------------------------------------------------------------------- http

class Api:
    """One keep-alive connection to the app; reconnects once when the server closed it."""

    def __init__(self, base_url: str, token: str, timeout: float = 120.0):
        parsed = urllib.parse.urlparse(base_url)
        if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"refusing to send traffic to {parsed.hostname}: the benchmark is local only")
        self.host, self.port, self.timeout = parsed.hostname, parsed.port or 80, timeout
        self.token = token
        self.conn = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.conn

    def request(self, method: str, path: str, body: bytes = None, content_type: str = None):
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        for attempt in (1, 2):
            try:
                conn = self._connection()
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.BadStatusLine):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(rank) - 1]


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def result_line(phase: str, **fields) -> str:
    return "RESULT phase=" + phase + "".join(f" {k}={v}" for k, v in fields.items())


def csv_body(prefix: str, count: int) -> bytes:
    lines = ["name,hourly_rate,xero_code"]
    for i in range(count):
        rate = f"{50 + (i % 150)}.{i % 100:02d}"
        lines.append(f"{prefix} {i:05d},{rate},{prefix[:18]}-{i:05d}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def run_tag() -> str:
    return "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(6))


# ---------------------------------------------------------------------------------------------- subcommands

def cmd_token(args):
    secret = os.environ.get("FIELDOPS_JWT_SECRET", "")
    if len(secret.encode("utf-8")) < 32:
        raise SystemExit("FIELDOPS_JWT_SECRET must be set and at least 32 bytes")
    print(mint_token(secret, args.org, args.user, args.role, args.ttl))


def cmd_seed(args):
    api = Api(args.base, os.environ["BENCH_TOKEN"])
    prefix = f"Seed {run_tag()}"
    body = csv_body(prefix, args.count)
    started = time.perf_counter()
    status, data = api.request("POST", "/api/activity-types/bulk-import", body, "text/csv")
    took = time.perf_counter() - started
    if status != 200:
        raise SystemExit(f"seed import answered {status}: {data[:500]!r}")
    result = json.loads(data)
    if result.get("imported") != args.count or result.get("errors"):
        raise SystemExit(f"seed import did not import every row: {json.dumps(result)[:500]}")
    status, data = api.request("GET", "/api/activity-types")
    types = json.loads(data)
    ids = [t["id"] for t in types if t["name"].startswith(prefix)]
    if len(ids) != args.count:
        raise SystemExit(f"after the seed import the list shows {len(ids)} of {args.count} seeded types")
    random.Random(42).shuffle(ids)
    with open(args.ids_file, "w") as out:
        out.write("\n".join(ids) + "\n")
    print(result_line("seed", rows=args.count, import_ms=fmt_ms(took), list_total=len(types)))


def cmd_count(args):
    api = Api(args.base, os.environ["BENCH_TOKEN"])
    started = time.perf_counter()
    status, data = api.request("GET", "/api/activity-types")
    took = time.perf_counter() - started
    if status != 200:
        raise SystemExit(f"GET /api/activity-types answered {status}")
    print(result_line(args.phase, types=len(json.loads(data)), body_bytes=len(data), single_get_ms=fmt_ms(took)))


def cmd_create_visible(args):
    api = Api(args.base, os.environ["BENCH_TOKEN"])
    tag = run_tag()
    visible, post_only, get_retries, failures = [], [], 0, 0
    deadline = time.monotonic() + args.max_seconds
    for i in range(args.iterations):
        if time.monotonic() > deadline:
            print(f"create-visible: stopped after {i} iterations ({args.max_seconds} s limit)", file=sys.stderr)
            break
        name = f"CtV {tag} {i:05d}"
        body = json.dumps({"name": name, "hourly_rate": 75.5}).encode()
        sent = time.perf_counter()
        status, data = api.request("POST", "/api/activity-types", body, "application/json")
        answered = time.perf_counter()
        if status != 201:
            failures += 1
            print(f"create-visible: POST answered {status}: {data[:300]!r}", file=sys.stderr)
            continue
        type_id = json.loads(data)["id"]
        seen = False
        for _ in range(10_000):  # tight retry loop, bounded (it should never be needed: read-your-writes)
            status, data = api.request("GET", f"/api/activity-types/{type_id}")
            if status == 200 and json.loads(data).get("name") == name:
                seen = True
                break
            get_retries += 1
            if time.perf_counter() - sent > 10:
                break
        if not seen:
            failures += 1
            continue
        visible.append(time.perf_counter() - sent)
        post_only.append(answered - sent)
    if not visible:
        raise SystemExit("create-visible: no successful iteration")
    with open(args.raw_file, "w") as out:
        out.write("create_to_visible_ms post_ms\n")
        for v, p in zip(visible, post_only):
            out.write(f"{v * 1000:.3f} {p * 1000:.3f}\n")
    print(result_line("create_visible", n=len(visible), failures=failures, get_retries=get_retries,
                      p50_ms=fmt_ms(percentile(visible, 50)), p90_ms=fmt_ms(percentile(visible, 90)),
                      p99_ms=fmt_ms(percentile(visible, 99)), max_ms=fmt_ms(max(visible)),
                      post_p50_ms=fmt_ms(percentile(post_only, 50)), post_p99_ms=fmt_ms(percentile(post_only, 99))))


class KafkaCounters(threading.Thread):
    """Samples the app's Kafka producer/consumer record counters (Prometheus, management port) every `interval` s,
    so an import's time can be split into: command (no event sent yet), publishing, and projection."""

    SENT = re.compile(r"^kafka_producer_record_send_total\{[^}]*\} (\S+)", re.M)
    CONSUMED = re.compile(r"^kafka_consumer_fetch_manager_records_consumed_total\{[^}]*\} (\S+)", re.M)

    def __init__(self, url, interval=0.5):
        super().__init__(daemon=True)
        if urllib.parse.urlparse(url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"refusing to scrape {url}: the benchmark is local only")
        self.url, self.interval, self.samples, self.stopped = url, interval, [], threading.Event()

    def sample(self):
        with urllib.request.urlopen(self.url, timeout=10) as response:
            text = response.read().decode()
        return (time.perf_counter(), sum(float(v) for v in self.SENT.findall(text)),
                sum(float(v) for v in self.CONSUMED.findall(text)))

    def run(self):
        while not self.stopped.is_set():
            try:
                self.samples.append(self.sample())
            except OSError:
                pass
            self.stopped.wait(self.interval)

    def stop(self):
        self.stopped.set()
        self.join(15)

    def phases(self, sent_at, events):
        """Seconds after sent_at: first event sent, all `events` sent, all consumed (to the sampling interval)."""
        if len(self.samples) < 2:
            return {}
        _, sent0, consumed0 = self.samples[0]
        out = {}
        for at, sent, consumed in self.samples[1:]:
            if "first_sent_s" not in out and sent > sent0:
                out["first_sent_s"] = f"{at - sent_at:.1f}"
            if "all_sent_s" not in out and sent >= sent0 + events:
                out["all_sent_s"] = f"{at - sent_at:.1f}"
            if "all_consumed_s" not in out and consumed >= consumed0 + events:
                out["all_consumed_s"] = f"{at - sent_at:.1f}"
        return out


def cmd_import(args):
    """`runs` imports with the list polled from the moment the POST is sent (the brief's measurement), then
    `control_runs` imports with nobody polling while the POST runs (one poll loop after its response), to show what
    the polling itself costs. Each run uses fresh names and xero codes."""
    token = os.environ["BENCH_TOKEN"]
    for run in range(1, args.runs + args.control_runs + 1):
        control = run > args.runs
        prefix = f"Imp{run} {run_tag()}"
        body = csv_body(prefix, args.rows)
        outcome = {"polls": 0, "poll_ms": []}
        done = threading.Event()

        def poll(sent_at):
            """GETs the list every 100 ms (from the end of one GET to the start of the next) until all rows show."""
            poller = Api(args.base, token, timeout=args.max_seconds)
            try:
                while time.perf_counter() - sent_at < args.max_seconds:
                    started = time.perf_counter()
                    status, data = poller.request("GET", "/api/activity-types")
                    outcome["poll_ms"].append((time.perf_counter() - started) * 1000)
                    outcome["polls"] += 1
                    if status == 200:
                        types = json.loads(data)
                        outcome["last_count"] = sum(1 for t in types if t["name"].startswith(prefix + " "))
                        if outcome["last_count"] == args.rows:
                            outcome.update(visible=time.perf_counter() - sent_at, list_total=len(types),
                                           list_bytes=len(data))
                            return
                    time.sleep(0.1)
            finally:
                poller.close()
                done.set()

        counters = KafkaCounters(args.metrics) if args.metrics else None
        if counters:
            counters.start()
            time.sleep(1.0)  # a baseline sample or two
        api = Api(args.base, token, timeout=args.max_seconds)
        sent = time.perf_counter()
        if not control:
            threading.Thread(target=poll, args=(sent,), daemon=True).start()
        status, data = api.request("POST", "/api/activity-types/bulk-import", body, "text/csv")
        request_took = time.perf_counter() - sent
        if control:
            poll(sent)
        done.wait(args.max_seconds + 30)
        api.close()
        phases = {}
        if counters:
            time.sleep(1.0)
            counters.stop()
            phases = counters.phases(sent, args.rows + 1)  # the rows' created events + the import's own event
        if status != 200:
            raise SystemExit(f"import run {run} answered {status}: {data[:500]!r}")
        result = json.loads(data)
        polls = outcome["poll_ms"]
        print(result_line("import", run=run, mode="control" if control else "polled", rows=args.rows,
                          imported=result.get("imported"), errors=len(result.get("errors", [])),
                          request_ms=fmt_ms(request_took),
                          visible_ms=fmt_ms(outcome["visible"]) if "visible" in outcome else "NOT_VISIBLE",
                          polls=outcome["polls"], poll_max_ms=f"{max(polls):.0f}" if polls else "-",
                          poll_mean_ms=f"{sum(polls) / len(polls):.0f}" if polls else "-",
                          list_total=outcome.get("list_total", "-"), list_bytes=outcome.get("list_bytes", "-"),
                          **phases))
        sys.stdout.flush()


def _proc_tree(roots):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    seen, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        todo.extend(children.get(pid, []))
    return seen


def _cpu_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return 0
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15 of proc(5))


def _pids_with(text):
    """Pids whose command line contains text (never this process itself)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if text.encode() in f.read():
                        pids.append(int(entry))
            except OSError:
                pass
    return pids


def cmd_cpu(args):
    """Prints: wall clock, CPU seconds of the app (JVM + embedded PostgreSQL, found by its data dir), of the whole
    machine, and of the JVM alone."""
    hz = os.sysconf("SC_CLK_TCK")
    roots = [args.pid] + _pids_with(args.data_dir)
    app = sum(_cpu_of(p) for p in _proc_tree(roots)) / hz
    jvm = _cpu_of(args.pid) / hz
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    busy = (sum(cpu) - cpu[3] - cpu[4]) / hz  # everything but idle and iowait
    print(f"{time.time():.3f} {app:.2f} {busy:.2f} {jvm:.2f}")


def cmd_busy(args):
    """Other engineers' heavy Java work: Maven/Surefire/Failsafe processes (always), and any other Java process that
    used at least --min-cores of CPU over a --sample-seconds sample. The app's own process tree is left out."""
    own = set(_proc_tree([args.pid])) if args.pid else set()
    own.add(os.getpid())

    def command_of(pid):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                return f.read().replace(b"\0", b" ")[:160].decode(errors="replace").strip()
        except OSError:
            return None

    hits = {}
    for marker in ("surefire", "failsafe", "org.codehaus.plexus.classworlds.launcher.Launcher"):
        for pid in _pids_with(marker):
            command = command_of(pid)
            if pid not in own and command and "bench.py" not in command:
                hits[pid] = command
    java = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in own:
            try:
                with open(f"/proc/{entry}/comm") as f:
                    if f.read().strip() == "java":
                        java.append(int(entry))
            except OSError:
                pass
    before = {pid: _cpu_of(pid) for pid in java}
    time.sleep(args.sample_seconds)
    hz = os.sysconf("SC_CLK_TCK")
    for pid in java:
        cores = (_cpu_of(pid) - before[pid]) / hz / args.sample_seconds
        if cores >= args.min_cores:
            command = command_of(pid)
            if command:
                hits[pid] = f"{command} [{cores:.2f} cores]"
    print("\n".join(f"{pid} {command}" for pid, command in sorted(hits.items())))


def cmd_pids_in(args):
    """Processes started from the run's own data dir (an embedded PostgreSQL that outlived its JVM)."""
    print(" ".join(str(p) for p in _pids_with(args.data_dir)))


TARGETS = {
    "get_list": ("GET /api/activity-types p99 <= 10 ms (32 connections, 1,000 types)", "p99_ms", 10.0),
    "get_list_gzip": ("GET /api/activity-types, gzip, p99 <= 10 ms (32 connections, 1,000 types)", "p99_ms", 10.0),
    "get_list_304": ("GET /api/activity-types, revalidated (If-None-Match: 304), p99 <= 10 ms (32 connections)",
                     "p99_ms", 10.0),
    "get_by_id": ("GET /api/activity-types/{id} p99 <= 10 ms (32 connections)", "p99_ms", 10.0),
    "create_visible": ("create visible to GET p99 <= 200 ms", "p99_ms", 200.0),
}


def per_request(total, requests, scale=1):
    try:
        return f"{float(total) * scale / int(requests):.1f}"
    except (TypeError, ValueError, ZeroDivisionError):
        return "?"


def cmd_summarize(args):
    phases = {}
    with open(args.summary) as f:
        for line in f:
            if line.startswith("RESULT "):
                fields = dict(kv.split("=", 1) for kv in line.split()[1:])
                phases.setdefault(fields["phase"], []).append(fields)

    def one(name):
        return phases.get(name, [{}])[0]

    idle = one("start.idle_wait") or one("idle_wait")
    not_idle = [p[:-len(".idle_wait")] for p in phases if p.endswith(".idle_wait") and one(p).get("idle") == "no"]
    waits = sum(int(one(p).get("waited_s", 0)) for p in phases if p.endswith(".idle_wait"))
    disturbed = [f"{p[:-4]} ({one(p)['other_cores']} cores)" for p in phases
                 if p.endswith(".cpu") and float(one(p).get("other_cores", 0)) > 0.15]
    print(f"machine otherwise idle at start: {idle.get('idle', '?')}; waited for others {waits} s in all; "
          f"others still busy when a phase started: {', '.join(not_idle) or 'none'}")
    print(f"phases during which other processes used > 0.15 cores: {', '.join(disturbed) or 'none'}")
    print()
    print(f"{'phase':<16} {'conns':>5} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'non2xx':>6} {'errors':>6} {'app cores':>9} {'(pg)':>5} {'loadgen':>7} {'others':>6} "
          f"{'app CPU ms/req':>14} {'db tx/req':>9}")
    conns = {"get_list": 32, "get_list_gzip": 32, "get_list_304": 32, "get_by_id": 32}
    for name in [p for p in phases if p in conns or (p.startswith("post_c") and "." not in p)]:
        r, c = one(name), one(name + ".cpu")
        errors = sum(int(r.get(k, 0)) for k in ("err_connect", "err_read", "err_write", "err_timeout"))
        print(f"{name:<16} {conns.get(name, name[6:]):>5} {r['requests']:>9} {r['rps']:>8} {r['p50_ms']:>8} "
              f"{r['p90_ms']:>8} {r['p99_ms']:>8} {r['max_ms']:>8} {r['non2xx']:>6} {errors:>6} "
              f"{c.get('app_cores', '?'):>9} {c.get('postgres_cores', '?'):>5} {c.get('loadgen_cores', '?'):>7} "
              f"{c.get('other_cores', '?'):>6} {per_request(c.get('app_cpu_s'), r['requests'], 1000):>14} "
              f"{per_request(c.get('db_xacts'), r['requests']):>9}")
    cv = one("create_visible")
    if cv:
        print()
        print(f"create-to-visible ({cv['n']} sequential, {cv['failures']} failures, {cv['get_retries']} GET retries): "
              f"p50 {cv['p50_ms']} ms, p90 {cv['p90_ms']} ms, p99 {cv['p99_ms']} ms, max {cv['max_ms']} ms "
              f"(POST alone p50 {cv['post_p50_ms']} ms, p99 {cv['post_p99_ms']} ms)")
        c = one("create_visible.cpu")
        print(f"  cpu: app {c.get('app_cores', '?')} cores (postgres {c.get('postgres_cores', '?')}), load generator "
              f"{c.get('loadgen_cores', '?')}, others {c.get('other_cores', '?')}; app CPU per iteration "
              f"{per_request(c.get('app_cpu_s'), cv['n'], 1000)} ms, db transactions per iteration "
              f"{per_request(c.get('db_xacts'), cv['n'])}")
    imports = phases.get("import", [])
    if imports:
        print()
        print(f"{'import run':<10} {'mode':<8} {'rows':>6} {'imported':>8} {'request s':>9} {'visible s':>9} "
              f"{'polls':>5} {'poll ms':>8} {'list size':>9}   split (s after send: first event sent / all sent / "
              f"all projected)")
        for r in imports:
            vis = r["visible_ms"]
            vis_s = f"{float(vis) / 1000:.2f}" if vis != "NOT_VISIBLE" else vis
            print(f"{r['run']:<10} {r.get('mode', '?'):<8} {r.get('rows', '?'):>6} {r['imported']:>8} "
                  f"{float(r['request_ms']) / 1000:>9.2f} {vis_s:>9} {r['polls']:>5} "
                  f"{r.get('poll_mean_ms', '-') + '/' + r.get('poll_max_ms', '-'):>8} {r.get('list_total', '?'):>9}   "
                  f"{r.get('first_sent_s', '?')} / {r.get('all_sent_s', '?')} / {r.get('all_consumed_s', '?')}")
        c = one("import.cpu")
        print(f"  cpu over all runs: app {c.get('app_cores', '?')} cores (postgres {c.get('postgres_cores', '?')}), "
              f"load generator {c.get('loadgen_cores', '?')}, others {c.get('other_cores', '?')}; "
              f"db transactions {c.get('db_xacts', '?')}")
    for name in ("list_before_get", "list_after_post", "list_final"):
        r = one(name)
        if r:
            print(f"{name}: {r['types']} types, {r['body_bytes']} bytes, one GET {r['single_get_ms']} ms")
    print()
    print("targets:")
    for phase, (label, key, limit) in TARGETS.items():
        r = one(phase)
        if key in r:
            value = float(r[key])
            print(f"  {'PASS' if value <= limit else 'FAIL'}  {label}: {value:.2f} ms")
    polled = [r for r in imports if r.get("mode", "polled") == "polled"]
    if polled:
        worst = max((float(r["visible_ms"]) if r["visible_ms"] != "NOT_VISIBLE" else float("inf")) for r in polled)
        print(f"  {'PASS' if worst <= 10_000 else 'FAIL'}  {polled[0].get('rows', '?')}-row import visible in GET "
              f"within 10 s: worst of {len(polled)} runs {worst / 1000:.2f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    base = "http://127.0.0.1:18080"

    p = sub.add_parser("token")
    p.add_argument("--org", required=True)
    p.add_argument("--user", default=str(uuid.uuid4()))
    p.add_argument("--role", default="admin")
    p.add_argument("--ttl", type=int, default=6 * 3600)
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("seed")
    p.add_argument("--base", default=base)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--ids-file", required=True)
    p.set_defaults(func=cmd_seed)

    p = sub.add_parser("count")
    p.add_argument("--base", default=base)
    p.add_argument("--phase", default="count")
    p.set_defaults(func=cmd_count)

    p = sub.add_parser("create-visible")
    p.add_argument("--base", default=base)
    p.add_argument("--iterations", type=int, default=500)
    p.add_argument("--max-seconds", type=float, default=600)
    p.add_argument("--raw-file", required=True)
    p.set_defaults(func=cmd_create_visible)

    p = sub.add_parser("import")
    p.add_argument("--base", default=base)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--rows", type=int, default=10_000)
    p.add_argument("--control-runs", type=int, default=1)
    p.add_argument("--metrics", help="Prometheus URL of the app (management port) for the phase split")
    p.add_argument("--max-seconds", type=float, default=300)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("cpu")
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--data-dir", required=True)
    p.set_defaults(func=cmd_cpu)

    p = sub.add_parser("busy")
    p.add_argument("--pid", type=int, default=0, help="the app's pid: its process tree is not 'other'")
    p.add_argument("--sample-seconds", type=float, default=3.0)
    p.add_argument("--min-cores", type=float, default=0.25)
    p.set_defaults(func=cmd_busy)

    p = sub.add_parser("pids-in")
    p.add_argument("data_dir")
    p.set_defaults(func=cmd_pids_in)

    p = sub.add_parser("summarize")
    p.add_argument("summary")
    p.set_defaults(func=cmd_summarize)

    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
