-- binary-trees (Computer Language Benchmarks Game), single-threaded.
-- Usage: lua binary_trees.lua [MAXDEPTH]
local function bottom_up_tree(depth)
  if depth > 0 then
    depth = depth - 1
    return { bottom_up_tree(depth), bottom_up_tree(depth) }
  else
    return {}
  end
end

local function item_check(tree)
  if tree[1] then
    return 1 + item_check(tree[1]) + item_check(tree[2])
  else
    return 1
  end
end

local N = tonumber(arg and arg[1]) or 15
local mindepth = 4
local maxdepth = math.max(mindepth + 2, N)

local stretch = maxdepth + 1
io.write("stretch tree of depth ", stretch, "\t check: ",
         item_check(bottom_up_tree(stretch)), "\n")

local long_lived = bottom_up_tree(maxdepth)

for depth = mindepth, maxdepth, 2 do
  local iterations = 2 ^ (maxdepth - depth + mindepth)
  local check = 0
  for _ = 1, iterations do
    check = check + item_check(bottom_up_tree(depth))
  end
  io.write(string.format("%d\t trees of depth %d\t check: %d\n",
                         iterations, depth, check))
end

io.write("long lived tree of depth ", maxdepth, "\t check: ",
         item_check(long_lived), "\n")
