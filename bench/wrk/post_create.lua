-- POST /api/activity-types with a name unique per request: run tag + thread id + counter + random (phase c).
-- The run tag ($BENCH_RUN_TAG) keeps the names of the warm-up and of each run apart.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
wrk.headers["Content-Type"] = "application/json"

local counter = 0
local tag = os.getenv("BENCH_RUN_TAG") or tostring(os.time())

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

function request()
  counter = counter + 1
  local name = string.format("Bench %s t%d n%d r%06d", tag, tid or 0, counter, math.random(0, 999999))
  local rate = string.format("%d.%02d", 40 + counter % 200, counter % 100)
  return wrk.format("POST", "/api/activity-types", nil,
    '{"name":"' .. name .. '","hourly_rate":' .. rate .. '}')
end
