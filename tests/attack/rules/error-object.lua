-- raises a table as the error
return {
  rules = { { id = "error-object.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) error({ "not a string" }) end,
}
