-- endless loop in finish
return {
  rules = { { id = "attack.loop-finish", severity = "warning", title = "t", explanation = "e", message = "m" } },
  finish = function(ctx, report) for i = 1, math.maxinteger do end end,
}
