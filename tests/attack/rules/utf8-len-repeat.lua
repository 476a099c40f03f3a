-- utf8.len over a long string, repeated
return {
  rules = { { id = "utf8-len-repeat.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local s = string.rep("a", 20000000)
    for i = 1, 1000000 do utf8.len(s) end
  end,
}
