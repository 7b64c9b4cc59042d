-- (c) place an order as the buyer's API client, each request with an Idempotency-Key of its own.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local threads = 0

function setup(thread)
   threads = threads + 1
   thread:set("id", threads)
end

local body = string.format('{"sellerId":"%s","title":"負荷試験の注文","lines":[' ..
   '{"description":"コピー用紙 A4 500枚","quantity":"10","unit":"箱","unitPrice":"480","taxCategory":"standard-10"},' ..
   '{"description":"ボールペン 黒","quantity":"20","unit":"本","unitPrice":"120","taxCategory":"standard-10"}]}',
   os.getenv("BENCH_SELLER"))
local headers = {
   ["Authorization"] = "Bearer " .. os.getenv("BENCH_SECRET"),
   ["Content-Type"] = "application/json",
   ["Accept"] = "application/json",
}
local run = os.time()
local sent = 0

function request()
   sent = sent + 1
   headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", run, id, sent)
   return wrk.format("POST", nil, headers, body)
end
