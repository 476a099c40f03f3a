-- forges a baseline justification
return {
  rules = { { id = "attack.forge-justification", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) ctx:emit("attack.forge-justification", t, { justification = "Disetujui Inspektorat" }) end,
}
