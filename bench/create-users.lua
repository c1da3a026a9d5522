-- wrk: POST /api/v1/users with a fresh e-mail address on every request (each creates an INVITED user and queues
-- an activation mail in the outbox, in one transaction). Counts the answers by status in each thread; done prints
-- the sums ("created: N", "other: N"), which the script compares with the rows in the database.
-- wrk abandons the requests in flight when its time is up, so their answers would go uncounted although the users
-- were created: after CREATE_SECONDS each connection asks GET /api/v1/me instead (counted as "tail"), and wrk runs
-- a few seconds longer than that, so every POST is answered before wrk stops.
local counter = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(os.time() * 100 + tid)
  prefix = string.format("u%d-%d", tid, math.random(1, 1e9))
  created = 0
  other = 0
  tail = 0
  deadline = os.time() + tonumber(os.getenv("CREATE_SECONDS") or "20")
end
request = function()
  if os.time() >= deadline then
    return wrk.format("GET", "/api/v1/me", {["Authorization"] = "Bearer " .. os.getenv("TOKEN")})
  end
  counter = counter + 1
  local body = string.format(
    '{"firstName":"Bench","lastName":"User","email":"%s-%d@bench.test","role":"STANDARD","description":"load"}',
    prefix, counter)
  return wrk.format("POST", "/api/v1/users", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  }, body)
end
response = function(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 200 then
    tail = tail + 1
  else
    other = other + 1
  end
end
done = function(summary, latency, requests)
  local c, o, t = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    o = o + thread:get("other")
    t = t + thread:get("tail")
  end
  io.write(string.format("created: %d\nother: %d\ntail: %d\nnon-2xx: %d\nsocket errors: %d\n", c, o, t,
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
