-- rawset on ctx.options
return {
  rules = { { id = "options-rawset.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  begin = function(ctx, report) rawset(ctx.options, "rounding", "truncation-ok") end,
}
