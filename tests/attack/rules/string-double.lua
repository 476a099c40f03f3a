-- a string doubled until memory runs out
return {
  rules = { { id = "string-double.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) local s = "x" while true do s = s .. s end end,
}
