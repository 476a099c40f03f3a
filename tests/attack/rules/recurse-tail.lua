-- endless tail recursion (no stack growth)
return {
  rules = { { id = "recurse-tail.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) local function f(n) return f(n + 1) end return f(1) end,
}
