-- string.rep of 20 MB, repeated (allocation charged)
return {
  rules = { { id = "string-rep-repeat.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) while true do local s = string.rep("x", 20000000) end end,
}
