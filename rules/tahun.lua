-- rules/tahun.lua — year labels. A report for year N carries that year in
-- its table titles, its "Tahun Anggaran" metadata, its "Target N" /
-- "Realisasi N" headers and in the sentences that name the report itself
-- ("LAKIP tahun N ini"). A label with another year is usually last year's
-- report copied forward, so the reader cannot tell which year the numbers
-- belong to.
--
-- Years that are legitimately other stay silent: regulations ("Nomor 29
-- Tahun 2014"), Renstra/RPJMD periods ("2016 - 2021"), comparisons with
-- earlier years ("Realisasi 2018" next to this year's columns, "pada tahun
-- 2017 dilakukan reviu") and dates ("Maret 2020"). The rule therefore only
-- reads years in places that label the table or the report; when unsure it
-- says nothing. Without a report year (report.year nil) it does not run.
local text = lib.text
local ind = lib.indikator

local report_year           -- set by check_table and finish; nil turns the family off

local function text_pair(id, en) return { id = id, en = en } end

-- A report year (the tool's one range, lakip.year_first..year_last:
-- 2000–2100) as a number, else nil.
local function as_year(s)
  local y = tonumber(s)
  if y and y >= lakip.year_first and y <= lakip.year_last then return math.tointeger(y) end
  return nil
end

-- Words that make a year in a title or header a comparison, a period or a
-- plan horizon rather than the table's own year.
local qualifiers = {
  "akhir", "awal", "renstra", "rpjmd", "rpjm", "rpjp", "periode", "lalu", "sebelum",
  "kondisi", "sampai", "hingga", "s d", "s/d", "sd", "kumulatif", "baseline",
  "perbandingan", "dibandingkan", "banding", "tren", "trend", "n 1",
}

-- each as the whole word(s) looked for, " q ", made once; one search for all
local padded_qualifiers, qualifier_of = {}, {}
for i, q in ipairs(qualifiers) do
  padded_qualifiers[i] = " " .. q .. " "
  qualifier_of[padded_qualifiers[i]] = q
end
local qualifier_terms = lakip.terms(padded_qualifiers)

local function qualified(s)
  local n = " " .. text.normalize(s) .. " "
  local found = lakip.find_any(n, qualifier_terms)       -- the first of the list that n has
  return found and qualifier_of[found] or nil
end

-- What separates the two years of a range, as patterns; the patterns of
-- a range after a year and before one, made once.
local range_seps = { "%-", "\u{2013}", "\u{2014}", "/", "s%.?%s*[/d]%.?", "sampai", "hingga" }
local range_after, range_before = {}, {}
for i, sep in ipairs(range_seps) do
  range_after[i] = "^%s*" .. sep .. "%s*%d%d%d%d"
  range_before[i] = "%d%d%d%d%s*" .. sep .. "%s*$"
end

-- True when the year just before `after` starts a range ("2016 - 2021",
-- "2016–2021", "2016/2021", "2016 s.d. 2021", "2016 sampai 2021"). Each
-- form ends with four digits: text without a digit is none.
local function range_follows(after)
  if not lakip.find_digit(after, 1) then return false end
  for _, pat in ipairs(range_after) do
    if after:find(pat) then return true end
  end
  return false
end

-- True when `before` ends with the start of a range ("2016 - "); each form
-- starts with four digits.
local function range_precedes(before)
  if not lakip.find_digit(before, 1) then return false end
  for _, pat in ipairs(range_before) do
    if before:find(pat) then return true end
  end
  return false
end

-- The years a title names on their own: "… TAHUN 2018" gives {2018};
-- ranges ("2016 - 2021", "2016 s.d. 2021") and regulation numbers
-- ("Nomor 29 Tahun 2014") are left out.
local function title_years(s)
  local found = {}
  local lower = string.lower(s)
  local pos = 1
  while true do
    local a, b, y = string.find(lower, "%f[%d](%d%d%d%d)%f[%D]", pos)
    if not a then break end
    pos = b + 1
    local year = as_year(y)
    local before, after = lower:sub(math.max(1, a - 40), a - 1), lower:sub(b + 1, b + 16)
    local range = range_follows(after) or range_precedes(before)
    local regulation = before:find("nomor%s+[%w%./]+%s+tahun%s*$") or before:find("no%.%s*[%w%./]+%s+tahun%s*$")
    if year and not range and not regulation then found[#found + 1] = year end
  end
  return found
end

-- Per table line: the labels that carry another year (one finding per line).
local function add_label(list, line, label, year)
  for _, e in ipairs(list) do
    if e.line == line then
      e.labels[#e.labels + 1] = label
      e.years[#e.years + 1] = year
      return
    end
  end
  list[#list + 1] = { line = line, labels = { label }, years = { year } }
end

-- Title rows and the caption. A caption counts only when it is right
-- above the table (a heading further up, with text between, titles a
-- section that may compare years); a CSV's caption without a line is its
-- file name, not a label.
local function check_titles(t, bad)
  local list = t:titles()
  local caption_line = t.caption and t.caption_line
  local captioned = caption_line and caption_line > 0 and t.line - caption_line <= 3
  -- no title row and no caption (a spreadsheet's table): nothing to read,
  -- no list of them made
  if #list == 0 and not captioned then return end
  local seen = {}
  local titles = {}
  for _, ti in ipairs(list) do titles[#titles + 1] = { text = ti.text, line = ti.line } end
  if captioned then
    titles[#titles + 1] = { text = t.caption, line = caption_line }
  end
  for _, ti in ipairs(titles) do
    if not seen[ti.line] then
      seen[ti.line] = true
      local years = title_years(ti.text)
      local own = false
      for _, y in ipairs(years) do own = own or y == report_year end
      -- a title naming this year too ("… 2018 dan 2019") is a comparison
      if #years > 0 and not own and not qualified(ti.text) then
        add_label(bad, ti.line, ti.text, years[1])
      end
    end
  end
end

-- Metadata rows such as "Tahun Anggaran | 2018".
local function check_meta(t, bad)
  for _, m in ipairs(t:meta()) do
    local key = text.normalize(m.key)
    local is_year_key = key:find("^tahun") or key == "ta" or key == "t a"
    local y = as_year(m.value:match("^%s*(%d%d%d%d)%s*$") or "")
    if is_year_key and y and y ~= report_year then
      add_label(bad, m.line, m.key .. ": " .. m.value, y)
    end
  end
end

-- Roles of the measured columns. A plan (target, pagu) labelled with a
-- past year while no column of its role has this year is stale; an outcome
-- (realisasi, capaian) of a past year is a comparison unless the table
-- measures it against a target and has no column of this year; an outcome
-- of a later year cannot exist yet.
local plan_roles = { target = true, pagu = true }
local outcome_roles = { realisasi = true, capaian = true, realisasi_anggaran = true, capaian_anggaran = true }

-- The stale header labels of a column list, { {header, year}, ... } in
-- column order: what check_headers reports, worked out from the list alone
-- (and the report year; t:col reads the same columns).
local function stale_headers(t, cols)
  local stale_list = {}
  local has_year, role_has_year, distinct, n = false, {}, {}, 0
  for i = 1, #cols do                 -- (numeric loops over the columns: every table, every report)
    local c = cols[i]
    if c.year == report_year then
      has_year = true
      role_has_year[c.role] = true
    end
    if c.year and (plan_roles[c.role] or outcome_roles[c.role]) and not distinct[c.year] then
      distinct[c.year] = true
      n = n + 1
    end
  end
  -- several other years and not this one: a trend of earlier years
  -- ("Realisasi 2016 | 2017 | 2018"), not a mislabelled table
  if not has_year and n > 1 then return stale_list end
  local measuring = (t:col("target") and t:col("capaian")) or (t:col("pagu") and t:col("capaian_anggaran"))
  for i = 1, #cols do
    local c = cols[i]
    local y = c.year
    if y and y ~= report_year and (plan_roles[c.role] or outcome_roles[c.role]) and not qualified(c.header) then
      local stale
      if plan_roles[c.role] then
        stale = y < report_year and not role_has_year[c.role]
      else
        -- a past year's outcome is a comparison, except in a table that
        -- measures it against a target with no column of this year: then
        -- the whole capaian table is another year's
        stale = y > report_year or (not has_year and measuring)
      end
      if stale then stale_list[#stale_list + 1] = { c.header, y } end
    end
  end
  return stale_list
end

-- The years of a column list's year columns (role "tahun"), in column order.
local function plan_years(cols)
  local years = {}
  for i = 1, #cols do
    local c = cols[i]
    if c.role == "tahun" and c.year then years[#years + 1] = c.year end
  end
  return years
end

-- What the headers say, per column list and report year: { stale =,
-- years = }. Tables whose columns say the same share one list
-- (t:columns(); every report of a long-form export has one header), and
-- both answers depend on the list (and the year) alone, so they are worked
-- out once for all of them (lib.indikator.by_columns) instead of walking
-- the columns of every table in Lua. By year: a long-form export holds
-- several years' reports. (stale_headers reads report_year, the year the
-- answer is kept under.)
local header_facts = ind.by_columns(function(t, cols)
  return { stale = stale_headers(t, cols), years = plan_years(cols) }
end)

local function check_headers(t, bad, facts)
  for _, s in ipairs(facts.stale) do add_label(bad, t.header_line, s[1], s[2]) end
end

-- A plan table (Renstra, RPJMD): its year columns hold targets, so it
-- must cover the report year. A table of earlier years' results (a trend
-- 2016–2018 in a 2019 report) has year columns too and is left alone:
-- the table must say it is a plan, by a Kondisi awal/akhir column, a
-- "Target" header over the years, or "Renstra"/"RPJMD" in its title.
local function is_plan_table(t)
  for _, c in ipairs(t:columns()) do
    if c.role == "kondisi_awal" or c.role == "kondisi_akhir" then return true end
    if c.role == "tahun" and text.normalize(c.header):find("target") then return true end
  end
  local words = { t.caption or "" }
  for _, ti in ipairs(t:titles()) do words[#words + 1] = ti.text end
  local n = text.normalize(table.concat(words, " "))
  return n:find("renstra") ~= nil or n:find("rpjm") ~= nil or n:find("rencana strategis") ~= nil
end

-- Renstra/RPJMD tables: year columns (role "tahun") spanning the plan
-- period. The period must cover the report year, and a year must not
-- repeat or go backwards (a typo such as 2017, 2018, 2018, 2020).
local function check_period(ctx, t, facts)
  local years = facts.years
  if #years < 2 then return end
  local first, last = years[1], years[#years]
  local shown = {}
  for i, y in ipairs(years) do shown[i] = tostring(y) end
  for i = 2, #years do
    local y, prev = years[i], years[i - 1]
    if y <= prev then
      ctx:emit("tahun.sequence", t, {
        line = t.header_line, years = table.concat(shown, ", "), year = tostring(y),
        what_id = y == prev and ("tahun " .. y .. " berulang") or ("tahun " .. y .. " sesudah " .. prev),
        what_en = y == prev and ("year " .. y .. " repeats") or ("year " .. y .. " comes after " .. prev),
      })
      return
    end
  end
  -- a report year inside the period but without its own column is a
  -- layout choice (biennial columns); one outside it means another period
  if report_year >= first and report_year <= last then return end
  if not is_plan_table(t) then return end
  ctx:emit("tahun.renstra", t, {
    line = t.header_line, years = table.concat(shown, ", "), first = tostring(first), last = tostring(last),
    year = tostring(report_year),
  })
end

-- ---- sentences that name the report itself ---------------------------

-- Names of the report, longest first so "laporan kinerja instansi
-- pemerintah" is taken whole rather than as "laporan kinerja".
local doc_names = {
  "laporan akuntabilitas kinerja instansi pemerintah", "laporan akuntabilitas kinerja",
  "laporan kinerja instansi pemerintah", "laporan kinerja", "lakip", "lkjip", "lkj", "laporan",
}
-- each name as a pattern (whole words, any spaces), and its first word:
-- a paragraph without that word cannot name it; where it has the word,
-- the pattern is tried there only (anchored), not at every byte after it
local doc_name_patterns, doc_name_heads = {}, {}
for i, name in ipairs(doc_names) do
  doc_name_patterns[i] = "^%f[%w]" .. name:gsub(" ", "%%s+") .. "%f[%W]"
  doc_name_heads[i] = name:match("^%S+")
end
-- the first words once each, for the one search whether a paragraph has
-- any; a word holding another ("lkjip" holds "lkj") is found when that one is
local any_doc_head, listed = {}, {}
for _, h in ipairs(doc_name_heads) do
  local holds_other = false
  for _, g in ipairs(doc_name_heads) do
    if g ~= h and h:find(g, 1, true) then holds_other = true end
  end
  if not holds_other and not listed[h] then
    listed[h] = true
    any_doc_head[#any_doc_head + 1] = h
  end
end
local any_doc_terms = lakip.terms(any_doc_head)

-- Words that, between the report's name and a year, show the year belongs
-- to something else: another document, a regulation, a comparison.
local stop_words = {
  renja = true, renstra = true, rpjmd = true, rpjm = true, rpjp = true, rkt = true, rkpd = true,
  pk = true, perjanjian = true, penetapan = true, peraturan = true, permen = true, permenpan = true,
  perpres = true, perbup = true, nomor = true, no = true, undang = true, dibandingkan = true,
  dibanding = true, perbandingan = true, sebelumnya = true, lalu = true, sejak = true, periode = true,
  sampai = true, hingga = true, data = true, dpa = true, apbd = true, apbdp = true, tapkin = true,
  iku = true, reviu = true, lakip = true, lkjip = true, laporan = true, dengan = true,
  membandingkan = true, bandingkan = true, terhadap = true, kenaikan = true, penurunan = true,
  peningkatan = true, meningkat = true, menurun = true, mengalami = true,
}

-- The sentence from position i of s: up to the next ". " before a capital
-- letter (so "Rp." and "1.958" do not end it), at most 400 bytes.
local function sentence_from(orig, i)
  local rest = orig:sub(i, i + 400)
  local e = text.sentence_end(rest, 1)          -- rest:find("[%.!?]%s+%u"), with plain searches
  if e then rest = rest:sub(1, e) end
  return rest
end

-- The words of s (runs of letters and digits), counted by string.gsub
-- without making a string per word.
local function word_count(s)
  local _, n = string.gsub(s, "%w+", "")
  return n
end

-- The stop words as a term set: a text that holds none of them anywhere
-- has none as a word of its own, so its words are not read one by one.
local stop_list = {}
for w in pairs(stop_words) do stop_list[#stop_list + 1] = w end
table.sort(stop_list)
local stop_terms = lakip.terms(stop_list)

local function has_stop_word(s)
  if not lakip.find_any(s, stop_terms) then return nil end
  for w in s:gmatch("%a+") do
    if stop_words[w] then return w end
  end
  return nil
end

-- The first "tahun [anggaran] YYYY" / "TA YYYY" / bare "YYYY" in s:
-- start, end, year text. The four forms, as patterns (s is lower-case):
--   "tahun%s+anggaran%s+(%d%d%d%d)%f[%D]", "tahun%s+(%d%d%d%d)%f[%D]",
--   "%f[%w]t%.?%s?a%.?%s+(%d%d%d%d)%f[%D]", "%f[%d](%d%d%d%d)%f[%D]";
-- the first place one of them matches, the earlier form on a tie. Each
-- ends with a run of exactly four digits, and the last matches at the
-- first such run; what precedes a run holds no digit, so a match ending
-- at a later run starts after the first run. So the answer is at the first
-- run of four digits: the text before it is read backwards for the other
-- forms (no pattern tried at every byte of the sentence).
local function is_space(c) return c == 32 or (c ~= nil and c >= 9 and c <= 13) end

-- The byte at i, nil outside s (string.byte reads place 0 as place 1).
local function byte_at(s, i)
  if i < 1 then return nil end
  return string.byte(s, i)
end

local function is_digit(c) return c ~= nil and c >= 48 and c <= 57 end

local function is_alnum(c)
  return c ~= nil and ((c >= 48 and c <= 57) or (c >= 65 and c <= 90) or (c >= 97 and c <= 122))
end

-- The place before the spaces that end s[..i] (at least one), or nil.
local function before_spaces(s, i)
  if not is_space(byte_at(s, i)) then return nil end
  repeat i = i - 1 until not is_space(byte_at(s, i))
  return i
end

-- Whether s[..i] ends with word; then the place of its first byte.
local function ends_with(s, i, word)
  local from = i - #word + 1
  if from >= 1 and string.sub(s, from, i) == word then return from end
  return nil
end

local function first_year(s)
  local d = lakip.find_digit(s, 1)
  while d do                                  -- the first run of exactly four digits
    local _, e = string.find(s, "^%d+", d)
    if e - d == 3 then break end
    d = lakip.find_digit(s, e + 1)
  end
  if not d then return nil end
  local best = d                              -- "%f[%d](%d%d%d%d)%f[%D]"
  local q = before_spaces(s, d - 1)
  if q then
    -- "tahun%s+anggaran%s+YYYY" and "tahun%s+YYYY"
    local ang = ends_with(s, q, "anggaran")
    local r = ang and before_spaces(s, ang - 1)
    local t1 = r and ends_with(s, r, "tahun")
    local t2 = ends_with(s, q, "tahun")
    -- "%f[%w]t%.?%s?a%.?%s+YYYY": the "a" (after its optional "."), then
    -- before it "t", "t.", "t " or "t. " (one of them at most)
    local apos = byte_at(s, q) == 46 and q - 1 or q
    local t3
    if byte_at(s, apos) == 97 then
      local c1 = byte_at(s, apos - 1)
      local t
      if c1 == 116 then t = apos - 1
      elseif c1 == 46 then t = byte_at(s, apos - 2) == 116 and apos - 2 or nil
      elseif is_space(c1) then
        local c2 = byte_at(s, apos - 2)
        if c2 == 116 then t = apos - 2
        elseif c2 == 46 and byte_at(s, apos - 3) == 116 then t = apos - 3 end
      end
      if t and not is_alnum(byte_at(s, t - 1)) then t3 = t end
    end
    -- the earliest start; on a tie the earlier form (which cannot tie here)
    for _, start in ipairs({ t1 or false, t2 or false, t3 or false }) do
      if start and start < best then best = start end
    end
  end
  return best, d + 3, string.sub(s, d, d + 3)
end

-- Whether s names year y as a number of its own (string.find(s, "%f[%d]"
-- .. y .. "%f[%D]")), looked for at each place y's digits occur.
local function names_year(s, y)
  local digits = tostring(y)
  local at = string.find(s, digits, 1, true)
  while at do
    if not is_digit(byte_at(s, at - 1)) and not is_digit(byte_at(s, at + #digits)) then return true end
    at = string.find(s, digits, at + 1, true)
  end
  return false
end

-- A quote of at most about 120 bytes: a long one keeps its first and last
-- words ("Laporan … (LAKIP) Dinas … Bangka Selatan Tahun 2018").
local function shorten(q)
  q = q:gsub("%s+", " ")
  if #q <= 120 then return q end
  local head = q:sub(1, 60):match("^(.*%S)%s") or q:sub(1, 60)
  local tail = q:sub(-50):match("%s(%S.*)$") or q:sub(-50)
  return head .. " … " .. tail
end

local NONE = {}              -- (read only)

-- Year labels of the report in paragraph p: { {year=, quote=} }.
-- A year counts only when the sentence says it is this report's year:
--   "LAKIP tahun 2018 ini"           the year followed by "ini"
--   "Laporan ini … tahun 2018"       "ini" right after the name, year close by
--   "penyusunan LAKIP … Tahun 2019"  the report being written (foreword)
--   "LAPORAN … TAHUN 2019 (LAKIP)"   the cover title, a short paragraph
local function report_years(p)
  local orig = p.text
  local s = string.lower(orig)        -- byte for byte: positions carry over
  if not lakip.find_any(s, any_doc_terms) then return NONE end   -- names none: one search
  local out, taken, seen = {}, {}, {}       -- taken: the names read, as ranges {a, b}
  for i, name in ipairs(doc_names) do
    local head = doc_name_heads[i]
    local a, b
    local pos = s:find(head, 1, true)
    while pos do
      -- the next place the name's pattern matches: at an occurrence of its first word
      a, b = s:find(doc_name_patterns[i], pos)
      while not a do
        pos = s:find(head, pos + 1, true)
        if not pos then break end
        a, b = s:find(doc_name_patterns[i], pos)
      end
      if not a then break end
      pos = b + 1
      local inside = false                    -- a, within a longer name read before
      for _, r in ipairs(taken) do
        if r[1] <= a and a <= r[2] then inside = true; break end
      end
      if not inside then
        taken[#taken + 1] = { a, b }
        local from = b + 1
        local paren = s:match("^%s*%(%s*%a+%s*%)()", from)   -- "(LAKIP)" after the full name
        if paren then from = paren end
        local rest = sentence_from(s, from)
        local self_ini = rest:find("^%s*ini%f[%W]") ~= nil
        local ya, yb, ytext = first_year(rest)
        local year = ytext and as_year(ytext)
        if year and (name ~= "laporan" or self_ini) then
          local between, after = rest:sub(1, ya - 1), rest:sub(yb + 1)
          local range = range_follows(after) or range_precedes(s:sub(math.max(1, from + yb - 24), from + yb - 5))
          local regulation = between:find("nomor%s+[%w%./]+%s*$")
          local words = word_count(between)
          -- "… tahun 2018 lalu", or a sentence that names this year too
          -- ("capaian tahun 2018 dan 2019"), compares years
          local earlier = after:find("^%s*lalu%f[%W]") or after:find("^%s*sebelumnya%f[%W]")
            or after:find("^%s*kemarin%f[%W]")
          local both = names_year(rest, report_year)
          if not range and not regulation and not earlier and not both and not has_stop_word(between) and words <= 40 then
            local before = s:sub(math.max(1, a - 40), a - 1)
            local how
            if after:find("^%s*ini%f[%W]") then how = "ini"
            elseif self_ini and words <= 8 then how = "ini"
            elseif before:find("menyelesaikan%s+penyusunan%s+$") or before:find("tersusunnya%s+$")
                or before:find("dapat%s+menyusun%s+$") or before:find("telah%s+menyusun%s+$") then
              how = "penyusunan"
            elseif a <= 3 and not orig:sub(a, from + yb - 1):find("%l")
                and after:find("^%s*%(?%s*%a*%s*%)?%s*$") then
              how = "cover"                    -- a title in capitals: the whole paragraph
            end
            local at = from + ya - 1           -- where the year phrase starts in the paragraph
            if how and not seen[at] then
              seen[at] = true
              local stop = from + yb - 1
              if how == "ini" and after:find("^%s*ini%f[%W]") then stop = stop + #after:match("^%s*ini") end
              out[#out + 1] = { year = year, quote = shorten(orig:sub(a, stop)) }
            end
          end
        end
      end
    end
  end
  return out
end

return {
  rules = {
    {
      id = "tahun.table", severity = "warning",
      fields = { "year", "labels", "report_year" },
      title = text_pair("Label tahun tabel tidak sama dengan tahun laporan",
                        "A table's year label differs from the report year"),
      explanation = text_pair(
        "Judul tabel, baris keterangan (\"Tahun Anggaran\") atau kepala kolom (\"Target 2019\") menyebut tahun yang bukan tahun laporan. Biasanya tabel laporan tahun sebelumnya disalin tanpa mengganti tahunnya, sehingga pembaca tidak tahu tahun mana yang diukur. Tahun yang memang lain tidak dilaporkan: periode Renstra/RPJMD (\"2016 - 2021\"), kolom pembanding tahun lalu di samping kolom tahun laporan (\"Realisasi 2018\" dengan \"Realisasi 2019\"), tabel tren beberapa tahun sebelumnya, realisasi tahun lalu dalam tabel tanpa target, kolom target akhir periode, dan judul yang juga menyebut tahun laporan. \"Target 2018\" sebagai satu-satunya kolom target dalam laporan 2019 dilaporkan.",
        "A table title, a metadata row (\"Tahun Anggaran\") or a column header (\"Target 2019\") names a year that is not the report year. Usually last year's table was copied without changing the year, so the reader cannot tell which year is measured. Years that are legitimately other are not reported: Renstra/RPJMD periods (\"2016 - 2021\"), a previous-year comparison column next to the report year's (\"Realisasi 2018\" beside \"Realisasi 2019\"), trend tables of several earlier years, a past-year realisasi in a table without targets, end-of-period target columns, and titles that also name the report year. \"Target 2018\" as the only target column of a 2019 report is reported."),
      message = text_pair("Tabel ini diberi label tahun {year} ({labels}), padahal laporan ini untuk tahun {report_year}.",
                          "This table is labelled {year} ({labels}), but the report is for {report_year}."),
      fix = text_pair("Ganti {year} dengan {report_year}, atau nyatakan bahwa tabel ini memang data tahun {year} (misalnya \"Realisasi {year} (tahun lalu)\").",
                      "Replace {year} with {report_year}, or say that the table really holds {year} data (e.g. \"Realisasi {year} (previous year)\")."),
      example = "Tabel REALISASI PERJANJIAN KINERJA (PK), baris 472: \"Tahun Anggaran: 2018\" dalam LAKIP tahun 2019.",
    },
    {
      id = "tahun.narrative", severity = "warning",
      fields = { "quote", "year", "report_year" },
      title = text_pair("Kalimat tentang laporan ini menyebut tahun lain",
                        "A sentence about this report names another year"),
      explanation = text_pair(
        "Kalimat yang menyebut laporan ini sendiri (\"LAKIP tahun 2018 ini\", \"Laporan ini … tahun 2018\", \"penyusunan LAKIP … Tahun 2018\" di kata pengantar, judul sampul) memakai tahun yang bukan tahun laporan: teks laporan tahun lalu yang tidak diperbarui. Tahun dalam kalimat lain tidak diperiksa: peraturan (\"Nomor 29 Tahun 2014\"), periode Renstra/RPJMD, perbandingan dengan tahun sebelumnya (\"Pada tahun 2017 dilakukan reviu\") dan tanggal.",
        "A sentence that names this report itself (\"LAKIP tahun 2018 ini\", \"Laporan ini … tahun 2018\", \"penyusunan LAKIP … Tahun 2018\" in the foreword, the cover title) uses a year that is not the report year: last year's text left unchanged. Years in other sentences are not checked: regulations (\"Nomor 29 Tahun 2014\"), Renstra/RPJMD periods, comparisons with earlier years (\"Pada tahun 2017 dilakukan reviu\") and dates."),
      message = text_pair("\"{quote}\" menyebut laporan ini sebagai laporan tahun {year}, padahal laporan ini untuk tahun {report_year}.",
                          "\"{quote}\" calls this report the {year} report, but it is for {report_year}."),
      fix = text_pair("Ganti {year} dengan {report_year}.", "Replace {year} with {report_year}."),
      example = "Baris 418: \"Indikator dalam LAKIP tahun 2018 ini mengacu pada indikator sesuai Perjanjian Kinerja\" dalam LAKIP tahun 2019.",
    },
    {
      id = "tahun.renstra", severity = "warning",
      fields = { "years", "year" },
      title = text_pair("Tabel Renstra/RPJMD tidak mencakup tahun laporan",
                        "Renstra/RPJMD table does not cover the report year"),
      explanation = text_pair(
        "Tabel target per tahun (Renstra, RPJMD) dipakai untuk mencocokkan target tahun laporan dengan rencana jangka menengah. Bila periode kolom tahunnya berakhir sebelum atau dimulai sesudah tahun laporan, tabel itu berasal dari periode lain (disalin dari laporan lama) atau kolomnya salah label, dan target tahun ini tidak dapat dicocokkan. Hanya tabel yang menyatakan dirinya rencana (kolom Kondisi awal/akhir, kepala \"Target\" di atas kolom tahun, atau \"Renstra\"/\"RPJMD\" pada judulnya) yang diperiksa: tabel tren realisasi tahun-tahun sebelumnya memang tidak memuat tahun laporan.",
        "A table of targets per year (Renstra, RPJMD) is how the report year's target is matched against the medium-term plan. When its year columns end before or start after the report year, the table belongs to another period (copied from an old report) or its columns are mislabelled, and this year's target cannot be matched. Only tables that say they are a plan (a Kondisi awal/akhir column, a \"Target\" header over the year columns, or \"Renstra\"/\"RPJMD\" in the title) are checked: a trend table of earlier years' results rightly lacks the report year."),
      message = text_pair("Kolom tahun tabel ini ({years}) tidak mencakup tahun laporan {year}.",
                          "The year columns of this table ({years}) do not cover the report year {year}."),
      fix = text_pair("Sajikan tabel Renstra/RPJMD yang periodenya mencakup {year}, atau perbaiki label kolomnya.",
                      "Show the Renstra/RPJMD table whose period covers {year}, or correct its column labels."),
      example = "Tabel Renstra baris 422–423 (kolom Target Capaian Setiap Tahun 2017, 2018, 2019, 2020, 2021) mencakup 2019: lolos. Laporan tahun 2022 yang menyalin tabel ini menjadi temuan.",
    },
    {
      id = "tahun.sequence", severity = "warning",
      fields = { "years", "what_id", "what_en" },
      title = text_pair("Kolom tahun berulang atau tidak berurutan", "Year columns repeat or go backwards"),
      explanation = text_pair(
        "Kolom tahun tabel Renstra/RPJMD semestinya berurutan (2017, 2018, 2019, …). Tahun yang berulang atau mundur hampir selalu salah ketik, sehingga target sebuah tahun tidak dapat ditemukan. Selang tahun (mis. 2015, 2017, 2019) tidak dilaporkan.",
        "The year columns of a Renstra/RPJMD table should run in order (2017, 2018, 2019, …). A year that repeats or goes backwards is almost always a typo, and a year's target cannot be found. Gaps (e.g. 2015, 2017, 2019) are not reported."),
      message = text_pair("Kolom tahun {years}: {what_id}.", "Year columns {years}: {what_en}."),
      fix = text_pair("Perbaiki label kolom tahunnya.", "Correct the year column labels."),
      example = "Tabel Renstra baris 423: 2017, 2018, 2019, 2020, 2021 berurutan (lolos); \"2017, 2018, 2018, 2020, 2021\" menjadi temuan.",
    },
  },

  -- (no begin: the year is read where it is used, from ctx.report; a
  -- hook that only kept it cost a protected call per report)
  check_table = function(ctx, t)
    report_year = ctx.report.year
    if not report_year then return end
    local facts = header_facts(t, report_year)     -- (once for both: a t:columns() call)
    -- titles, metadata and a caption from the source read only when the
    -- table has them (lakip.table_heads: the counts without t:titles()
    -- and t:meta()'s lists; most tables have none): check_titles reads a
    -- caption only when it has a line, and a table without anything to
    -- read makes no list of labels
    local titles, meta, caption_line = lakip.table_heads(t)
    if titles == 0 and meta == 0 and caption_line <= 0 and #facts.stale == 0 then
      check_period(ctx, t, facts)
      return
    end
    local bad = {}
    check_titles(t, bad)
    check_meta(t, bad)
    check_headers(t, bad, facts)
    if #bad > 1 then table.sort(bad, function(a, b) return a.line < b.line end) end   -- most tables: none
    for _, e in ipairs(bad) do
      local quoted = {}
      for i, l in ipairs(e.labels) do quoted[i] = "\"" .. l .. "\"" end
      ctx:emit("tahun.table", t, {
        line = e.line, year = tostring(e.years[1]), labels = table.concat(quoted, ", "),
        report_year = tostring(report_year),
      })
    end
    check_period(ctx, t, facts)
  end,

  -- (finish reads only the narrative of a report with a year: not called for
  -- another; check_table sets report_year itself)
  needs = { finish = { paragraphs = 1, year = true } },

  finish = function(ctx, report)
    report_year = report.year
    if not report_year or report.paragraph_count == 0 then return end
    for _, p in report:paragraphs() do
      for _, hit in ipairs(report_years(p)) do
        if hit.year ~= report_year then
          ctx:emit("tahun.narrative", { file = p.file, line = p.line }, {
            quote = hit.quote, year = tostring(hit.year), report_year = tostring(report_year),
          })
        end
      end
    end
  end,
}
