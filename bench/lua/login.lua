-- (d) password logins (no second factor) of the four demo users in turn.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local users = { "seller-admin", "seller-staff", "buyer-admin", "buyer-staff" }
local password = os.getenv("BENCH_PASSWORD")
local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
local sent = 0

function request()
   sent = sent + 1
   local body = string.format('{"loginId":"%s","password":"%s"}', users[sent % #users + 1], password)
   return wrk.format("POST", nil, headers, body)
end
