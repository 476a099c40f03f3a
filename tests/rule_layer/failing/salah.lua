-- tests/rule_layer/failing/salah.lua — a rule folder whose fixtures are
-- wrong on purpose: `lakip-audit rules test` must fail on each of them
-- (tests/rule_layer/run.sh). salah.lebih fires on a realisation above
-- its target; salah.tanpa-fixture has no fixture folder.
return {
  rules = {
    { id = "salah.lebih", severity = "info", fields = { "realisasi" },
      title = "lebih", explanation = "e", message = "realisasi {realisasi} di atas target" },
    { id = "salah.tanpa-fixture", severity = "info", title = "t", explanation = "e", message = "m" },
  },
  check_row = function(ctx, t, row)
    if row.kind ~= "data" then return end
    local target, realisasi = row:num("target"), row:num("realisasi")
    if target and realisasi and realisasi > target then
      ctx:emit("salah.lebih", row, { realisasi = realisasi })
    end
  end,
}
