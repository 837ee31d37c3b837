-- 95 % reads, 5 % writes: every 20th request of a thread registers a new
-- participant. Arguments after `--`: TOKEN POST_PATH RUN_ID READ_PATH...
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local token, post_path, run_id
local reads = {}
local n, i = 0, 0

function init(args)
  token, post_path, run_id = args[1], args[2], args[3]
  -- The warm-up and the measured run get the same arguments: a random part
  -- keeps their addresses apart ("already registered" would be a 422).
  local f = assert(io.open("/dev/urandom", "rb"))
  run_id = run_id .. "-" .. f:read(4):gsub(".", function(c) return string.format("%02x", c:byte()) end)
  f:close()
  for k = 4, #args do reads[#reads + 1] = args[k] end
  if #reads == 0 then error("mixed.lua: TOKEN POST_PATH RUN_ID READ_PATH...") end
  i = math.random(0, #reads - 1)
end

function request()
  n = n + 1
  if n % 20 == 0 then
    -- Thread id and counter make each email unique (one address may register
    -- only a few times an hour), and the organisation too (a meeting may cap
    -- registrations per organisation, as the demo's do).
    local body = string.format(
      '{"name":"Bench Mixed %d","email":"mixed-%s-%d-%d@bench.example",' ..
      '"organisation":"","other_organisation":"Bench %s-%d-%d","mode":"in_person",' ..
      '"dietary":"","accessibility":"","message":""}', n, run_id, tid, n, run_id, tid, n)
    return wrk.format("POST", post_path, {
      ["Host"] = wrk.headers["Host"],
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
    }, body)
  end
  i = i % #reads + 1
  return wrk.format("GET", reads[i])
end
