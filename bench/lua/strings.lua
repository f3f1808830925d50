-- String building: concatenation, table.concat, string.format, string.rep,
-- gsub/find/byte over the result.  Usage: lua strings.lua [N]
local N = tonumber(arg and arg[1]) or 200000

local parts = {}
for i = 1, N do
  parts[#parts + 1] = string.format("%d:%x;", i, i * 2654435761 % 4294967296)
end
local s = table.concat(parts)

local t = {}
for i = 1, N // 10 do
  local piece = "k" .. i .. "=" .. string.rep("ab", i % 7) .. "|"
  t[#t + 1] = piece:upper()
end
local s2 = table.concat(t, ",")

local acc = ""
for i = 1, N // 100 do
  acc = acc .. tostring(i % 10)
  if #acc > 4096 then acc = acc:sub(2049) end
end

local replaced, nrep = s:gsub("(%d+):", "%1=")
local count = 0
for _ in s2:gmatch("K%d+=") do count = count + 1 end

local h = 0
for i = 1, #replaced, 7 do
  h = (h * 31 + replaced:byte(i)) % 4294967291
end
print(#s, #s2, #acc, nrep, count, h)
