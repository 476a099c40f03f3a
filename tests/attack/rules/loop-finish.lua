-- endless loop in finish
return {
  rules = { { id = "loop-finish.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  finish = function(ctx, report) for i = 1, math.maxinteger do end end,
}
