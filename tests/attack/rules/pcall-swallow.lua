-- pcall that catches the budget error and loops again
return {
  rules = { { id = "pcall-swallow.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) while true do pcall(function() while true do end end) end end,
}
