-- Naive recursive Fibonacci (calls, integer arithmetic) plus a memoized
-- table version.  Usage: lua fib.lua [N]
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local N = tonumber(arg and arg[1]) or 30
print(string.format("fib(%d) = %d", N, fib(N)))

local memo = {}
local function mfib(n)
  if n < 2 then return n end
  local v = memo[n]
  if v then return v end
  v = (mfib(n - 1) + mfib(n - 2)) % 1000000007
  memo[n] = v
  return v
end
local acc = 0
for i = 1, 200 * N do
  memo = {}
  acc = (acc + mfib(i % 90 + 2)) % 1000000007
end
print("memo checksum " .. acc)
