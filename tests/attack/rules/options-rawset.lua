-- rawset on ctx.options
return {
  rules = { { id = "attack.options-rawset", severity = "warning", title = "t", explanation = "e", message = "m" } },
  begin = function(ctx, report) rawset(ctx.options, "rounding", "truncation-ok") end,
}
