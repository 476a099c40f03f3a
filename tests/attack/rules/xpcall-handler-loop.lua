-- xpcall message handler that loops (Lua runs it with hooks off)
return {
  rules = { { id = "xpcall-handler-loop.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) xpcall(function() error("x") end, function(e) while true do end end) end,
}
