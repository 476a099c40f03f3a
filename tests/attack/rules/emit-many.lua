-- millions of findings
return {
  rules = { { id = "attack.emit-many", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_row = function(ctx, t, row)
    for i = 1, 1000000 do ctx:emit("attack.emit-many", row, { n = i, pad = string.rep("p", 200) }) end
  end,
}
