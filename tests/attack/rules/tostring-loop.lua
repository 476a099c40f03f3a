-- __tostring metamethod that loops, called from C (tostring)
return {
  rules = { { id = "tostring-loop.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) tostring(setmetatable({}, { __tostring = function() while true do end end })) end,
}
