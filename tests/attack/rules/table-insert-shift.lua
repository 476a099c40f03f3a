-- table.insert at the front of a long list, repeated
return {
  rules = { { id = "table-insert-shift.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local a = {} for i = 1, 2000000 do a[i] = i end
    for i = 1, 1000000 do table.insert(a, 1, i) end
  end,
}
