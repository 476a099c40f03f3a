-- __gc finalizer that loops (the collector runs it with hooks off)
return {
  rules = { { id = "gc-loop.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) for i = 1, 1000 do setmetatable({}, { __gc = function() while true do end end }) end end,
}
