-- rules/lib/indikator.lua — when are two indicator names the same
-- indicator, and where does a table keep an indicator's numbers. Used by
-- the cross-table rules (konsistensi, renstra, duplikat).
--
-- The match rule (key/same). Two names are the same indicator when their
-- keys are equal. The key is the name with only the differences that a
-- typist makes removed, never ones that change what is measured:
--   1. markup (<b>, **, HTML entities) and letter case;
--   2. leading numbering: "1.", "12)", "(3)", "1.2.", "a.", "b)", "iv.";
--   3. punctuation, including a trailing ";" or ":"; "&" reads "dan";
--      apostrophes are dropped ("Al-qur'an" = "Al-quran"); spacing;
--   4. whole-word typos: persentasi / prosentase / prosentasi / presentase
--      -> persentase, inspektoral -> inspektorat, social -> sosial;
--   5. whole-word abbreviations: org -> orang, jml -> jumlah, yg -> yang,
--      dgn/dg -> dengan, thd -> terhadap, dlm -> dalam, utk -> untuk,
--      kab -> kabupaten, kec -> kecamatan;
--   6. one phrase synonym: "evaluasi AKIP / SAKIP / LAKIP / LKjIP" is one
--      score — KemenPANRB's yearly evaluation of the agency's performance
--      accountability system, of which the LAKIP is the part reported — so
--      the seed's Renstra "Nilai Evaluasi AKIP" (65 in 2019) is the PK's
--      "Nilai Evaluasi LAKIP" (target 65).
-- Nothing else is merged: no stemming, no word order, no fuzzy distance.
-- "Jumlah Kasus Kekerasan Terhadap Anak dan Perempuan" and "... yang
-- Tertangani" stay different indicators (one counts cases, the other the
-- cases handled), and so do "Persentase Keterwakilan Perempuan Dalam
-- Lembaga Pemerintah" and "Tingkat Partisipasi Perempuan Dalam Lembaga
-- Pemerintah", whatever their numbers suggest: a rule that matched names
-- by their numbers would find the contradictions it assumed.
local M = {}

local gsub, find = string.gsub, string.find

-- Misspellings seen in real reports, as whole words.
M.typos = {
  persentasi = "persentase", prosentase = "persentase", prosentasi = "persentase",
  presentase = "persentase",
  inspektoral = "inspektorat",
  social = "sosial",
}

-- Abbreviations with one meaning in indicator names, as whole words.
M.abbreviations = {
  org = "orang", jml = "jumlah", yg = "yang", dg = "dengan", dgn = "dengan",
  thd = "terhadap", dlm = "dalam", utk = "untuk", kab = "kabupaten", kec = "kecamatan",
}

-- Phrases that name one indicator, applied to the key's words.
M.phrases = {
  { "evaluasi sakip", "evaluasi akip" },
  { "evaluasi lakip", "evaluasi akip" },
  { "evaluasi lkjip", "evaluasi akip" },
}

-- Leading numbering, as the patterns key() strips the first of (in C,
-- lakip.indicator_key); each must be followed by a space or a letter, so
-- "1.000 Desa" keeps its number:
--   "^%(?%d[%d%.]*[%.%)]%f[%s%a]"    1.  12)  (3)  1.2.
--   "^%(?%a[%.%)]%s"                 a.  b)  (c) — one letter, then a space
--   "^[ivx]+[%.%)]%s"                iv.

-- One replacement table for string.gsub(s, "%a+", words): a single pass.
local words = {}
for k, v in pairs(M.typos) do words[k] = v end
for k, v in pairs(M.abbreviations) do words[k] = v end

-- Names repeat between the tables of one report, and between the rule
-- files that use this module: f(name) remembered for the last few hundred
-- names, not all of a million-row export, in `shared` (one store per
-- engine for every file's instance: sandbox.c). That is sound because the
-- memoised functions depend on the name and on what this file made when
-- it loaded (words, phrases, loose_abbreviations below: copies, so a rule
-- that changes M.typos or M.phrases changes neither its keys nor anyone
-- else's), never on a field of M.
local function memo(f, name_of_store)
  local store = shared[name_of_store] or { cache = {}, cached = 0 }
  shared[name_of_store] = store
  return function(name)
    if not name then return "" end
    local hit = store.cache[name]
    if hit then return hit end
    local out = f(name)
    if store.cached >= 512 then store.cache, store.cached = {}, 0 end
    store.cache[name], store.cached = out, store.cached + 1
    return out
  end
end

-- key(name) -> the normalised key; "" for an empty name.
-- "1. Prosentase  PMKS yang <b>Tertangani</b>;" -> "persentase pmks yang tertangani"
-- lakip.indicator_key (C, src/engine/text_fns.c) does all but the phrases,
-- each step as the string.gsub it replaces did: lower case; for a name
-- with anything but letters, digits and spaces, markup (<...>), &amp; and
-- other entities, a no-break space, curly apostrophes (dropped: they
-- join), bullets and dashes (spaces), ' and ` (dropped), leading spaces,
-- * and _, then one leading numbering (above: "1.", "12)", "(3)",
-- "1.2.", "a.", "b)", "iv."), & as " dan ", punctuation as
-- spaces; then every run of letters through `words`, runs of spaces one
-- space, no space at either end.
local phrases = {}                        -- M.phrases as loaded (see memo)
for i, ph in ipairs(M.phrases) do phrases[i] = { ph[1], ph[2] } end

local key = memo(function(name)
  local s = lakip.indicator_key(name, words)
  if find(s, "evaluasi", 1, true) then
    for _, ph in ipairs(phrases) do s = gsub(s, "%f[%w]" .. ph[1] .. "%f[%W]", ph[2]) end
  end
  return s
end, "key")
M.key = key

-- same(a, b) -> true when the two names are one indicator.
function M.same(a, b)
  local ka = M.key(a)
  return ka ~= "" and ka == M.key(b)
end

-- The loose match (loose_key/same_loose), for finding an indicator again
-- in another table when one table rewords it. On top of key():
--   1. "%" opening the name reads "persentase" ("% PMKS yang tertangani" =
--      "Persentase PMKS yang tertangani"); a unit "(%)" is dropped;
--   2. abbreviations with one meaning in indicator names: ops ->
--      operasional, masy -> masyarakat, adm/admin -> administrasi, pel ->
--      pelayanan, prov -> provinsi, pemb -> pembangunan, sarpras -> sarana
--      prasarana, pddk -> penduduk;
--   3. the joining words dan, yang, serta, di, pada, dalam, the are dropped
--      and word order is ignored (the words are sorted): "Tingkat Kepatuhan
--      Pelaporan Keuangan dan Kinerja" = "... Kinerja dan Keuangan", while
--      "Persentase Desa yang Dientaskan" and "Persentase Dientaskannya Desa"
--      stay apart (another word). Not in a name that relates two things by
--      order — terhadap, per, dibanding(kan), atas, dari, banding, ":" —
--      where "Rasio Murid terhadap Guru" is not "Rasio Guru terhadap Murid".
-- Words are never dropped otherwise: "Jumlah X" and "Persentase X" stay
-- apart, and so do "X" and "X yang Tertangani". Measured on every fixture
-- report (docs/PRECISION.md): no two indicators with different keys of one
-- report share a loose key unless they are the same indicator reworded.
M.loose_abbreviations = {
  ops = "operasional", masy = "masyarakat", adm = "administrasi", admin = "administrasi",
  pel = "pelayanan", prov = "provinsi", pemb = "pembangunan", sarpras = "sarana prasarana",
  pddk = "penduduk",
}

local loose_abbreviations = {}             -- M.loose_abbreviations as loaded (see memo)
for k, v in pairs(M.loose_abbreviations) do loose_abbreviations[k] = v end

local loose_drop = { ["dan"] = true, ["yang"] = true, ["serta"] = true, ["di"] = true, ["pada"] = true,
                     ["dalam"] = true, ["the"] = true }

-- Words that make the order of a name's parts its meaning.
local loose_order = { terhadap = true, per = true, dibanding = true, dibandingkan = true, atas = true,
                      dari = true, banding = true }

M.loose_key = memo(function(name)
  local s = name
  if find(s, "%", 1, true) then               -- both steps are about a percent sign
    s = gsub(s, "%(%s*%%%s*%)", " ")
    -- "% PMKS", "1. % PMKS": a leading percent sign is the word persentase
    s = gsub(s, "^(%s*[%d%.%)%(]*%s*)%%", "%1 persentase ", 1)
  end
  local k = key(s)
  local ordered = find(s, ":", 1, true) ~= nil
  -- the words, abbreviations spelt out, joining words dropped, sorted
  -- unless the order matters: in C (lakip.loose_words), as this loop does
  local words = lakip.loose_words(k, ordered, loose_abbreviations, loose_drop, loose_order)
  if words then return words end
  local ws = {}                               -- an abbreviation that is no string
  for w in string.gmatch(k, "%S+") do
    w = loose_abbreviations[w] or w
    if loose_order[w] then ordered = true end
    if not loose_drop[w] then ws[#ws + 1] = w end
  end
  if not ordered then table.sort(ws) end
  return table.concat(ws, " ")
end, "loose_key")

-- same_loose(a, b) -> true when the two names are one indicator, reworded.
function M.same_loose(a, b)
  local ka = M.loose_key(a)
  return ka ~= "" and ka == M.loose_key(b)
end

-- Where tables keep an indicator's numbers --------------------------------

-- t:columns() of the table asked last, kept for every rule file of the
-- engine (`shared`: every family asks it of the same tables, one family
-- after another, and in a long-form export a report has one table): a
-- method call on a view costs some 750 instructions (callgrind), and
-- eight families asked it of every table of every report, several of
-- them twice. The list a view gives never changes, and a view is one
-- table's (a kept view keeps its identity: another table's view is never
-- equal to it), so the view is the key. One place: under the instruction
-- budget's count hook every Lua instruction costs some 30 (a loop over
-- four places cost more than the call it saved).
local last = shared.last_columns
if not last then
  last = { view = false, list = false }
  shared.last_columns = last
end

-- columns(t) -> t:columns()
local function columns_of(t)
  if last.view == t then return last.list end
  local list = t:columns()
  if type(t) == "userdata" then last.view, last.list = t, list end   -- a view (a rule's own table may answer anew)
  return list
end
M.columns = columns_of

-- The first column of each role of table t, by role name: what t:col(role)
-- answers, for the roles t has (an absent role is nil). Read it, never
-- write it: it is shared. A t:col call is a method looked up on the
-- table's view and a call into C, which most families made several times
-- on every table of every report; the answer depends on the roles of the
-- columns alone, which t:columns() holds, so it is worked out once per
-- column list (every report of a long-form export has the same). (Kept
-- by the table as well, in a weak table, it cost more than it saved:
-- every report's tables went in and were swept out again.)
local roles_of_list = setmetatable({}, { __mode = "k" })    -- t:columns() -> roles

function M.roles(t)
  local list = last.view == t and last.list or columns_of(t)   -- (columns_of's test, without its call)
  local r = roles_of_list[list]
  if not r then
    r = {}
    for i = 1, #list do
      local role = list[i].role
      if role ~= "" and not r[role] then r[role] = i end
    end
    roles_of_list[list] = r
  end
  return r
end

-- A Renstra table: an indicator column and at least two target-year
-- columns. Returns the year columns sorted by year: { {year=, col=}, ... },
-- or nil.
function M.renstra_years(t)
  -- no year column: answered by the roles (most tables have none)
  local roles = M.roles(t)
  if not roles.indikator or not roles.tahun then return nil end
  local years = {}
  local columns = columns_of(t)
  for i = 1, #columns do              -- (a numeric loop: every table of every report)
    local c = columns[i]
    if c.role == "tahun" and c.year then years[#years + 1] = { year = c.year, col = i } end
  end
  if #years < 2 then return nil end
  table.sort(years, function(a, b) return a.year < b.year end)
  return years
end

-- The target, realisasi, capaian and satuan columns of table t for `year`:
-- a column labelled with that year wins, else one without a year; a column
-- labelled with another year is not this year's. Returns { target=,
-- realisasi=, capaian=, satuan= } (1-based indexes, any may be nil).
-- `columns` is a list like t:columns() to pick from instead of t's own.
--
-- A capaian beside another year's target (a "Target akhir Renstra 2021"
-- column) measures against that target, not this year's: without a target
-- of the year, a table's capaian is not used.
--
-- The loop below is what t:value_columns(year) does in C, which answers
-- when no list is given: families ask this of every table of every report
-- (tests/unit/test_script.c compares the two).
--
-- Without a list the answer is kept by the table's t:columns() list and
-- the year, and shared: the answer depends on the columns' roles and
-- years alone, which the list holds, and every report of a long-form
-- export has the same list, so eight families asking it of every table
-- made (and collected) a Lua table each time where one per header and
-- year does. Read it, never write it (as t:columns()). A NaN year cannot
-- key a table: asked in C each time.
local NO_YEAR = {}                                      -- the key of a nil year

-- by_columns(make) -> f(t, year): make(t, t:columns(), year), remembered
-- per t:columns() list and year, for an answer that depends on the
-- columns (their roles, years, headers ...) and the year alone: the
-- tables of a long-form export share one list, so it is worked out once
-- per header and year instead of for every table of every report. A NaN
-- year cannot key a table: make is asked each time. Read its answers,
-- never write them: they are shared.
function M.by_columns(make)
  local by_list = setmetatable({}, { __mode = "k" })   -- t:columns() -> year -> answer
  return function(t, year)
    local list = columns_of(t)
    local by_year = by_list[list]
    if not by_year then
      by_year = {}
      by_list[list] = by_year
    end
    local key = year
    if key == nil then key = NO_YEAR elseif key ~= key then return make(t, list, year) end
    local v = by_year[key]
    if v == nil then
      v = make(t, list, year)
      by_year[key] = v
    end
    return v
  end
end

-- (by_columns' steps written out here, not a call of a memo it made: a
-- Lua call is some 200 instructions, and eight families ask this of
-- every table)
local value_columns_by_list = setmetatable({}, { __mode = "k" })   -- t:columns() -> year -> answer

function M.value_columns(t, year, columns)
  if not columns then
    local list = last.view == t and last.list or columns_of(t)
    local by_year = value_columns_by_list[list]
    if not by_year then
      by_year = {}
      value_columns_by_list[list] = by_year
    end
    local key = year
    if key == nil then key = NO_YEAR elseif key ~= key then return t:value_columns(year) end
    local cols = by_year[key]
    if not cols then
      cols = t:value_columns(year)
      by_year[key] = cols
    end
    return cols
  end
  local cols = {}
  local exact = {}
  local has_target = false
  for i = 1, #columns do
    local c = columns[i]
    local r = c.role
    if r == "target" or r == "realisasi" or r == "capaian" or r == "satuan" then
      if r == "target" then has_target = true end
      if c.year and year and c.year == year then
        if not exact[r] then cols[r], exact[r] = i, true end
      elseif not c.year or not year then
        if not cols[r] then cols[r] = i end
      end
    end
  end
  if has_target and not cols.target then cols.capaian = nil end
  return cols
end

-- True when the table's caption or titles name years and none is `year`
-- ("Capaian Kinerja Tahun 2018" in a 2019 report): its numbers are another
-- year's. Table meta (Tahun Anggaran) is not used: the seed's 2019 PK
-- table says "Tahun Anggaran 2018" by mistake.
function M.other_year(t, year)
  if not year then return false end
  local parts = { t.caption or "" }
  for _, x in ipairs(t:titles()) do parts[#parts + 1] = x.text end
  local named = false
  for y in string.gmatch(table.concat(parts, " "), "%f[%d](%d%d%d%d)%f[%D]") do
    local n = tonumber(y)
    if n >= 1990 and n <= 2100 then
      if n == year then return false end
      named = true
    end
  end
  return named
end

local function titles_text(t)
  local parts = { t.caption or "" }
  for _, x in ipairs(t:titles()) do parts[#parts + 1] = x.text end
  return " " .. M.key(table.concat(parts, " ")) .. " "
end

-- How a table presents itself: "pk" (caption or title says Perjanjian
-- Kinerja / PK, or Penetapan Kinerja, its name before PermenPANRB 53/2014), "iku" (Indikator Kinerja Utama / IKU), else "other".
function M.table_kind(t)
  local s = titles_text(t)
  if find(s, " perjanjian kinerja ", 1, true) or find(s, " penetapan kinerja ", 1, true) or find(s, " pk ", 1, true) then return "pk" end
  if find(s, " indikator kinerja utama ", 1, true) or find(s, " iku ", 1, true) then return "iku" end
  return "other"
end

-- How far a table is the reference for an indicator's numbers: 3 for the
-- Perjanjian Kinerja with a realisasi column (the commitment the other
-- tables report on), 2 for another PK table, 1 for an IKU table, 0 else.
-- `cols` is value_columns(t, year).
function M.rank(t, cols)
  local kind = M.table_kind(t)
  if kind == "pk" then return cols.realisasi and 3 or 2 end
  return kind == "iku" and 1 or 0
end

-- The unit a value is in, for comparison: "%" for a percentage, the
-- canonical unit (lib.text.unit) of the cell or of the row's Satuan
-- column, or nil when the value is written bare.
function M.unit_of(c, satuan_text)
  if c.percent then return "%" end
  if c.unit and c.unit ~= "" then return lib.text.unit(c.unit) end
  local u = lib.text.unit(satuan_text)
  if u ~= "" then return u end
  return nil
end

-- Two cells say the same: equal decimals ("6,50" = "6,5", "117,50%" =
-- "117,50 %", "50" = "50%"), or, for non-numbers, the same normalised text.
function M.same_value(a, b)
  if a.kind == "value" and b.kind == "value" then return a.value == b.value end
  if a.kind == "value" or b.kind == "value" then return false end
  return lib.text.normalize(a.text) == lib.text.normalize(b.text)
end

-- a = b × 10^k for k in ±1, ±2: a shifted decimal point. Returns k or nil.
function M.shift(a, b)
  if a:is_zero() or b:is_zero() then return nil end
  for _, k in ipairs({ 1, 2 }) do
    local f = k == 1 and 10 or 100
    if a == b * f then return k end
    if a * f == b then return -k end
  end
  return nil
end

-- The name of a file after its last "/" (what string.match(file,
-- "[^/]*$") gives, without a pattern tried at every byte), remembered:
-- findings name the same few files again and again.
local basenames, nbasenames = {}, 0
local function basename(file)
  local name = basenames[file]
  if name then return name end
  local last, at = 0, string.find(file, "/", 1, true)
  while at do
    last = at
    at = string.find(file, "/", at + 1, true)
  end
  name = string.sub(file, last + 1)
  if nbasenames >= 256 then basenames, nbasenames = {}, 0 end
  basenames[file], nbasenames = name, nbasenames + 1
  return name
end

-- "lakip-2019-bangka-selatan.md:489"
function M.place(file, line)
  return basename(file or "") .. ":" .. tostring(line)
end

return M
