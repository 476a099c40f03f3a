-- table.concat of a long list, repeated
return {
  rules = { { id = "table-concat.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local a = {} for i = 1, 1000000 do a[i] = "xxxxxxxxxx" end
    while true do table.concat(a) end
  end,
}
