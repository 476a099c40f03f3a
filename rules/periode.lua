-- rules/periode.lua — month and quarter columns and their total.
--
-- Budget and output tables spread a year over its months (1 … 12,
-- Januari … Desember) or quarters (TW I … TW IV) and close with a Jumlah
-- column, or add cumulative columns ("s.d. TW III"). The Jumlah of a row
-- must be the sum of its period cells, and a cumulative cell the sum of the
-- periods up to it, at the precision the total is written with. Empty
-- period cells count as nothing spent or done yet; a row whose period cells
-- are all empty is not judged.
local text = lib.text
local ind = lib.indikator

local function text_pair(id, en) return { id = id, en = en } end

-- The period columns of t: { kind = { period = col } } (not cumulative),
-- the cumulative ones { { col, kind, period } }, and the Jumlah column.
local function layout(t)
  local plain, cumulative, total = {}, {}, nil
  for i, c in ipairs(t:columns()) do
    if c.role == "periode" and c.period then
      if c.cumulative then
        cumulative[#cumulative + 1] = { col = i, kind = c.period_kind, period = c.period, header = c.header }
      else
        plain[c.period_kind] = plain[c.period_kind] or {}
        plain[c.period_kind][c.period] = i
      end
    elseif c.role == "jumlah" and not total then
      total = { col = i, header = c.header }
    end
  end
  return plain, cumulative, total
end

-- Sum of the row's cells in columns cols[1..upto] (those present); nil when
-- none holds a number or one is unreadable.
local function sum(row, cols, upto)
  local s, any = nil, false
  for p = 1, upto do
    local col = cols[p]
    if col then
      local c = row:cell(col)
      if c.kind == "value" then
        s = s and s + c.value or c.value
        any = true
      elseif c.kind ~= "empty" and c.kind ~= "missing" then
        return nil
      end
    end
  end
  return any and s or nil
end

local function count(cols)
  local n = 0
  for _ in pairs(cols) do n = n + 1 end
  return n
end

return {
  rules = {
    {
      id = "periode.sum", severity = "error",
      fields = { "column", "reported", "periods", "expected" },
      title = text_pair("Jumlah tidak sama dengan jumlah per bulan/triwulan",
                        "Total differs from the sum of its months or quarters"),
      explanation = text_pair("Kolom Jumlah (atau kolom kumulatif \"s.d.\") sebuah baris harus sama dengan jumlah sel bulan/triwulan di baris itu, pada presisi yang tertulis.",
                              "The Jumlah column (or a cumulative \"s.d.\" column) of a row must equal the sum of the row's month or quarter cells, at the precision written."),
      message = text_pair("Kolom \"{column}\": tertulis {reported}, padahal jumlah {periods} = {expected}.",
                          "Column \"{column}\": {reported} is written, but the sum of {periods} is {expected}."),
      fix = text_pair("Periksa sel per periode dan jumlahnya.", "Check the period cells and their total."),
    },
  },

  check_table = function(ctx, t)
    if not ind.roles(t).periode then return end    -- nothing to add up (t:col's answer, shared)
    local plain, cumulative, total = layout(t)
    local checks = {}
    for kind, cols in pairs(plain) do
      if total and count(cols) >= 2 then
        local last = kind == "triwulan" and 4 or 12
        checks[#checks + 1] = { target = total.col, header = total.header, cols = cols, upto = last,
                                periods = kind == "triwulan" and "TW I–IV" or "bulan 1–12" }
      end
    end
    for _, c in ipairs(cumulative) do
      local cols = plain[c.kind]
      if cols and c.period >= 2 and count(cols) >= 2 then
        checks[#checks + 1] = { target = c.col, header = c.header, cols = cols, upto = c.period,
                                periods = (c.kind == "triwulan" and "TW 1–" or "bulan 1–") .. c.period }
      end
    end
    if #checks == 0 then return end
    for _, row in t:rows() do
      if row.kind ~= "group" then
        for _, k in ipairs(checks) do
          local reported = row:num(k.target)
          local s = reported and sum(row, k.cols, k.upto)
          if s then
            ctx:recomputed(row)         -- a column sum: counted for coverage
            local expected = s:round(reported:scale())
            if expected ~= reported then
              ctx:emit("periode.sum", row, {
                cell = k.target, column = k.header, periods = k.periods,
                reported = text.num(reported, t.style), expected = text.num(s, t.style),
              })
            end
          end
        end
      end
    end
  end,
}
