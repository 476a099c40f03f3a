-- rules/konsistensi.lua — one indicator, several tables, one set of
-- numbers. A report repeats its indicators: the Perjanjian Kinerja (PK)
-- realisasi table, the IKU table of each urusan, the detail tables of Bab
-- III. Wherever an indicator appears, its target, realisasi and capaian
-- for the report year must be the same numbers, in the same unit.
--
-- Names are matched with lib.indikator.loose_key (documented there:
-- rewordings such as "% X" for "Persentase X", nothing fuzzy).
-- Each place is compared with one reference place, the PK realisasi table
-- when the indicator is in it (the PK is the commitment the other tables
-- report on), else a PK or IKU table; so a finding always names both places
-- and both values, and an indicator in five tables gives at most four
-- findings, not ten. Two detail tables are not compared with each other:
-- activity names ("Jumlah peserta ...") repeat between programs, PK and
-- IKU names do not. A table whose caption names another year only
-- ("Capaian Kinerja Tahun 2018") is left out. Values are compared as exact
-- decimals, "6,50" = "6,5", and a percent sign alone is no difference
-- ("117,50%" = "117,50 %" = "117,50"); a unit is compared only when both
-- places write one. The Renstra is not compared here: renstra.lua checks
-- the targets against it. Two rows of one table are duplikat.lua's.
local ind = lib.indikator

local function text_pair(id, en) return { id = id, en = en } end

local measures = { "target", "realisasi", "capaian" }

-- The value cell of `role` in occurrence o, or nil.
-- Read once per place and role (false: none): the references are asked
-- again for every place they are compared with.
local function value_cell(o, role)
  local cells = o.cells
  if not cells then
    cells = {}
    o.cells = cells
  end
  local c = cells[role]
  if c == nil then
    local col = o.cols[role]
    c = col and o.row:cell(col)
    c = c and c.kind == "value" and c or false
    cells[role] = c
  end
  return c or nil
end

-- "65 = 6,5 × 10" notes for a pair of values, or "".
local function shift_note(a, b)
  local k = ind.shift(a.value, b.value)
  if not k then return "", "" end
  local places = math.abs(k)
  return " (koma desimal tampaknya bergeser " .. places .. " tempat)",
         " (the decimal point looks shifted by " .. places .. " place" .. (places > 1 and "s" or "") .. ")"
end

-- The unit of occurrence o's `role` value c (see lib.indikator.unit_of).
local function unit_of(o, c)
  local satuan = o.cols.satuan and o.row:text(o.cols.satuan) or nil
  return ind.unit_of(c, satuan)
end

local function where(ref)
  return {
    other_table = ref.table.caption or "",
    other_place = ind.place(ref.table.file, ref.row.line),
    other_line = ref.row.line,
    other_indicator = ref.row:text("indikator"),
  }
end

-- Groups { role, ref, ... } entries by their reference, in measure order.
local function group(entries)
  local by, order_ = {}, {}
  for _, e in ipairs(entries) do
    if not by[e.ref] then
      by[e.ref] = {}
      order_[#order_ + 1] = e.ref
    end
    local g = by[e.ref]
    g[#g + 1] = e
  end
  return by, order_
end

-- Compares occurrence o with the value references (vrefs) and, when no
-- value differs, the unit references (urefs); one finding per reference.
local function compare(ctx, o, vrefs, urefs)
  local values = {}
  for _, role in ipairs(measures) do
    local ref = vrefs[role]
    local a = ref and ref.table ~= o.table and value_cell(o, role)
    local b = a and value_cell(ref, role)
    if b then ctx:compared(o.row) end            -- with the other table
    if b and a.value ~= b.value then
      local nid, nen = shift_note(a, b)
      values[#values + 1] = { role = role, ref = ref, here = a.text, there = b.text, note_id = nid, note_en = nen }
    end
  end
  if #values > 0 then
    local by, refs = group(values)
    for _, ref in ipairs(refs) do
      local id, en = {}, {}
      for _, d in ipairs(by[ref]) do
        id[#id + 1] = d.role .. " " .. d.here .. " ≠ " .. d.there .. d.note_id
        en[#en + 1] = d.role .. " " .. d.here .. " ≠ " .. d.there .. d.note_en
      end
      local fields = where(ref)
      fields.diff_id, fields.diff_en = table.concat(id, "; "), table.concat(en, "; ")
      fields.reported, fields.other_value = by[ref][1].here, by[ref][1].there
      ctx:emit("konsistensi.value", o.row, fields)
    end
    return
  end
  -- same numbers: are they in the same unit? (a bare number has none)
  local units = {}
  for _, role in ipairs({ "target", "realisasi" }) do
    local ref = urefs[role]
    local a = ref and ref.table ~= o.table and value_cell(o, role)
    local b = a and value_cell(ref, role)
    if b and a.value == b.value then
      local ua, ub = unit_of(o, a), unit_of(ref, b)
      if ua and ub and ua ~= ub then
        units[#units + 1] = { role = role, ref = ref, here = a.text, there = b.text }
      end
    end
  end
  local by, refs = group(units)
  for _, ref in ipairs(refs) do
    local parts = {}
    for _, d in ipairs(by[ref]) do parts[#parts + 1] = d.role .. " " .. d.here .. " ≠ " .. d.there end
    local fields = where(ref)
    fields.diff = table.concat(parts, "; ")
    ctx:emit("konsistensi.unit", o.row, fields)
  end
end

return {
  rules = {
    {
      id = "konsistensi.value", severity = "warning",
      fields = { "other_table", "other_place", "diff_id", "diff_en" },
      title = text_pair("Indikator yang sama, angka berbeda di tabel lain",
                        "Same indicator, different numbers in another table"),
      explanation = text_pair(
        "Indikator yang sama (nama dibandingkan tanpa membedakan huruf besar, penomoran, tanda baca, salah ketik yang lazim, urutan kata, % untuk persentase dan singkatan yang hanya punya satu arti seperti Ops = operasional: lib.indikator.loose_key) muncul di beberapa tabel laporan, misalnya tabel realisasi Perjanjian Kinerja, tabel IKU per urusan dan tabel rinci Bab III. Target, realisasi dan capaiannya untuk tahun laporan harus sama di semua tabel. Setiap tempat dibandingkan dengan tabel realisasi PK bila indikator itu ada di sana; angka dibandingkan sebagai desimal persis (6,50 = 6,5; 50 = 50%). Alat ini tidak dapat menentukan tabel mana yang benar.",
        "The same indicator (names compared ignoring case, numbering, punctuation, common typos, word order, % for persentase and abbreviations with one meaning such as Ops = operasional: lib.indikator.loose_key) appears in several tables of the report, such as the Perjanjian Kinerja realisasi table, the IKU table of each urusan and the detail tables of Bab III. Its target, realisasi and capaian for the report year must be the same in every table. Each place is compared with the PK realisasi table when the indicator is in it; numbers are compared as exact decimals (6,50 = 6,5; 50 = 50%). The tool cannot tell which table is right."),
      message = text_pair("Angka indikator ini berbeda dengan di tabel \"{other_table}\" ({other_place}), di sini ≠ di sana: {diff_id}.",
                          "This indicator's numbers differ from table \"{other_table}\" ({other_place}), here ≠ there: {diff_en}."),
      fix = text_pair("Samakan angkanya dengan sumber datanya di kedua tabel; bila keduanya memang indikator yang berbeda, bedakan namanya.",
                      "Make both tables carry the numbers of the source data; if they really are two indicators, name them apart."),
      example = "Tabel IKU OPD URUSAN PPPA, baris 604: Jumlah Kasus Kekerasan Terhadap Anak dan Perempuan yang Tertangani, target 100%, realisasi 100%, capaian 100%; di tabel REALISASI PERJANJIAN KINERJA (PK), baris 489: target 5, realisasi 14, capaian 90,52%.",
    },
    {
      id = "konsistensi.unit", severity = "warning",
      fields = { "other_table", "other_place", "diff" },
      title = text_pair("Indikator yang sama, satuan berbeda di tabel lain",
                        "Same indicator, different unit in another table"),
      explanation = text_pair(
        "Angka indikator ini sama dengan di tabel lain, tetapi satuannya berbeda (misalnya kasus di satu tabel dan orang atau % di tabel lain), sehingga salah satu tabel menyatakan hal yang lain. Ejaan lain dari satuan yang sama (org/orang) dan angka tanpa satuan tidak dilaporkan.",
        "This indicator has the same numbers as in another table, but in a different unit (cases in one table, people or % in the other), so one of the tables states something else. Other spellings of one unit (org/orang) and numbers written without a unit are not reported."),
      message = text_pair("Satuan indikator ini berbeda dengan di tabel \"{other_table}\" ({other_place}), di sini ≠ di sana: {diff}.",
                          "This indicator's unit differs from table \"{other_table}\" ({other_place}), here ≠ there: {diff}."),
      fix = text_pair("Pakai satu satuan untuk indikator ini di semua tabel.",
                      "Use one unit for this indicator in every table."),
      example = "Laporan contoh tidak memuat temuan ini: tabel REALISASI PERJANJIAN KINERJA (PK) (baris 470) dan tabel IKU (baris 555, 602, 646) menulis angka tanpa satuan, yang tidak dibandingkan; satuan hanya ditulis di tabel rinci (mis. baris 595: 4 Kasus).",
    },
  },

  -- Everything happens at the end, over report:tables(), so that a report
  -- with a single indicator table (a million-row export) costs nothing.
  -- (finish compares tables: not called for a report with fewer than two)
  needs = { finish = { tables = 2 } },

  finish = function(ctx, report)
    -- fewer than two tables with an indicator column (each report of a
    -- long-form export holds one): nothing to compare, nothing more read
    -- (fewer than two tables: no table read at all)
    if report.table_count < 2 then return end
    local indicator_tables = 0
    for _, t in report:tables() do
      if ind.roles(t).indikator then indicator_tables = indicator_tables + 1 end
    end
    if indicator_tables < 2 then return end
    local year = report.year
    local tables, refs = {}, 0
    for _, t in report:tables() do
      local ic = ind.roles(t).indikator
      if ic and not ind.renstra_years(t) and not ind.other_year(t, year) then
        local cols = ind.value_columns(t, year)
        if cols.target or cols.realisasi or cols.capaian then
          local rank = ind.rank(t, cols)
          tables[#tables + 1] = { table = t, cols = cols, rank = rank, ic = ic }
          if rank > 0 then refs = refs + 1 end
        end
      end
    end
    if #tables < 2 or refs == 0 then return end

    -- key -> its first place, packed as table << 32 | row; the keys seen
    -- more than once get a list, in document order
    local seen, multi, order = {}, {}, {}
    for ti, e in ipairs(tables) do
      -- the names of the data rows in one call (false for the others): a
      -- row view is made only for a name that repeats
      for i, name in ipairs(e.table:texts(e.ic, "data")) do
        if name then
          local key = ind.loose_key(name)
          if key ~= "" then
            local packed = (ti << 32) | i
            local s = seen[key]
            if not s then
              seen[key] = packed
            elseif s == true then
              local l = multi[key]
              l[#l + 1] = packed
            else
              multi[key], seen[key] = { s, packed }, true
              order[#order + 1] = key
            end
          end
        end
      end
    end

    for _, key in ipairs(order) do
      local list = {}
      for seq, packed in ipairs(multi[key]) do
        local e = tables[packed >> 32]
        list[seq] = { table = e.table, row = e.table:row(packed & 0xffffffff),
                      cols = e.cols, rank = e.rank, seq = seq }
      end
      local ranked = {}
      for i, o in ipairs(list) do ranked[i] = o end
      table.sort(ranked, function(a, b)
        if a.rank ~= b.rank then return a.rank > b.rank end
        return a.seq < b.seq
      end)
      -- per measure, the best-ranked PK/IKU place with a value (and,
      -- for units, with a unit written)
      local vrefs, urefs = {}, {}
      for _, role in ipairs(measures) do
        for _, o in ipairs(ranked) do
          local c = o.rank > 0 and value_cell(o, role)
          if c then
            vrefs[role] = vrefs[role] or o
            if not urefs[role] and unit_of(o, c) then urefs[role] = o end
          end
        end
      end
      for _, o in ipairs(list) do compare(ctx, o, vrefs, urefs) end
    end
  end,
}
