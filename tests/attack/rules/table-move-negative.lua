-- table.move over the whole negative range
return {
  rules = { { id = "attack.table-move-negative", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) table.move({}, math.mininteger + 1, -1, 1) end,
}
