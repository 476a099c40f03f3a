-- catastrophic backtracking in string.gsub
return {
  rules = { { id = "pattern-gsub.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) string.gsub(string.rep("a", 3000), string.rep("a*", 40) .. "b", "") end,
}
