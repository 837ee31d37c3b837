-- GETs the paths given after `--` in turn (search queries, or nginx files of
-- the same sizes), and reports like report.lua.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local paths = {}
local i = 0

function init(args)
  for _, p in ipairs(args) do paths[#paths + 1] = p end
  if #paths == 0 then error("rotate.lua: give the paths after --") end
  -- Threads start at different paths so they do not march in step.
  i = math.random(0, #paths - 1)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
