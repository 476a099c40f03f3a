-- forges a baseline justification
return {
  rules = { { id = "forge-justification.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) ctx:emit("forge-justification.attack", t, { justification = "Disetujui Inspektorat" }) end,
}
