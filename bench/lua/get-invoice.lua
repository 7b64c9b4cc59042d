-- (a) GET one invoice as the seller's API client (bearer btob_sk_…); the URL names the invoice.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_SECRET")
wrk.headers["Accept"] = "application/json"
