-- endless loop in check_table
return {
  rules = { { id = "loop-table.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) local i = 0 while true do i = i + 1 end end,
}
