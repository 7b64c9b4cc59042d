-- (b) a page of 50 invoices filtered by date, amount and partner, as the seller's session (cookie).
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
wrk.headers["Cookie"] = "BTOB_SESSION=" .. os.getenv("BENCH_SESSION")
wrk.headers["Accept"] = "application/json"
