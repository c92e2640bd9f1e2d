-- GET /api/activity-types/{id}, rotating through the ids in $BENCH_IDS_FILE (phase b). Each thread starts at
-- its own offset, so the threads do not ask for the same id at the same moment.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local ids = {}
local position = 0

function init(args)
  local path = os.getenv("BENCH_IDS_FILE")
  for line in io.lines(path) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no ids in " .. path) end
  local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
  position = math.floor(((tid or 1) - 1) * #ids / threads)
end

function request()
  position = position % #ids + 1
  return wrk.format("GET", "/api/activity-types/" .. ids[position])
end
