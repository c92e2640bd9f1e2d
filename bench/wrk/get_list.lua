-- GET /api/activity-types with the bench token (phase a).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
wrk.method = "GET"
wrk.path = "/api/activity-types"
