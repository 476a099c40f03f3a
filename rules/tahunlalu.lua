-- rules/tahunlalu.lua — this year's report against last year's report of
-- the same agency (ctx.previous: `check --previous PATH`, or the report of
-- the year before in a portfolio folder):
--   tahunlalu.realisasi  a realisasi this report gives for last year (a
--                        "Realisasi 2019" column in the 2020 report) is the
--                        realisasi last year's report published;
--   tahunlalu.narrative  a sentence that gives one of last year's
--                        indicators a figure for last year ("... pada tahun
--                        2019 sebesar 66") states what last year's report
--                        published;
--   tahunlalu.renstra    a Renstra target for a year both reports show did
--                        not change between them (a revised Renstra must
--                        say so);
--   tahunlalu.unmatched  last year's report was given, but nothing in this
--                        one could be compared with it (said, not silent).
--
-- Names are matched with lib.indikator. Values are judged at the precision
-- they are written with: 64,4 in one report and 64,37 in the other agree
-- (64,37 rounds to 64,4); 64,4 and 64,5 do not. A sentence is read only
-- when it names exactly one of last year's indicators and puts a number
-- right after "tahun <last year> sebesar / sebanyak / mencapai / yaitu /
-- adalah"; anything looser is left alone (precision before recall).
-- lib.indikator and lib.text, taken by finish when there is a last year's
-- report (made in this file's sandbox only then: without one the family
-- never runs)
local ind, text

local function text_pair(id, en) return { id = id, en = en } end

-- Equal at the precision of the less precise of the two.
local function agree(a, b)
  if a == b then return true end
  local sa, sb = a:scale(), b:scale()
  if sa < sb then return b:round(sa, "half_up") == a end
  if sb < sa then return a:round(sb, "half_up") == b end
  return false
end

-- A column of last year's figures: realisasi labelled with last year, or
-- headed "... tahun lalu" / "... tahun sebelumnya".
local function is_last_year(c, pyear)
  if c.role ~= "realisasi" then return false end
  if c.year then return c.year == pyear end
  local h = string.lower(c.header or "")
  return h:find("tahun lalu", 1, true) ~= nil or h:find("tahun sebelumnya", 1, true) ~= nil
end

-- Last year's published realisasi: key -> { {cell=, file=, line=, rank=} },
-- best-ranked place (PK, then IKU, then other tables) first.
local function published(prev, pyear)
  local index = {}
  for _, t in prev:tables() do
    if not ind.renstra_years(t) and not ind.other_year(t, pyear) then
      local cols = ind.value_columns(t, pyear)
      if cols.realisasi then
        local rank = ind.rank(t, cols)
        for _, row in t:rows() do
          local c = row.kind == "data" and row.label and row:cell(cols.realisasi)
          if c and c.kind == "value" then
            local key = ind.key(row.label)
            local list = index[key] or {}
            index[key] = list
            list[#list + 1] = { cell = c, file = t.file, line = row.line, rank = rank, seq = #list, label = row.label }
          end
        end
      end
    end
  end
  for _, list in pairs(index) do
    table.sort(list, function(a, b)
      if a.rank ~= b.rank then return a.rank > b.rank end
      return a.seq < b.seq
    end)
  end
  return index
end

-- Renstra rows: key -> { row=, years = { [year] = cell } }.
local function renstra_rows(report)
  local rows = {}
  for _, t in report:tables() do
    local years = ind.renstra_years(t)
    local ic = years and t:col("indikator")
    if ic then
      for _, row in t:rows() do
        local key = row.kind == "data" and ind.key(row:text(ic)) or ""
        if key ~= "" and not rows[key] then
          local by_year = {}
          for _, y in ipairs(years) do by_year[y.year] = row:cell(y.col) end
          rows[key] = { row = row, years = by_year, file = t.file }
        end
      end
    end
  end
  return rows
end

-- A sentence of this report that mentions revising the Renstra, or nil.
local function revision_mentioned(report)
  for _, p in report:paragraphs() do
    local s = string.lower(p.text)
    if s:find("renstra", 1, true) and (s:find("revisi", 1, true) or s:find("perubahan", 1, true)
        or s:find("reviu", 1, true)) then
      return p
    end
  end
  return nil
end

local function check_realisasi(ctx, report, index, pyear)
  local compared = 0
  for _, t in report:tables() do
    if not ind.renstra_years(t) then
      local cols = {}
      for i, c in ipairs(t:columns()) do
        if is_last_year(c, pyear) then cols[#cols + 1] = i end
      end
      for _, col in ipairs(cols) do
        for _, row in t:rows() do
          local c = row.kind == "data" and row.label and row:cell(col)
          local list = c and c.kind == "value" and index[ind.key(row.label)]
          if list then
            compared = compared + 1
            local match = false
            for _, p in ipairs(list) do
              if agree(c.value, p.cell.value) then match = true end
            end
            if not match then
              local p = list[1]
              ctx:emit("tahunlalu.realisasi", row, {
                reported = c.text, expected = p.cell.text, year = pyear, cell = col,
                previous_place = ind.place(p.file, p.line),
              })
            end
          end
        end
      end
    end
  end
  return compared
end

local verbs = { "sebesar", "sebanyak", "mencapai", "yaitu", "yakni", "adalah" }

-- The sentences of a paragraph: a break after ".", "!" or "?" and spaces
-- before a capital letter (decimal commas and thousands dots stay inside).
local function sentences(s)
  local out, start = {}, 1
  for stop, next_start in s:gmatch("()[%.!?]%s+()%u") do
    out[#out + 1] = s:sub(start, stop)
    start = next_start
  end
  out[#out + 1] = s:sub(start)
  return out
end

-- The number a sentence gives for year y, and its text: "tahun 2019
-- sebesar 66" -> 66, "66"; nil when there is none or more than one.
local function figure_for(sentence, y)
  local lower = string.lower(sentence)
  local found, raw
  for _, v in ipairs(verbs) do
    for num in lower:gmatch("tahun%s+" .. y .. "%s+" .. v .. "%s+(%d[%d%.,]*%d)") do
      if found then return nil end
      found = num
    end
    for num in lower:gmatch("tahun%s+" .. y .. "%s+" .. v .. "%s+(%d)%f[^%d%.,]") do
      if found then return nil end
      found = num
    end
  end
  if not found then return nil end
  raw = found
  local d = text.read_number(raw)
  return d, raw
end

-- Last year's indicators named in a sentence: exactly one, or nil. Names
-- shorter than three words are too generic to be matched inside prose.
local function named_indicator(sentence, index)
  local key = " " .. ind.key(sentence) .. " "
  local hit
  for k in pairs(index) do
    local _, words = k:gsub("%S+", "")
    if words >= 3 and key:find(" " .. k .. " ", 1, true) then
      if hit then return nil end
      hit = k
    end
  end
  return hit
end

local function check_sentences(ctx, report, index, pyear)
  local compared = 0
  for _, p in report:paragraphs() do
    if p.text:find(tostring(pyear), 1, true) then
      for _, sentence in ipairs(sentences(p.text)) do
        local value, raw = figure_for(sentence, pyear)
        local key = value and named_indicator(sentence, index)
        if key then
          compared = compared + 1
          local list = index[key]
          local match = false
          for _, q in ipairs(list) do
            if agree(value, q.cell.value) then match = true end
          end
          if not match then
            local q = list[1]
            ctx:emit("tahunlalu.narrative", { file = p.file, line = p.line }, {
              reported = raw, expected = q.cell.text, year = pyear, sentence = sentence,
              previous_place = ind.place(q.file, q.line), indicator = q.label,
            })
          end
        end
      end
    end
  end
  return compared
end

local function check_renstra(ctx, report, prev)
  local now, before = renstra_rows(report), renstra_rows(prev)
  local compared = 0
  local revision = nil
  local keys = {}
  for key in pairs(now) do keys[#keys + 1] = key end
  table.sort(keys)
  for _, key in ipairs(keys) do
    local a, b = now[key], before[key]
    if b then
      local years = {}
      for y in pairs(a.years) do
        if b.years[y] then years[#years + 1] = y end
      end
      table.sort(years)
      local changes = {}
      for _, y in ipairs(years) do
        local x, w = a.years[y], b.years[y]
        if x.kind == "value" and w.kind == "value" then
          compared = compared + 1
          if not agree(x.value, w.value) then
            changes[#changes + 1] = y .. ": " .. w.text .. " \u{2192} " .. x.text
          end
        end
      end
      if #changes > 0 then
        if revision == nil then revision = revision_mentioned(report) or false end
        ctx:emit("tahunlalu.renstra", a.row, {
          changes = table.concat(changes, "; "),
          previous_place = ind.place(b.file, b.row.line),
          revision_id = revision and (" Laporan ini menyebut perubahan Renstra (" .. ind.place(revision.file, revision.line)
                                      .. "); pastikan perubahan target ini tercantum di sana.") or "",
          revision_en = revision and (" This report mentions a Renstra revision (" .. ind.place(revision.file, revision.line)
                                      .. "); make sure this change is listed there.") or "",
        })
      end
    end
  end
  return compared
end

return {
  rules = {
    {
      id = "tahunlalu.realisasi", severity = "warning",
      fields = { "year", "reported", "expected", "previous_place" },
      title = text_pair("Realisasi tahun lalu berbeda dengan laporan tahun lalu",
                        "Last year's realisasi differs from last year's report"),
      explanation = text_pair(
        "Kolom realisasi tahun lalu (mis. \"Realisasi 2019\" dalam laporan 2020) dibandingkan dengan realisasi yang diterbitkan laporan tahun lalu untuk indikator yang sama (nama dicocokkan dengan lib.indikator; tabel PK lebih dulu). Angka dinilai pada ketelitian yang tertulis: 64,4 dan 64,37 sesuai. Angka yang berbeda berarti salah satu laporan keliru, atau data tahun lalu dikoreksi tanpa dijelaskan.",
        "A column of last year's realisasi (\"Realisasi 2019\" in the 2020 report) is compared with the realisasi last year's report published for the same indicator (names matched with lib.indikator; PK tables first). Values are judged at the precision written: 64,4 and 64,37 agree. A difference means one report is wrong, or last year's figure was corrected without saying so."),
      message = text_pair("Realisasi {year} ditulis {reported}, padahal laporan tahun lalu menerbitkan {expected} ({previous_place}).",
                          "Realisasi {year} is given as {reported}, but last year's report published {expected} ({previous_place})."),
      fix = text_pair("Samakan dengan laporan tahun lalu, atau jelaskan koreksi datanya di narasi.",
                      "Use last year's published figure, or explain the correction in the narrative."),
    },
    {
      id = "tahunlalu.narrative", severity = "warning",
      fields = { "reported", "year", "expected", "previous_place", "sentence" },
      title = text_pair("Kalimat menyebut angka tahun lalu yang berbeda dengan laporan tahun lalu",
                        "A sentence gives last year a figure that differs from last year's report"),
      explanation = text_pair(
        "Kalimat yang menyebut satu indikator laporan tahun lalu dan langsung memberi angkanya untuk tahun lalu (\"... pada tahun 2019 sebesar 66\") dibandingkan dengan realisasi yang diterbitkan laporan tahun lalu, pada ketelitian yang tertulis. Kalimat yang menyebut lebih dari satu indikator, atau angkanya tidak langsung mengikuti \"tahun <tahun lalu> sebesar/sebanyak/mencapai/yaitu/adalah\", tidak dinilai.",
        "A sentence that names one of last year's indicators and gives it a figure for last year right away (\"... pada tahun 2019 sebesar 66\") is compared with the realisasi last year's report published, at the precision written. Sentences that name more than one indicator, or whose number does not follow \"tahun <last year> sebesar/sebanyak/mencapai/yaitu/adalah\", are not judged."),
      message = text_pair("Kalimat menyebut {reported} untuk tahun {year}, padahal laporan tahun lalu menerbitkan realisasi {expected} ({previous_place}). Kalimat: “{sentence}”",
                          "The sentence gives {reported} for {year}, but last year's report published a realisasi of {expected} ({previous_place}). Sentence: “{sentence}”"),
      fix = text_pair("Samakan angka di kalimat dengan laporan tahun lalu, atau jelaskan koreksinya.",
                      "Use last year's published figure in the sentence, or explain the correction."),
    },
    {
      id = "tahunlalu.renstra", severity = "warning",
      fields = { "previous_place", "changes", "revision_id", "revision_en" },
      title = text_pair("Target Renstra berubah dari laporan tahun lalu", "Renstra target changed since last year's report"),
      explanation = text_pair(
        "Target Renstra untuk tahun yang sama dibandingkan antara Renstra di laporan ini dan di laporan tahun lalu. Target yang berubah tanpa penjelasan menyembunyikan revisi Renstra (yang harus ditetapkan dan dilaporkan) atau salah ketik.",
        "The Renstra targets for the same years are compared between this report's Renstra and last year's. A target that changes without a word hides a Renstra revision (which must be enacted and reported) or a typo."),
      message = text_pair("Target Renstra berubah dibanding laporan tahun lalu ({previous_place}): {changes}.{revision_id}",
                          "Renstra target changed from last year's report ({previous_place}): {changes}.{revision_en}"),
      fix = text_pair("Pakai target Renstra yang berlaku, atau sebutkan revisi Renstra (dasar hukum dan target lama/baru) di laporan.",
                      "Use the Renstra target in force, or state the Renstra revision (its legal basis and the old and new targets) in the report."),
    },
    {
      id = "tahunlalu.unmatched", severity = "info",
      fields = { "previous" },
      title = text_pair("Laporan tahun lalu tidak dapat dibandingkan", "Last year's report could not be compared"),
      explanation = text_pair(
        "Laporan tahun lalu diberikan, tetapi laporan ini tidak memuat kolom realisasi tahun lalu atau Renstra yang indikatornya ada di laporan tahun lalu. Tidak ada yang diperiksa: ketiadaan temuan tahunlalu di sini bukan berarti angkanya sesuai.",
        "Last year's report was given, but this report has no column of last year's realisasi and no Renstra whose indicators are in last year's report. Nothing was checked: no tahunlalu finding here does not mean the figures agree."),
      message = text_pair("Tidak ada angka yang dapat dibandingkan dengan laporan tahun lalu ({previous}).",
                          "Nothing could be compared with last year's report ({previous})."),
    },
  },

  -- (finish compares with last year's report: not called without one)
  needs = { finish = { previous = true } },

  finish = function(ctx, report)
    local prev = ctx.previous
    if not prev then return end
    ind, text = lib.indikator, lib.text
    local pyear = prev.year or (report.year and report.year - 1)
    local compared = 0
    if pyear then
      local index = published(prev, pyear)
      compared = check_realisasi(ctx, report, index, pyear) + check_sentences(ctx, report, index, pyear)
    end
    compared = compared + check_renstra(ctx, report, prev)
    if compared == 0 then
      local inputs = prev:inputs()
      local first
      for _, t in report:tables() do first = first or t end
      ctx:emit("tahunlalu.unmatched", first or { file = inputs[1], line = 0 }, {
        previous = table.concat(inputs, ", "),
      })
    end
  end,
}
