-- endless loop in begin
return {
  rules = { { id = "loop-begin.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  begin = function(ctx, report) repeat until false end,
}
