-- Lua workload for the acceptance test: deterministic output only.
local function checksum(s)
  local h = 2166136261
  for i = 1, #s do
    h = ((h ~ s:byte(i)) * 16777619) & 0xffffffff
  end
  return string.format("%08x", h)
end

-- Tables and sorting.
local seed = 42
local function rand(n)
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed % n
end
local t = {}
for i = 1, 20000 do t[i] = rand(100000) end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print("sorted", ok, t[1], t[#t], t[10000])

-- Strings: building, formatting, patterns.
local parts = {}
for i = 1, 2000 do
  parts[#parts + 1] = string.format("%d:%s:%.3f", i, string.rep("ab", i % 7), i / 7)
end
local big = table.concat(parts, ",")
print("concat", #big, checksum(big))
local count = 0
for num, word in big:gmatch("(%d+):(a?b?a?b?)") do count = count + #word + (tonumber(num) % 3) end
print("gmatch", count)
local replaced, n = big:gsub("ab", "X")
print("gsub", n, checksum(replaced))
print("upper", checksum(big:upper()), big:find("100:", 1, true))

-- Closures and varargs.
local function counter()
  local c = 0
  return function(...) c = c + select("#", ...) + 1; return c end
end
local c1, c2 = counter(), counter()
for i = 1, 1000 do c1(i, i); c2() end
print("closures", c1(), c2())

-- Coroutines.
local gen = coroutine.wrap(function()
  local a, b = 0, 1
  for _ = 1, 80 do
    coroutine.yield(a)
    a, b = b, a + b
  end
end)
local fsum = 0
for _ = 1, 80 do fsum = (fsum + gen()) % 1000000007 end
print("fib", fsum)

-- Errors (longjmp) and pcall.
local caught = 0
for i = 1, 500 do
  local okp, err = pcall(function()
    if i % 3 == 0 then error({code = i}) end
    if i % 5 == 0 then error("string error " .. i) end
    local x = nil
    if i % 7 == 0 then return x.field end
    return i
  end)
  if not okp then caught = caught + 1 end
end
print("pcall", caught)

-- Metatables and GC.
local Vec = {}
Vec.__index = Vec
Vec.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, Vec) end
Vec.__tostring = function(v) return string.format("(%g,%g)", v.x, v.y) end
local acc = setmetatable({x = 0, y = 0}, Vec)
for i = 1, 50000 do acc = acc + setmetatable({x = i % 10, y = -(i % 3)}, Vec) end
collectgarbage("collect")
print("vec", tostring(acc))
local weak = setmetatable({}, {__mode = "k"})
for i = 1, 1000 do weak[{}] = i end
collectgarbage("collect")
local left = 0
for _ in pairs(weak) do left = left + 1 end
print("weak", left)

-- Integer/float math and utf8.
local s = 0
for i = 1, 100000 do s = s + (i * i) % 97 + math.floor(math.sqrt(i)) end
print("math", s, math.maxinteger // 3, 7 // 2, 7.5 // 2, 2^10, math.tointeger(3.0))
print("utf8", utf8.len("héllo wörld"), utf8.char(72, 228, 8364))
print("done")
