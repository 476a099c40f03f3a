-- __gc finalizer kept alive until lua_close, after the report is written
local keep
return {
  rules = { { id = "gc-at-close.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  begin = function(ctx, report) keep = setmetatable({}, { __gc = function() while true do end end }) end,
}
