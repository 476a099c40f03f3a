-- 200 emits of a 20 MB string (copied into C memory)
return {
  rules = { { id = "emit-huge.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local big = string.rep("x", 20 * 1024 * 1024)
    for i = 1, 200 do ctx:emit("emit-huge.attack", t, { v = big }) end
  end,
}
