-- xpcall handler that loops after the budget error
return {
  rules = { { id = "xpcall-handler-after-kill.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) xpcall(function() while true do end end, function(e) while true do end end) end,
}
