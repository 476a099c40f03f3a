-- nested pcalls each swallowing the kill
return {
  rules = { { id = "pcall-nested.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local function deep(n) if n == 0 then while true do end end pcall(deep, n - 1) while true do end end
    deep(50)
  end,
}
