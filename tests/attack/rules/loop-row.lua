-- endless loop in check_row (instruction budget per call)
return {
  rules = { { id = "loop-row.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_row = function(ctx, t, row) while true do end end,
}
