-- __close handler that loops while an error unwinds
return {
  rules = { { id = "close-loop.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    local x <close> = setmetatable({}, { __close = function() while true do end end })
    error("unwind")
  end,
}
