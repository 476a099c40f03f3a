-- xpcall handler that raises inside itself forever
return {
  rules = { { id = "xpcall-handler-recurse.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local h
    h = function(e) return select(2, xpcall(error, h, e)) end
    xpcall(error, h, "x")
    while true do end
  end,
}
