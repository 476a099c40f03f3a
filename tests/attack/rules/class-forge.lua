-- other userdata passed where a row, a table, a report or a decimal is expected
-- (the engine knows its classes by a tag after their fields: internal.h).
-- Every call must be refused; then, and only then, the file stops with an
-- error of its own at its last line: a forged object accepted (or a set-up
-- that failed, or a crash of its process) leaves no such finding.
-- expect: every forged object was refused
local done = false

local function attack(ctx, t)
  local row = t:row(1)
  local others = {
    ctx.options,                               -- no bytes
    lakip.formulas({}),                        -- as long as a row
    lakip.formulas({ { num = "realisasi", den = "target" } }),
    lakip.terms({ "lkp.row1", "lkp.tab1" }),   -- the tags as text
    lakip.key_memo(function(s) return s end),
    decimal.new("1.5"),                        -- as long as a table view
  }
  local accepted = 0
  local function refused(f, ...) if pcall(f, ...) then accepted = accepted + 1 end end
  for i, x in ipairs(others) do
    refused(row.text, x, 1)                    -- a row expected
    refused(t.columns, x)                      -- a table expected
    refused(ctx.report.tables, x)              -- a report expected
    refused(ctx.emit, ctx, "class-forge.attack", x, {})
    if i < #others then                        -- a decimal expected
      refused(function() return decimal.new(1) + x end)
      if decimal.is(x) then accepted = accepted + 1 end
    end
  end
  -- the classes themselves, each where another is expected
  refused(row.text, t, 1)
  refused(row.text, others[6], 1)
  refused(t.columns, row)
  refused(t.columns, others[6])
  refused(ctx.report.tables, t)
  refused(function() return decimal.new(1) + t end)
  -- and the real ones are taken
  if not (pcall(row.text, row, 1) and pcall(t.columns, t) and decimal.is(others[6])) then accepted = accepted + 1 end
  return accepted
end

return {
  rules = { { id = "class-forge.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t)
    if done then return end
    done = true
    local ok, accepted = pcall(attack, ctx, t)
    if ok and accepted == 0 then error("every forged object was refused") end
  end,
}
