-- table.sort comparator that loops
return {
  rules = { { id = "sort-comparator.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local a = {} for i = 1, 100 do a[i] = i end
    table.sort(a, function(x, y) while true do end end)
  end,
}
