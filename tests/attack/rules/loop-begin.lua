-- endless loop in begin
return {
  rules = { { id = "attack.loop-begin", severity = "warning", title = "t", explanation = "e", message = "m" } },
  begin = function(ctx, report) repeat until false end,
}
