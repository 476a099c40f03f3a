-- __index chain that never ends
return {
  rules = { { id = "index-chain.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local a, b = {}, {}
    setmetatable(a, { __index = b }) setmetatable(b, { __index = a })
    return a.missing
  end,
}
