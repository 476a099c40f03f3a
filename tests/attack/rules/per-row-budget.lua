-- just under the per-call budget on every row (per-run budget)
return {
  rules = { { id = "per-row-budget.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_row = function(ctx, t, row) local i = 0 while i < 1900000 do i = i + 1 end end,
}
