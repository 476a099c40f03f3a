-- rules/renstra.lua — the report against its Renstra (the five-year
-- strategic plan, a table with one target column per year):
--   renstra.target     the report year's target in the PK / realisasi
--                      tables is the Renstra's target for that year;
--   renstra.missing    every Renstra indicator (IKU) is reported in a
--                      table with a realisasi column;
--   renstra.unplanned  an indicator of the PK / IKU realisasi tables that
--                      the Renstra does not have;
--   renstra.direction  the Renstra's yearly targets do not move against
--                      the indicator's direction (lib.polarity).
--
-- Names are matched with lib.indikator.loose_key. The Renstra table is found by its
-- shape (an indicator column and two or more year columns), the PK and IKU
-- tables by their caption ("Perjanjian Kinerja", "PK", "IKU").
--
-- One fact, one finding: konsistensi.value compares every table with the
-- indicator's best-ranked PK / IKU place; renstra.target compares that
-- place with the Renstra, lists the tables that repeat its target, and
-- leaves the tables that differ from it to konsistensi. An indicator in no
-- PK or IKU table is compared wherever it is, one finding per distinct
-- target. A table whose caption names another year only is left out, as
-- in konsistensi. The direction wording is capaian.lua's (it could move to
-- lib.polarity, which this family may not edit).
local ind = lib.indikator
local polarity = lib.polarity

local function text_pair(id, en) return { id = id, en = en } end

local year
local plans                  -- Renstra rows: { {table=, row=, key=, years=} }
local plan_of                -- key -> the first Renstra row of that key
local places                 -- key -> { {table=, row=, cols=, rank=, seq=} } outside the Renstra
local order                  -- keys of `places` in document order
local statements             -- lib.polarity.evidence, the report's statements only


-- read once per place (false: none), as check_target asks again and again
local function target_cell(o)
  if o.target == nil then
    local c = o.cols.target and o.row:cell(o.cols.target)
    o.target = c and c.kind == "value" and c or false
  end
  return o.target or nil
end

-- The Renstra's cell for year y in plan p, or nil.
local function plan_cell(p, y)
  for _, yc in ipairs(p.years) do
    if yc.year == y then
      local c = p.row:cell(yc.col)
      return c.kind == "value" and c or nil
    end
  end
  return nil
end

local function lines_text(list)
  local s = {}
  for i, o in ipairs(list) do s[i] = ind.place(o.table.file, o.row.line) end
  return table.concat(s, ", ")
end

-- renstra.target for plan p. The places konsistensi.value compares with
-- its reference (the best-ranked PK/IKU place) and finds different are
-- left to it; the others that differ from the Renstra give one finding per
-- distinct target, at the best-ranked place, listing the rest.
local function check_target(ctx, p)
  local r = plan_cell(p, year)
  local list = places[p.key]
  if not r or not list then return end
  local ranked = {}
  for _, o in ipairs(list) do
    if target_cell(o) then ranked[#ranked + 1] = o end
  end
  table.sort(ranked, function(a, b)
    if a.rank ~= b.rank then return a.rank > b.rank end
    return a.seq < b.seq
  end)
  local ref = ranked[1] and ranked[1].rank > 0 and ranked[1] or nil
  local groups, firsts = {}, {}
  if #ranked > 0 then ctx:compared(p.row) end    -- the plan's target with the report's
  for _, o in ipairs(ranked) do
    local c = target_cell(o)
    local mine = not ref or o == ref or o.table == ref.table or c.value == target_cell(ref).value
    if mine and c.value ~= r.value then
      local k = tostring(c.value)
      if not groups[k] then
        groups[k] = {}
        firsts[#firsts + 1] = k
      end
      table.insert(groups[k], o)
    end
  end
  for _, k in ipairs(firsts) do
    local best = table.remove(groups[k], 1)
    local also = groups[k]
    local tc = target_cell(best)
    local shift = ind.shift(tc.value, r.value)
    local fields = {
      reported = tc.text, expected = r.text, year = year,
      renstra_place = ind.place(p.table.file, p.row.line),
      renstra_indicator = p.row:text("indikator"),
      note_id = "", note_en = "", also_id = "", also_en = "",
    }
    if shift then
      local n = math.abs(shift)
      fields.note_id = " Koma desimal tampaknya bergeser " .. n .. " tempat."
      fields.note_en = " The decimal point looks shifted by " .. n .. " place" .. (n > 1 and "s" or "") .. "."
    end
    if #also > 0 then
      fields.also_id = " Target yang sama juga di " .. lines_text(also) .. "."
      fields.also_en = " The same target is also at " .. lines_text(also) .. "."
    end
    ctx:emit("renstra.target", best.row, fields)
  end
end

-- renstra.direction for plan p: the first step against the direction.
-- The direction is the Arah column, the report's statement or the
-- lexicon; when none of them decides, a series that moves one way is
-- itself the evidence of the direction (lib.polarity), not a finding.
local function check_direction(ctx, p)
  local arah = p.table:col("arah") and p.row:text("arah") or nil
  local dir, how, term, where = polarity.decide(statements, p.row:text("indikator"), arah)
  -- the year cells that hold a number, read once: their value (row:num,
  -- a number cell's) and their text; false for the others
  local cells = {}
  for i, yc in ipairs(p.years) do
    local v = p.row:num(yc.col)
    cells[i] = v and { value = v, text = p.row:text(yc.col) } or false
  end
  if how == "default" then
    local values = {}
    for _, c in ipairs(cells) do
      if c then values[#values + 1] = c.value end
    end
    if polarity.trend(values) then return end
  end
  local series, prev, step = {}, nil, nil
  for i, yc in ipairs(p.years) do
    local c = cells[i]
    if c then
      series[#series + 1] = yc.year .. ": " .. c.text
      if prev and not step then
        local against = (dir == "higher" and c.value < prev.cell.value)
                     or (dir == "lower" and c.value > prev.cell.value)
        if against then step = { from = prev, to = { year = yc.year, cell = c } } end
      end
      prev = { year = yc.year, cell = c }
    end
  end
  if not step then return end
  local dir_id, dir_en = polarity.describe(dir, how, term, where)
  local falls = dir == "higher"
  ctx:emit("renstra.direction", p.row, {
    series = table.concat(series, "; "),
    year_from = step.from.year, year_to = step.to.year,
    from = step.from.cell.text, to = step.to.cell.text,
    move_id = falls and "turun" or "naik", move_en = falls and "falls" or "rises",
    dir_id = dir_id, dir_en = dir_en, direction = dir, direction_source = how,
  })
end

return {
  rules = {
    {
      id = "renstra.target", severity = "warning",
      fields = { "year", "reported", "expected", "renstra_place", "note_id", "also_id", "note_en", "also_en" },
      title = text_pair("Target tahun laporan berbeda dengan Renstra",
                        "The report year's target differs from the Renstra"),
      explanation = text_pair(
        "Target Perjanjian Kinerja untuk tahun laporan seharusnya sama dengan target Renstra untuk tahun itu. Target dibandingkan sebagai desimal persis (6,50 = 6,5). Satu fakta, satu temuan: yang dibandingkan dengan Renstra adalah tabel realisasi PK (bila indikator tidak ada di sana, tabel PK atau IKU lain) beserta tabel yang menulis target yang sama; tabel yang targetnya berbeda dengan PK dilaporkan oleh konsistensi.value. Indikator yang tidak ada di tabel PK atau IKU dibandingkan di setiap tabel yang memuatnya. Bila nilainya sama setelah koma digeser satu atau dua tempat (65 dan 6,5), temuan menyebutkannya. Renstra yang direviu dapat mengubah target: sebutkan reviu itu bila targetnya memang diubah.",
        "The Perjanjian Kinerja target for the report year should be the Renstra's target for that year. Targets are compared as exact decimals (6,50 = 6,5). One fact, one finding: what is compared with the Renstra is the PK realisasi table (when the indicator is not in it, another PK or IKU table) and the tables that write the same target; a table whose target differs from the PK's is konsistensi.value's. An indicator in no PK or IKU table is compared in every table that lists it. When the values match with the decimal point moved one or two places (65 and 6,5) the finding says so. A reviewed Renstra may change a target: cite the review when it did."),
      message = text_pair("Target {year} tertulis {reported}, sedangkan target Renstra untuk {year} adalah {expected} ({renstra_place}).{note_id}{also_id}",
                          "The {year} target is {reported}, but the Renstra's target for {year} is {expected} ({renstra_place}).{note_en}{also_en}"),
      fix = text_pair("Pakai target Renstra {expected}, atau sebutkan dokumen reviu Renstra yang mengubahnya.",
                      "Use the Renstra target {expected}, or cite the Renstra review that changed it."),
      example = "Laporan contoh tidak memuat temuan ini: target PK baris 476–501 sama dengan target Renstra 2019 baris 425–452 (mis. baris 495: 6,50 = 6,5 di baris 447; \"Nilai Evaluasi LAKIP\" 65 di baris 499 = \"Nilai Evaluasi AKIP\" 65 di baris 450). Tabel IKU OPD URUSAN PPPA baris 604 menulis 100% (Renstra: 5), tetapi itu dilaporkan konsistensi.value terhadap PK baris 489.",
    },
    {
      id = "renstra.missing", severity = "warning",
      fields = { "year", "target" },
      title = text_pair("Indikator Renstra tidak dilaporkan", "Renstra indicator not reported"),
      explanation = text_pair(
        "Indikator kinerja utama dalam Renstra harus diukur dan dilaporkan setiap tahun. Indikator ini tidak ditemukan di tabel mana pun yang memuat realisasi (nama dibandingkan menurut aturan pencocokan nama indikator). Pemeriksaan ini hanya berjalan bila sedikitnya satu indikator Renstra ditemukan di tabel realisasi, sehingga laporan yang tabelnya tidak terbaca tidak menghasilkan daftar panjang.",
        "Every key indicator of the Renstra is to be measured and reported each year. This one is in no table with a realisasi column (names compared by the indicator-name match rule). The check runs only when at least one Renstra indicator is found in a realisasi table, so a report whose tables were not read does not produce a long list."),
      message = text_pair("Indikator Renstra ini (target {year}: {target}) tidak ada di tabel realisasi mana pun.",
                          "This Renstra indicator ({year} target: {target}) is in no realisasi table."),
      fix = text_pair("Laporkan target dan realisasinya di tabel realisasi PK, atau jelaskan mengapa tidak diukur.",
                      "Report its target and realisasi in the PK realisasi table, or explain why it was not measured."),
      example = "Tabel Renstra, baris 428: Jumlah PSKS yang menyelenggarakan Kesejahteraan Sosial (target 2019: 200) dan baris 444: Rasio KDRT (20%) tidak ada di tabel realisasi.",
    },
    {
      id = "renstra.unplanned", severity = "info",
      fields = { "renstra_place", "also_id", "also_en" },
      title = text_pair("Indikator PK tidak ada di Renstra", "PK indicator not in the Renstra"),
      explanation = text_pair(
        "Indikator ini dilaporkan di tabel realisasi Perjanjian Kinerja atau IKU, tetapi tidak ada di tabel Renstra (nama dibandingkan menurut aturan pencocokan nama indikator). Indikator PK seharusnya berasal dari Renstra; bila namanya hanya ditulis berbeda, samakan namanya.",
        "This indicator is reported in the Perjanjian Kinerja or IKU realisasi table but is not in the Renstra table (names compared by the indicator-name match rule). PK indicators should come from the Renstra; if only the wording differs, use one name."),
      message = text_pair("Indikator ini tidak ada di Renstra ({renstra_place}).{also_id}",
                          "This indicator is not in the Renstra ({renstra_place}).{also_en}"),
      fix = text_pair("Pakai nama indikator Renstra, atau sebutkan dasar penambahan indikator ini.",
                      "Use the Renstra's indicator name, or state why this indicator was added."),
      example = "Tabel REALISASI PERJANJIAN KINERJA (PK), baris 479: Jumlah Panti/LKSA yang Terbina tidak ada di Renstra (baris 422–452); juga di tabel IKU OPD URUSAN SOSIAL, baris 561.",
    },
    {
      id = "renstra.direction", severity = "warning",
      fields = { "move_id", "from", "year_from", "to", "year_to", "dir_id", "series", "move_en", "dir_en" },
      title = text_pair("Target Renstra bergerak berlawanan dengan arah indikator",
                        "Renstra targets move against the indicator's direction"),
      explanation = text_pair(
        "Target tahunan Renstra seharusnya tidak mundur: naik atau tetap untuk indikator yang makin tinggi makin baik, turun atau tetap untuk yang makin rendah makin baik. Arah diambil dari kolom Arah bila ada, selain itu disimpulkan dari nama indikator (mis. \"kasus\" lebih rendah lebih baik, tetapi \"... yang tertangani\" lebih tinggi lebih baik), dan temuan menyebutkan asal arahnya. Target yang mundur berarti targetnya keliru, atau arah (dan nama) indikatornya yang keliru.",
        "A Renstra's yearly targets should not go backwards: up or level for a higher-is-better indicator, down or level for a lower-is-better one. The direction comes from an Arah column when there is one, else it is inferred from the name (\"kasus\" is lower-is-better, but \"... yang tertangani\" higher-is-better), and the finding says where it came from. A target going backwards means the target is wrong, or the indicator's direction (and name) is."),
      message = text_pair("Target Renstra {move_id} dari {from} ({year_from}) ke {to} ({year_to}), padahal indikator ini {dir_id}. Deret target: {series}.",
                          "The Renstra target {move_en} from {from} ({year_from}) to {to} ({year_to}), but for this indicator {dir_en}. Targets: {series}."),
      fix = text_pair("Perbaiki target tahun {year_to}, atau nyatakan arah indikator (kolom Arah) dan sesuaikan namanya.",
                      "Correct the {year_to} target, or state the indicator's direction (an Arah column) and word its name to match."),
      example = "Tabel Renstra, baris 448: Tingkat Partisipasi Perempuan Dalam Lembaga Swasta, 33,5; 34; 34,5; 34; 34,5: turun pada 2020. Baris 436: Jumlah Kasus Kekerasan Terhadap Anak dan Perempuan yang Tertangani, 6; 5; 5; 4; 4, padahal \"yang tertangani\" berarti lebih tinggi lebih baik.",
    },
  },

  -- All at the end, over report:tables(): a report without a Renstra table
  -- costs nothing, and only the rows that can matter are kept (Renstra
  -- indicators, and the PK / IKU realisasi rows).
  finish = function(ctx, report)
    -- this report's plans, made at its first plan row: most reports have
    -- none, and then nothing else is made or read (the report year
    -- neither)
    local ps, po
    local candidates = {}        -- tables with indicators but no plan years
    for _, t in report:tables() do
      local roles = ind.roles(t)              -- (t:col's answers, shared by the families)
      local ic = roles.indikator
      -- (renstra_years needs a year column: asked only of a table with one)
      local years = ic and roles.tahun and ind.renstra_years(t)
      if years then
        for _, row in t:rows() do
          local key = row.kind == "data" and ind.loose_key(row:text(ic)) or ""
          if key ~= "" then
            local p = { table = t, row = row, key = key, years = years }
            if not ps then ps, po = {}, {} end
            ps[#ps + 1] = p
            if not po[key] then po[key] = p end
          end
        end
      elseif ic then
        candidates[#candidates + 1] = t
      end
    end
    if not ps then return end
    year = report.year
    plans, plan_of, places, order = ps, po, {}, {}
    -- another year's tables are left out, asked only of a report with a
    -- plan (most have none: the titles are not read for nothing)
    local others = {}
    for _, t in ipairs(candidates) do
      if not ind.other_year(t, year) then others[#others + 1] = t end
    end
    statements = {}
    for k, e in pairs(polarity.evidence(report, ctx.options, true)) do
      if e.how == "statement" or e.how == "settings" then statements[k] = e end
    end
    for _, t in ipairs(others) do
      local ic = t:col("indikator")
      local cols = ind.value_columns(t, year)
      if cols.target or cols.realisasi then
        local rank = ind.rank(t, cols)
        local keep_all = rank > 0 and cols.realisasi      -- for renstra.unplanned
        for _, row in t:rows() do
          local key = row.kind == "data" and ind.loose_key(row:text(ic)) or ""
          -- not a Rata-rata row (rata.lua); asked only of a row that counts
          if key ~= "" and (keep_all or plan_of[key]) and not lib.text.is_average_label(key) then
            local list = places[key]
            if not list then
              list = {}
              places[key] = list
              order[#order + 1] = key
            end
            list[#list + 1] = { table = t, row = row, cols = cols, rank = rank, seq = #list + 1 }
          end
        end
      end
    end

    for _, p in ipairs(plans) do
      if plan_of[p.key] == p then
        check_direction(ctx, p)
        if year then check_target(ctx, p) end
      end
    end

    -- Reported = in a table with a realisasi column. Only when the report's
    -- realisasi tables and the Renstra share an indicator at all.
    local reported, shared = {}, false
    for key, list in pairs(places) do
      for _, o in ipairs(list) do
        if o.cols.realisasi then
          reported[key] = true
          if plan_of[key] then shared = true end
        end
      end
    end
    if not shared then return end

    local first_plan = plans[1]
    for _, p in ipairs(plans) do
      if plan_of[p.key] == p and not reported[p.key] then
        local c = year and plan_cell(p, year)
        ctx:emit("renstra.missing", p.row, { year = year or "", target = c and c.text or "—" })
      end
    end

    local renstra_place = ind.place(first_plan.table.file, first_plan.table.line)
    for _, key in ipairs(order) do
      if not plan_of[key] then
        local hits = {}
        for _, o in ipairs(places[key]) do
          if o.cols.realisasi and o.rank > 0 then hits[#hits + 1] = o end
        end
        if #hits > 0 then
          local first = table.remove(hits, 1)
          local fields = { renstra_place = renstra_place, also_id = "", also_en = "" }
          if #hits > 0 then
            fields.also_id = " Juga di " .. lines_text(hits) .. "."
            fields.also_en = " Also at " .. lines_text(hits) .. "."
          end
          ctx:emit("renstra.unplanned", first.row, fields)
        end
      end
    end
  end,
}
