-- rules/rata.lua — "Rata-rata" rows: the average capaian a table states
-- under its indicators must be the mean of the capaian above it.
--
-- An average row is a row whose words (any text cell) are "Rata-rata",
-- "Rata-rata Capaian (Kinerja / Sasaran)", "Capaian Rata-rata" or "Nilai
-- Rata-rata", and that carries no target and realisasi of its own ("Rata-
-- rata Kelompok Binaan LPM" with its own numbers is an indicator). It
-- averages the capaian of the data rows above it, back to the table's
-- start or the previous average or total row. The mean is exact (sum / n);
-- the stated value is judged at its written precision like a capaian:
-- rounded half-up is right, truncated is info, a value within what the
-- rows' own rounding allows (each shown capaian stands for values within
-- half a unit of its last digit) is info, anything else an error.
local text = lib.text
-- (lib.formula is read where a finding needs it: this file's sandbox
-- makes it only then)

local function text_pair(id, en) return { id = id, en = en } end

-- Per table: the index of the first row after the last average/total row.
local starts = setmetatable({}, { __mode = "k" })

-- The row's label, or the words in its No, Sasaran or Program cell (a
-- merged "Rata-rata" cell may land in any of them).
local label_roles = { "no", "sasaran", "program" }

local function is_average(t, row)
  local tc = t:col("target") and row:cell("target")
  local rc = t:col("realisasi") and row:cell("realisasi")
  if (tc and tc.kind == "value") or (rc and rc.kind == "value") then return false end
  if text.is_average_label(row.label) then return true end
  for _, role in ipairs(label_roles) do
    if t:col(role) and text.is_average_label(row:text(role)) then return true end
  end
  return false
end

local half_unit = text.half_unit

-- The mean of the capaian of rows first..last (indexes), computed only
-- when an average row asks for it: other rows cost one look at their label.
-- Keeps the sum, the rounding slack of the values, their count and the
-- first few and the last for the message.
local function new_run() return { sum = decimal.new(0), slack = decimal.new(0), n = 0, shown = {} } end

local function add(run, v)
  run.sum = run.sum + v
  if v:scale() > 0 then run.slack = run.slack + half_unit(v) end
  run.n = run.n + 1
  if run.n <= 4 then run.shown[run.n] = v end
  run.last = v
end

local function collect(t, cc, first, last)
  local run = new_run()
  for i = first, last do
    local r = t:row(i)
    if r.kind == "data" and not text.is_average_label(r.label) then
      local c = r:cell(cc)
      if c.kind == "value" then add(run, c.value) end
    end
  end
  return run
end

-- verdict(t, c, run) -> nil when the stated average c is the mean (at its
-- written precision); else the rule ("arithmetic", "truncated",
-- "rounded-inputs") and the fields of the finding.
local function verdict(t, c, run)
  local n = run.n
  if n < 2 then return nil end
  local sum, slack = run.sum, run.slack
  local parts = {}
  for i, v in ipairs(run.shown) do parts[i] = text.num(v, t.style) end
  if n > 5 then parts[#parts + 1] = "…" end
  if n > 4 then parts[#parts + 1] = text.num(run.last, t.style) end
  local cv = c.value
  local p = cv:scale()
  local nd = decimal.new(n)
  local mean = sum:div(nd, p, "half_up")
  if mean == cv then return nil end
  local fields = {
    reported = c.text, expected = text.pct(mean, t.style), count = n,
    computation = "(" .. table.concat(parts, " + ") .. ") / " .. n .. " = "
                  .. lib.formula.exact_text(sum, nd, p, t.style) .. "%"
                  .. (mean * nd == sum and "" or (" ≈ " .. text.pct(mean, t.style))),
  }
  if sum:div(nd, p, "truncate") == cv then return "truncated", fields end
  -- each shown capaian may stand for a value up to half a unit away: the
  -- mean of the values behind them lies within slack / n of the mean shown
  local h = half_unit(cv)
  local lo, hi = sum - slack, sum + slack
  if lo <= (cv + h) * nd and hi >= (cv - h) * nd then
    fields.interval = text.num(lo:div(nd, p + 2, "truncate"), t.style) .. " … "
                      .. text.num(hi:div(nd, p + 2, "half_up"), t.style)
    return "rounded-inputs", fields
  end
  return "arithmetic", fields
end

local function check_average(ctx, t, row, c, run)
  if run.n >= 2 then ctx:recomputed(row) end     -- the mean (judged from two values), for the coverage
  local kind, fields = verdict(t, c, run)
  if kind then ctx:emit("rata." .. kind, row, fields) end
end

-- "... dengan rata-rata capaian 107,18% ...": the mean of the capaian
-- table right above the paragraph (average rows left out). A truncated or
-- rounded-input mean is accepted here: the table's own average row gets
-- those notes.
local function check_sentences(ctx, report)
  local tables = {}
  for _, t in report:tables() do
    local cc = t:col("capaian")
    if cc and t.row_count >= 2 then tables[#tables + 1] = { t = t, cc = cc } end
  end
  if #tables == 0 then return end
  for _, p in report:paragraphs() do
    local low = string.lower(p.text)
    -- both patterns need "capaian" and start with "rata": looked for
    -- plainly first, since most paragraphs have none and a pattern is
    -- tried at every byte; then tried from the first "rata" on (no match
    -- can start before it)
    local a, b, raw
    local at = string.find(low, "capaian", 1, true) and string.find(low, "rata", 1, true)
    if at then
      a, b, raw = string.find(low, "rata%-?%s*rata%s+capaian[^%d]-(%d[%d%.,]*%d)%s*%%", at)
      if not a then a, b, raw = string.find(low, "rata%-?%s*rata%s+capaian[^%d]-(%d)%s*%%", at) end
    end
    local v = raw and text.read_number(raw)
    if v then
      local above
      for _, x in ipairs(tables) do
        if x.t.file == p.file and x.t.line < p.line then above = x end
      end
      if above then
        local run = collect(above.t, above.cc, 1, above.t.row_count)
        if run.n >= 2 then ctx:recomputed({ file = p.file }) end
        local kind, fields = verdict(above.t, { value = v, text = raw .. "%" }, run)
        if kind == "arithmetic" then
          fields.table_place = lib.indikator.place(above.t.file, above.t.line)
          fields.quote = string.gsub(string.sub(p.text, math.max(1, a - 40), b), "%s+", " ")
          ctx:emit("rata.narrative", { file = p.file, line = p.line }, fields)
        end
      end
    end
  end
end

return {
  rules = {
    {
      id = "rata.narrative", severity = "warning",
      fields = { "reported", "table_place", "computation", "quote", "expected" },
      title = text_pair("Rata-rata capaian dalam narasi tidak sesuai dengan tabel", "Average capaian in the narrative does not follow from the table"),
      explanation = text_pair(
        "Kalimat \"rata-rata capaian … X%\" dibandingkan dengan rata-rata persis capaian tabel tepat di atasnya (baris rata-rata tidak ikut dihitung). Pemotongan dan pembulatan masukan diterima; selisih lain adalah salah hitung atau salah salin.",
        "A sentence \"rata-rata capaian … X%\" is compared with the exact mean of the capaian of the table right above it (average rows left out). Truncation and rounded inputs are accepted; any other difference is a miscalculation or a copying slip."),
      message = text_pair("Narasi menyebut rata-rata capaian {reported}, padahal tabel di {table_place}: {computation}. Kalimat: “…{quote}”",
                          "The narrative gives an average capaian of {reported}, but the table at {table_place}: {computation}. Sentence: “…{quote}”"),
      fix = text_pair("Tulis {expected}.", "Write {expected}."),
    },
    {
      id = "rata.arithmetic", severity = "error",
      fields = { "reported", "count", "computation", "expected" },
      title = text_pair("Rata-rata capaian tidak sesuai dengan baris di atasnya",
                        "Average capaian does not follow from the rows above"),
      explanation = text_pair(
        "Baris \"Rata-rata\" tanpa target dan realisasi sendiri dihitung ulang sebagai rata-rata persis dari capaian baris data di atasnya (sejak awal tabel atau baris rata-rata/jumlah sebelumnya), dibulatkan setengah ke atas pada jumlah desimal yang tertulis. Angka yang dilaporkan tidak dapat dihasilkan, juga tidak dengan pemotongan atau dari nilai sebelum pembulatan.",
        "A \"Rata-rata\" row without a target and realisasi of its own is recomputed as the exact mean of the capaian of the data rows above it (from the table's start or the previous average/total row), rounded half-up at the decimals written. The reported number cannot be produced, not by truncation nor from the values before rounding."),
      message = text_pair("Rata-rata dilaporkan {reported}, padahal rata-rata {count} capaian di atasnya: {computation}.",
                          "Average reported as {reported}, but the mean of the {count} capaian above: {computation}."),
      fix = text_pair("Tulis {expected}, atau sebutkan baris mana yang dirata-ratakan.",
                      "Write {expected}, or say which rows are averaged."),
    },
    {
      id = "rata.truncated", severity = "info",
      fields = { "reported", "computation", "expected" },
      title = text_pair("Rata-rata dipotong, bukan dibulatkan", "Average truncated instead of rounded"),
      explanation = text_pair("Rata-rata yang dilaporkan sama dengan rata-rata persis bila digit berikutnya dibuang, bukan dibulatkan.",
                              "The reported average equals the exact mean with the following digits dropped instead of rounded."),
      message = text_pair("Rata-rata dilaporkan {reported}: dipotong, bukan dibulatkan; {computation}.",
                          "Average reported as {reported}: truncated, not rounded; {computation}."),
      fix = text_pair("Tulis {expected}.", "Write {expected}."),
    },
    {
      id = "rata.rounded-inputs", severity = "info",
      fields = { "reported", "computation", "interval", "expected" },
      title = text_pair("Rata-rata dihitung dari capaian sebelum pembulatan", "Average computed from capaian before rounding"),
      explanation = text_pair("Setiap capaian yang ditampilkan mewakili nilai dalam setengah satuan digit terakhirnya. Rata-rata yang dilaporkan berbeda dengan rata-rata angka yang ditampilkan, tetapi berada dalam rentang rata-rata nilai sebelum pembulatan: bukan salah hitung.",
                              "Every capaian shown stands for a value within half a unit of its last digit. The reported average differs from the mean of the numbers shown but lies within the range of the mean of the values before rounding: not an arithmetic error."),
      message = text_pair("Rata-rata dilaporkan {reported}; {computation}, tetapi capaian sebelum pembulatan memberi {interval}%.",
                          "Average reported as {reported}; {computation}, but the capaian before rounding give {interval}%."),
      fix = text_pair("Hitung rata-rata dari angka yang ditampilkan ({expected}).", "Average the numbers shown ({expected})."),
    },
  },

  -- (finish reads only the narrative: not called for a report without one)
  needs = { finish = { paragraphs = 1 } },

  finish = function(ctx, report)
    if report.paragraph_count > 0 then check_sentences(ctx, report) end
  end,

  -- check_row acts only on total rows and on data rows whose label is
  -- empty or speaks of an average and whose target and realisasi hold no
  -- number (is_average), in a table with a capaian column: the engine
  -- tests that in C and skips the other rows (docs/RULES.md)
  rows = { only = {
    { columns = { "capaian" }, kind = "total" },
    { columns = { "capaian" }, kind = "data", label_empty = true, no_value = { "target", "realisasi" } },
    { columns = { "capaian" }, kind = "data", label_has = { "rata", "average" }, no_value = { "target", "realisasi" } },
  } },

  check_row = function(ctx, t, row)
    local cc = t:col("capaian")
    if not cc then return end
    if row.kind == "total" then starts[t] = row.index + 1; return end
    if row.kind ~= "data" then return end
    -- only a row whose label is empty or speaks of an average is read whole
    local label = row.label
    local maybe = not label or label == "" or string.find(label, "[Rr][Aa][Tt][Aa]")
                  or string.find(label, "[Rr][Ee][Rr][Aa][Tt][Aa]") or string.find(label, "[Aa][Vv][Ee][Rr][Aa][Gg][Ee]")
    if maybe and is_average(t, row) then
      local c = row:cell(cc)
      if c.kind == "value" then
        check_average(ctx, t, row, c, collect(t, cc, starts[t] or 1, row.index - 1))
      end
      starts[t] = row.index + 1
    end
  end,
}
