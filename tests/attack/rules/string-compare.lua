-- comparing two long strings in a loop (memcmp per instruction)
return {
  rules = { { id = "string-compare.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local a, b = string.rep("x", 12000000) .. "1", string.rep("x", 12000000) .. "2"
    local n = 0
    while true do if a < b then n = n + 1 end end
  end,
}
