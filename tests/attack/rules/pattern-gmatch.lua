-- catastrophic backtracking in string.gmatch
return {
  rules = { { id = "pattern-gmatch.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) for m in string.gmatch(string.rep("a", 3000), string.rep("a*", 40) .. "b") do end end,
}
