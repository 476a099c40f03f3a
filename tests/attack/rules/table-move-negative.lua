-- table.move over the whole negative range
return {
  rules = { { id = "table-move-negative.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) table.move({}, math.mininteger + 1, -1, 1) end,
}
