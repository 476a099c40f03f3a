-- the .. operator on a long string in a loop
return {
  rules = { { id = "concat-repeat.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local s = string.rep("x", 20000000)
    while true do local u = s .. "y" end
  end,
}
