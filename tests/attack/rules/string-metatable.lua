-- replaces the shared string metatable
return {
  rules = { { id = "string-metatable.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  begin = function(ctx, report) getmetatable("").__index = { find = function() return 1 end } end,
}
