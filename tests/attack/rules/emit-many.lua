-- millions of findings
return {
  rules = { { id = "emit-many.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_row = function(ctx, t, row)
    for i = 1, 1000000 do ctx:emit("emit-many.attack", row, { n = i, pad = string.rep("p", 200) }) end
  end,
}
