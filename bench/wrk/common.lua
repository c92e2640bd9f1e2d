-- Shared by the wrk scripts of bench/run.sh: the bearer token from $BENCH_TOKEN and a done() that prints
-- one machine-readable RESULT line (latencies in ms, from wrk's own histogram, which is in microseconds).
local token = os.getenv("BENCH_TOKEN")
if token == nil or token == "" then
  error("BENCH_TOKEN is not set")
end
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"
-- BENCH_ACCEPT_ENCODING=gzip asks for a compressed body, as browsers do
local encoding = os.getenv("BENCH_ACCEPT_ENCODING")
if encoding ~= nil and encoding ~= "" then
  wrk.headers["Accept-Encoding"] = encoding
end
-- BENCH_IF_NONE_MATCH=<ETag> revalidates a list the client holds (a 304 while it is current)
local etag = os.getenv("BENCH_IF_NONE_MATCH")
if etag ~= nil and etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local function ms(us) return string.format("%.2f", us / 1000) end
  io.write(string.format(
    "RESULT phase=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s p999_ms=%s max_ms=%s "
      .. "mean_ms=%s non2xx=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d bytes=%d\n",
    os.getenv("BENCH_PHASE") or "wrk", summary.requests, seconds, summary.requests / seconds,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency:percentile(99.9)), ms(latency.max), ms(latency.mean),
    e.status, e.connect, e.read, e.write, e.timeout, summary.bytes))
end
