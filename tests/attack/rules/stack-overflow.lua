-- unbounded recursion
return {
  rules = { { id = "stack-overflow.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) local function f(n) return 1 + f(n + 1) end return f(1) end,
}
