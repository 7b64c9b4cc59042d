-- A GET with no credentials: the probe (/livez), or the API answering 401 from its filter chain.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
wrk.headers["Accept"] = "application/json"
