-- Issue-3 benchmark (bench/dashboard.sh): GET requests rotating through $BENCH_REQUESTS_FILE, one request a line as
-- "<bearer token><TAB><path>" (a token per organisation and role, so every organisation's data is asked for; for
-- the cursor runs the paths carry X-Next-Cursor values collected by a walk). Each thread starts at its own offset.
-- done() prints one machine-readable RESULT line like bench/wrk/common.lua (latencies in ms from wrk's histogram).
local lines = {}
local position = 0

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
end

function init(args)
  local path = os.getenv("BENCH_REQUESTS_FILE")
  if path == nil or path == "" then error("BENCH_REQUESTS_FILE is not set") end
  for line in io.lines(path) do
    local token, target = line:match("^([^\t]+)\t(.+)$")
    if token then lines[#lines + 1] = { token = token, path = target } end
  end
  if #lines == 0 then error("no requests in " .. path) end
  local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
  position = math.floor(((tid or 1) - 1) * #lines / threads)
end

function request()
  position = position % #lines + 1
  local r = lines[position]
  return wrk.format("GET", r.path, { ["Authorization"] = "Bearer " .. r.token, ["Accept"] = "application/json" })
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
