-- Lua workload of the code-base test (tests/codebases), run by a minimal
-- interpreter (lua_main.c) built with umsan-cc: strings, tables, closures,
-- coroutines, errors through pcall (longjmp), string.format, io (a temp file
-- written and read back with io.open / io.lines / read formats) and os.
-- The output must be identical to the native build's.
local tmp = assert(arg[1], "usage: lua workload.lua TMPFILE")

-- strings
local parts = {}
for i = 1, 200 do parts[#parts + 1] = string.format("%03d:%x:%5.2f", i, i * 37, i / 7) end
local s = table.concat(parts, ",")
print(#s, s:sub(1, 40), string.len(s), s:upper():sub(-20))
print(s:find("100:"), s:match("(%d+):(%x+):%s*([%d.]+)", 500))
local count = 0
for a, b in s:gmatch("(%d%d%d):(%x+)") do if tonumber(b, 16) % 3 == 0 then count = count + 1 end end
print("gmatch", count, (s:gsub("%d", "#", 10)):sub(1, 30))
print(string.rep("ab", 5, "-"), ("x"):byte(), string.char(72, 105), ("hello"):reverse())
print(string.format("%q %g %10.3f %-5d| %s %5.1s %c %o %e", "a\nb\0c", 1e300, math.pi, 42, true, "xyz", 65, 8, 12345.678))
print(string.format("%i %u %X %a", -3, 7, 255, 1.0))
print(utf8.char(72, 228, 8364), utf8.len("häl€"), #utf8.char(0x10FFFF))
local packed = string.pack("<i4 d z s1", -7, 2.5, "zero", "len")
print(#packed, string.unpack("<i4 d z s1", packed))

-- tables, sorting, metatables, closures
local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 1009 end
table.sort(t)
print(t[1], t[500], t[1000], #t)
table.sort(t, function(a, b) return a > b end)
print(t[1], t[2], table.unpack(t, 998, 1000))
local words = {}
for w in ("the quick brown fox jumps over the lazy dog the end"):gmatch("%a+") do words[w] = (words[w] or 0) + 1 end
local keys = {}
for k in pairs(words) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", words[k], " ") end
print()
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, V) end
V.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
local v = setmetatable({x = 1, y = 2}, V) + setmetatable({x = 10, y = 20}, V)
print(tostring(v), rawequal(v, v), select("#", 1, nil, 3))
local function counter() local n = 0; return function() n = n + 1; return n end end
local c1, c2 = counter(), counter()
c1(); c1()
print(c1(), c2())
table.insert(t, 1, -1); table.remove(t); print(t[1], #t, table.concat({1, 2, 3}, "+"))
local big = {}
for i = 1, 20000 do big[i] = {i, tostring(i)} end
big = nil
collectgarbage()
collectgarbage("step")

-- coroutines
local gen = coroutine.wrap(function()
  for i = 1, 5 do coroutine.yield(i * i) end
  return "done"
end)
local out = {}
for _ = 1, 6 do out[#out + 1] = tostring(gen()) end
print(table.concat(out, " "))
local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.resume(co), coroutine.status(co))
local bad = coroutine.create(function() error("inside coroutine") end)
print(coroutine.resume(bad))

-- errors (pcall / error / xpcall unwind with longjmp)
print(pcall(error, "plain"))
print(select(2, pcall(error, {code = 42})).code)
print(select(2, pcall(function() local x = nil; return x.field end)))
print(xpcall(function() error("deep " .. string.rep("x", 3)) end, function(m) return "handled: " .. m end))
local depth = 0
local function recurse(n) depth = n; if n == 0 then error("bottom") end return recurse(n - 1) + 1 end
print(pcall(recurse, 150), depth)
print(pcall(string.rep))
print(select("#", pcall(load, "return +")), load("syntax error here"))
print(load("return 1 + 2")())
local ok, e = pcall(function() return 1 < "x" end)
print(ok, e)

-- io: write a file, read it back in several ways
local f = assert(io.open(tmp, "w"))
for i = 1, 300 do f:write(string.format("line %d %s\n", i, string.rep("=", i % 40))) end
f:write("12 3.5 0x10 tail")
f:close()
local n, total = 0, 0
for line in io.lines(tmp) do n = n + 1; total = total + #line end
print("lines", n, total)
f = assert(io.open(tmp, "r"))
print(f:read("l"), f:read("L"), #f:read(100))
f:seek("set", 0)
local all = f:read("a")
print(#all, f:seek("cur"), f:seek("end"))
f:close()
f = assert(io.open(tmp, "r"))
f:seek("end", -16)
print(f:read("n", "n", "n", "l"))
f:close()
f = assert(io.open(tmp, "a+"))
f:write("appended\n")
f:seek("set", 0)
print(f:read(5))
f:close()
for l in io.lines(tmp, 64) do n = n + 1 end
print("chunks", n)
print(io.type(f), io.type(io.stdout), pcall(io.lines, tmp .. ".missing"))

-- os
print(os.remove(tmp), io.open(tmp) == nil, (select(2, os.remove(tmp))) ~= nil)
print(type(os.time()), type(os.clock()), os.getenv("UMSAN_WORKLOAD_UNSET"), os.getenv("HOME") ~= nil)
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.time({year = 2020, month = 1, day = 1, hour = 12}) ~= nil)
local d = os.date("*t", 0)
print(type(d.year), d.isdst ~= nil, os.difftime(10, 4))
print(math.floor(3.7), math.max(1, 9, 3), math.tointeger(8.0), 7 // 2, 7 % -3, 2 ^ 10, math.abs(-2), math.fmod(7, 3))
print(string.format("%.14g", math.sin(1) + math.sqrt(2) + math.log(10)))
print("done")
