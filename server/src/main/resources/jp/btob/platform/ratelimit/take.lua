-- Takes one token from each bucket in KEYS, in order, and stops at the first that is empty: the
-- buckets before it keep the token taken, the ones after it are not touched. All in one call, so
-- that every instance sees one count and a request costs one round trip whatever its buckets.
--
-- A bucket is a hash: s, the start of its window (ms); u, the tokens used in it. The whole capacity
-- comes back at the end of each window; windows follow one another from the bucket's first token.
-- ARGV: now (ms, the calling instance's clock); how long a bucket is kept once its window ends (ms);
-- then, for each key, its capacity and its period (ms).
-- Answers three numbers per bucket asked: 1 if a token was taken else 0, the tokens left, and the
-- milliseconds until the window ends.
local now = tonumber(ARGV[1])
local keep = tonumber(ARGV[2])
local answers = {}
for i, key in ipairs(KEYS) do
    local capacity = tonumber(ARGV[2 * i + 1])
    local period = tonumber(ARGV[2 * i + 2])
    local state = redis.call('HMGET', key, 's', 'u')
    local start = tonumber(state[1])
    local used = tonumber(state[2]) or 0
    if start == nil then
        start = now
        used = 0
    elseif now >= start + period then
        start = start + math.floor((now - start) / period) * period
        used = 0
    end
    -- An instance whose clock runs behind the one that opened the window never waits longer than a period.
    local left = math.min(start + period - now, period)
    if used >= capacity then
        answers[#answers + 1] = 0
        answers[#answers + 1] = 0
        answers[#answers + 1] = left
        return answers
    end
    used = used + 1
    redis.call('HSET', key, 's', string.format('%d', start), 'u', used)
    redis.call('PEXPIRE', key, string.format('%d', left + keep))
    answers[#answers + 1] = 1
    answers[#answers + 1] = capacity - used
    answers[#answers + 1] = left
end
return answers
