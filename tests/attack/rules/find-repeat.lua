-- string.find over a long string, repeated (linear C work per call)
return {
  rules = { { id = "find-repeat.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local s = string.rep("a", 20000000)
    for i = 1, 1000000 do string.find(s, "b", 1, true) end
  end,
}
