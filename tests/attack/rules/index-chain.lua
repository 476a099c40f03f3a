-- __index chain that never ends
return {
  rules = { { id = "attack.index-chain", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local a, b = {}, {}
    setmetatable(a, { __index = b }) setmetatable(b, { __index = a })
    return a.missing
  end,
}
