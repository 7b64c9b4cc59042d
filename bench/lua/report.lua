-- Shared by every scenario: optional pacing and the result line bench/run reads.
-- BENCH_RATE: requests per second of all connections together (0: as fast as they answer);
-- each connection waits its share between requests, jittered so they do not send in step.
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "1")

if rate > 0 then
   local mean = 1000 * connections / rate
   function delay()
      return mean * (0.5 + math.random())
   end
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format("BENCH %.1f %.2f %.2f %.2f %.2f %d %d\n",
      summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
      e.connect + e.read + e.write + e.timeout, e.status))
end
