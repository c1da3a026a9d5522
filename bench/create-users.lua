-- wrk: POST /api/v1/users with a fresh e-mail address on every request (each creates an INVITED user and queues
-- an activation mail in the outbox, in one transaction).
local counter = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(os.time() * 100 + tid)
  prefix = string.format("u%d-%d", tid, math.random(1, 1e9))
end
request = function()
  counter = counter + 1
  local body = string.format(
    '{"firstName":"Bench","lastName":"User","email":"%s-%d@bench.test","role":"STANDARD","description":"load"}',
    prefix, counter)
  return wrk.format("POST", "/api/v1/users", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  }, body)
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
