-- table.sort of millions of elements, repeated
return {
  rules = { { id = "sort-huge.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local a = {} for i = 1, 1000000 do a[i] = -i end
    while true do table.sort(a) end
  end,
}
