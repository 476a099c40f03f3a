-- raises a table as the error
return {
  rules = { { id = "attack.error-object", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) error({ "not a string" }) end,
}
