-- writes ctx.options for later rules
return {
  rules = { { id = "options-write.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  begin = function(ctx, report) ctx.options.lang = "en" ctx.options.rounding = "truncation-ok" end,
}
