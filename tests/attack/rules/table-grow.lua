-- a table grown until memory runs out
return {
  rules = { { id = "table-grow.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) local a = {} local i = 0 while true do i = i + 1 a[i] = { i } end end,
}
