-- table.move over 2^62 indices
return {
  rules = { { id = "table-move.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) table.move({}, 1, 1 << 62, 2) end,
}
