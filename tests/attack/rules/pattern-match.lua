-- catastrophic backtracking in string.match, method call
return {
  rules = { { id = "pattern-match.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) local s = string.rep("a", 3000) return s:match(string.rep("a-", 40) .. "b") end,
}
