-- catastrophic backtracking in string.find (a*a*...b)
return {
  rules = { { id = "pattern-find.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) string.find(string.rep("a", 3000), string.rep("a*", 40) .. "b") end,
}
