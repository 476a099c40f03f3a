-- rules/kategori.lua — the labels a table gives its capaian (a Kategori,
-- Predikat or Keterangan column: "Sangat Tinggi", "Baik", "Tercapai")
-- against the capaian and the rating scale.
--
-- The scale: the one the report declares — a table of bands (a label cell
-- and a range cell per row) or sentences and list items ("Sangat Baik :
-- > 90", "76 – 90 = Tinggi", "85 < x ≤ 100 Memuaskan"), three to seven
-- bands, bounds inclusive or exclusive as written — else, for the
-- Tinggi/Sedang/Rendah labels, the five bands of Permendagri 86/2017
-- (≥ 91, 76–90, 66–75, 51–65, ≤ 50), said to be assumed. A value in a gap
-- between declared whole-number bands (90,5 between "76–90" and "91–100")
-- may take either neighbour.
--   kategori.label     a label that is not the declared scale's band;
--   kategori.assumed   the same against the assumed bands (info);
--   kategori.order     without any scale for its labels: a row with a
--                      higher capaian than another has a worse label;
--   kategori.tercapai  "Tercapai" / "Melampaui target" under 100%, or
--                      "Tidak/Belum tercapai" at 100% or more (without a
--                      capaian column: realisasi against target, by the
--                      indicator's direction).
local text = lib.text

local function text_pair(id, en) return { id = id, en = en } end

-- Rating words, worst to best within each family; the rank orders labels
-- for kategori.order.
local ranks = {
  ["sangat rendah"] = 1, ["rendah"] = 2, ["sedang"] = 3, ["tinggi"] = 4, ["sangat tinggi"] = 5,
  ["sangat kurang"] = 1, ["buruk"] = 1, ["kurang"] = 2, ["cukup"] = 3, ["cukup baik"] = 3,
  ["baik"] = 4, ["sangat baik"] = 5, ["baik sekali"] = 5, ["istimewa"] = 6,
  ["tidak memuaskan"] = 1, ["kurang memuaskan"] = 2, ["cukup memuaskan"] = 3,
  ["memuaskan"] = 4, ["sangat memuaskan"] = 5,
  ["perlu pembenahan"] = 1,
}
-- longest first, so "sangat tinggi" is found before "tinggi"
local label_words = {}
for w in pairs(ranks) do label_words[#label_words + 1] = w end
table.sort(label_words, function(a, b) if #a ~= #b then return #a > #b end return a < b end)
-- The labels that contain no other label ("rendah", not "sangat rendah"):
-- a text has some label exactly when it has one of these.
-- (A label inside another is shorter than it: only the shorter ones, which
-- come after it in label_words, are looked for.)
local label_cores = {}
for i, w in ipairs(label_words) do
  local core = true
  for k = i + 1, #label_words do
    local v = label_words[k]
    if #v < #w and string.find(w, v, 1, true) then
      core = false
      break
    end
  end
  if core then label_cores[#label_cores + 1] = w end
end
-- each label as a whole word, tried only where the label's letters are
-- (anchored: a frontier pattern tried at every byte of a paragraph costs
-- more than a plain search for the letters)
local label_core_set = lakip.terms(label_cores)
local label_at = {}
for i, w in ipairs(label_words) do label_at[i] = "^%f[%a]" .. w .. "%f[%A]" end

local achieved_words = {
  ["tercapai"] = "met", ["sudah tercapai"] = "met", ["telah tercapai"] = "met",
  ["melampaui target"] = "exceeded", ["melebihi target"] = "exceeded", ["terlampaui"] = "exceeded",
  ["tidak tercapai"] = "missed", ["belum tercapai"] = "missed", ["tidak mencapai target"] = "missed",
  ["belum mencapai target"] = "missed",
}

local function d(s) return decimal.new(s) end

-- Permendagri 86/2017 (evaluasi hasil RKPD), capaian in %.
local assumed = {
  source_id = "skala Permendagri 86/2017 (anggapan: laporan tidak menyatakan skala)",
  source_en = "the Permendagri 86/2017 scale (assumed: the report declares none)",
  assumed = true,
  bands = {
    { label = "sangat tinggi", lo = d(91), lo_incl = true },
    { label = "tinggi", lo = d(76), lo_incl = true, hi = d(90), hi_incl = true },
    { label = "sedang", lo = d(66), lo_incl = true, hi = d(75), hi_incl = true },
    { label = "rendah", lo = d(51), lo_incl = true, hi = d(65), hi_incl = true },
    { label = "sangat rendah", hi = d(50), hi_incl = true },
  },
}

-- Ranges -------------------------------------------------------------------

-- The next byte at or after i a token can start with, as
-- string.find(s, "[<>%d%^%-]", i): by a plain search per kind instead (a
-- range's segment of a paragraph can be the narrative before a label, with
-- a number or two and no sign: the class tried at every byte of it was
-- half of parsing it).
local signs = { "<", ">", "^", "-" }
local function token_start(s, i)
  local first = lakip.find_digit(s, i)
  for _, c in ipairs(signs) do
    local at = string.find(s, c, i, true)
    if at and (not first or at < first) then first = at end
  end
  return first
end

-- Whether s has "ke", spaces and word, as string.find(s, "ke%s*" .. word):
-- by a plain search for word and a look back over the spaces before it
-- ("atas" is a common word; the pattern tried at every byte of a long
-- segment cost more than the rest of its parse).
local spaces = { [9] = true, [10] = true, [11] = true, [12] = true, [13] = true, [32] = true }   -- %s
local function ke_then(s, word)
  local at = string.find(s, word, 1, true)
  while at do
    local j = at - 1
    while j >= 1 and spaces[string.byte(s, j)] do j = j - 1 end
    if j >= 2 and string.sub(s, j - 1, j) == "ke" then return true end
    at = string.find(s, word, at + 1, true)
  end
  return false
end

-- The numbers and comparison signs of a range text, in order; no more
-- than five (parse_range takes at most four).
local function tokens(s)
  s = string.lower(s)
  -- each replacement only where its literal text is (a plain search
  -- first: a gsub tries its pattern at every byte)
  local function sub(lit, pat, rep)
    if string.find(s, lit, 1, true) then s = string.gsub(s, pat, rep) end
  end
  sub("\u{2265}", "\u{2265}", " >= ")
  sub("\u{2264}", "\u{2264}", " <= ")
  sub("&gt;", "&gt;", ">")
  sub("&lt;", "&lt;", "<")
  for _, dash in ipairs({ "\u{2013}", "\u{2014}", "\u{2212}" }) do sub(dash, dash, "-") end
  for _, w in ipairs({ { "sampai dengan", "sampai dengan" }, { "s.d", "s%.d%.?" }, { "s/d", "s/d" }, { "sampai", "sampai" },
                       { "hingga", "hingga" } }) do sub(w[1], w[2], " - ") end
  for _, w in ipairs({ "lebih dari", "di atas", "diatas" }) do sub(w, w, " > ") end
  for _, w in ipairs({ "kurang dari", "di bawah", "dibawah" }) do sub(w, w, " < ") end
  if ke_then(s, "atas") then s = string.gsub(s, "ke%s*atas", " ^up ") end
  if ke_then(s, "bawah") then s = string.gsub(s, "ke%s*bawah", " ^down ") end
  local out = {}
  local i = 1
  while #out < 5 do
    i = token_start(s, i)
    if not i then break end
    local a, b = string.find(s, "^[<>]=?", i)
    if a then out[#out + 1] = string.sub(s, a, b); i = b + 1
    else
      a, b = string.find(s, "^%d[%d%.,]*", i)
      if a then
        local raw = string.gsub(string.sub(s, a, b), "[%.,]$", "")
        local v = text.read_number(raw)
        if not v then return nil end
        out[#out + 1] = v
        i = b + 1
      else
        a, b = string.find(s, "^%^%a+", i)
        if a then out[#out + 1] = string.sub(s, a, b); i = b + 1
        elseif string.sub(s, i, i) == "-" then out[#out + 1] = "-"; i = i + 1
        else i = i + 1 end
      end
    end
  end
  return out
end

-- Whether s has one or two numbers (runs of digits, as tokens reads
-- them): every range has.
local function one_or_two_numbers(s)
  local numbers, at = 0, lakip.find_digit(s, 1)
  while at do
    numbers = numbers + 1
    if numbers > 2 then return false end
    at = lakip.find_digit(s, at + #string.match(s, "^%d[%d%.,]*", at))
  end
  return numbers > 0
end

-- parse_range(s) -> { lo=, lo_incl=, hi=, hi_incl= } or nil.
local function parse_range(s)
  if not one_or_two_numbers(s) then return nil end
  local t = tokens(s)
  if not t or #t == 0 then return nil end
  local num = decimal.is
  local r = {}
  local a, b, c, e = t[1], t[2], t[3], t[4]
  if #t == 2 and not num(a) and num(b) then
    if a == ">" then r.lo, r.lo_incl = b, false
    elseif a == ">=" then r.lo, r.lo_incl = b, true
    elseif a == "<" then r.hi, r.hi_incl = b, false
    elseif a == "<=" then r.hi, r.hi_incl = b, true
    else return nil end
  elseif #t == 2 and num(a) and (b == "<" or b == "<=") then
    r.lo, r.lo_incl = a, b == "<="                -- "85 < x" with x dropped
  elseif #t == 2 and num(a) and (b == ">" or b == ">=") then
    r.hi, r.hi_incl = a, b == ">="                -- "55 > x"
  elseif #t == 2 and num(a) and (b == "^up" or b == "^down") then
    if b == "^up" then r.lo, r.lo_incl = a, true else r.hi, r.hi_incl = a, true end
  elseif #t == 3 and num(a) and b == "-" and num(c) then
    r.lo, r.lo_incl, r.hi, r.hi_incl = a, true, c, true
  elseif #t == 3 and num(a) and (b == "<" or b == "<=") and num(c) then
    -- "90 < 100" is unusual; "a < x" with x dropped leaves this shape
    r.lo, r.lo_incl, r.hi, r.hi_incl = a, b == "<=", c, true
  elseif #t == 4 and num(a) and (b == "<" or b == "<=") and (c == "<" or c == "<=") and num(e) then
    r.lo, r.lo_incl, r.hi, r.hi_incl = a, b == "<=", e, c == "<="
  else
    return nil
  end
  if r.lo and r.hi and r.hi < r.lo then return nil end
  return r
end

local function in_band(v, b)
  if b.lo and (v < b.lo or (v == b.lo and not b.lo_incl)) then return false end
  if b.hi and (v > b.hi or (v == b.hi and not b.hi_incl)) then return false end
  return true
end

-- The labels a value may take in a scale: its band, or both neighbours of
-- a gap between bands.
local function labels_for(scale, v)
  for _, b in ipairs(scale.bands) do
    if in_band(v, b) then return { b.label } end
  end
  local below, above
  for _, b in ipairs(scale.bands) do
    if b.hi and b.hi < v and (not below or b.hi > below.hi) then below = b end
    if b.lo and b.lo > v and (not above or b.lo < above.lo) then above = b end
  end
  local out = {}
  if below then out[#out + 1] = below.label end
  if above then out[#out + 1] = above.label end
  return out
end

local function band_text(b, style)
  local function n(x) return text.num(x, style) end
  if b.lo and b.hi then
    return (b.lo_incl and n(b.lo) .. " ≤ x" or n(b.lo) .. " < x") .. (b.hi_incl and " ≤ " or " < ") .. n(b.hi)
  elseif b.lo then return (b.lo_incl and "≥ " or "> ") .. n(b.lo)
  else return (b.hi_incl and "≤ " or "< ") .. n(b.hi) end
end

-- Declared scales ------------------------------------------------------------

-- The label a cell's text is, or nil. Kept per text (bounded, like
-- lib.polarity's cache): a long-form file's reports repeat their texts.
local label_memo, label_memoized = {}, 0

local function label_of(s)
  local hit = label_memo[s]
  if hit == nil then
    local n = text.normalize(s)
    hit = ranks[n] and n or false
    if label_memoized >= 4096 then label_memo, label_memoized = {}, 0 end
    label_memo[s], label_memoized = hit, label_memoized + 1
  end
  return hit or nil
end

-- seg with ":", "=", ";", "(" and ")" made spaces, as
-- string.gsub(seg, "[:=;%(%)]", " "), by plain searches: a segment can be
-- the narrative before a label (with a parenthesis, so no search first
-- spares the gsub), and the class tried at each of its bytes cost more
-- than parsing the range.
local blanked = { ":", "=", ";", "(", ")" }
local function blank_signs(seg)
  for _, c in ipairs(blanked) do
    local at = string.find(seg, c, 1, true)
    if at then
      local parts, from = {}, 1
      while at do
        parts[#parts + 1] = string.sub(seg, from, at - 1)
        from = at + 1
        at = string.find(seg, c, from, true)
      end
      parts[#parts + 1] = string.sub(seg, from)
      seg = table.concat(parts, " ")
    end
  end
  return seg
end

-- (label, range) pairs in a sentence: each label with the text up to the
-- next label; the range after the label, else before it.
local function pairs_in(s)
  local low = string.lower(s)
  if not lakip.find_any(low, label_core_set) then return {} end    -- no label at all: one search
  local hits = {}
  local taken = {}
  for k, w in ipairs(label_words) do
    -- each occurrence of the label's letters, in order: a whole word
    -- there is a hit, and the next is looked for after it
    local a = string.find(low, w, 1, true)
    while a do
      local _, b = string.find(low, label_at[k], a)
      if b then
        local free = true
        for i = a, b do if taken[i] then free = false break end end
        if free then
          for i = a, b do taken[i] = true end
          hits[#hits + 1] = { a = a, b = b, label = w }
        end
        a = string.find(low, w, b + 1, true)
      else
        a = string.find(low, w, a + 1, true)
      end
    end
  end
  table.sort(hits, function(x, y) return x.a < y.a end)
  local out = {}
  for _, order in ipairs({ "after", "before" }) do
    out = {}
    for i, h in ipairs(hits) do
      local seg
      if order == "after" then
        seg = string.sub(s, h.b + 1, (hits[i + 1] and hits[i + 1].a or #s + 1) - 1)
      else
        seg = string.sub(s, (hits[i - 1] and hits[i - 1].b or 0) + 1, h.a - 1)
      end
      -- the signs made spaces change no run of digits: a segment without
      -- one or two numbers is no range, before or after
      local r = one_or_two_numbers(seg) and parse_range(blank_signs(seg)) or nil
      -- a hit without a range fails this order whatever the others have
      if not r then break end
      r.label = h.label; out[#out + 1] = r
    end
    if #out >= 1 and #out == #hits then return out end
  end
  return #out == #hits and out or {}
end

local function place(file, line)
  return lib.indikator.place(file, line)
end

local function make_scale(bands, file, line)
  if #bands < 3 or #bands > 7 then return nil end
  local seen = {}
  for _, b in ipairs(bands) do
    if seen[b.label] then return nil end
    seen[b.label] = true
  end
  local at = place(file, line)
  return { bands = bands, labels = seen,
           source_id = "skala yang dinyatakan laporan, " .. at,
           source_en = "the scale the report declares, " .. at }
end

-- At least three rows of t with a label cell: only such a table can be a
-- table of bands (make_scale wants three). One C call per column for the
-- texts, instead of a cell view and a range parse per cell of every small
-- table (a long-form file of small reports has thousands).
local function may_hold_bands(t)
  local rows, count = {}, 0
  for c = 1, t.column_count do
    -- a label is a text cell: a column of numbers holds none
    local census = t:summary(c)
    for r, s in ipairs(census and census.text > 0 and t:texts(c) or {}) do
      if s and s ~= "" and not rows[r] and label_of(s) then
        rows[r], count = true, count + 1
        if count >= 3 then return true end
      end
    end
  end
  return false
end

-- Every scale the report declares, in document order.
local function declared_scales(report)
  local scales = {}
  -- sentences, and runs of list items with one band each
  local run, run_at = {}, nil
  local last_index
  local function flush()
    local s = run_at and make_scale(run, run_at.file, run_at.line)
    if s then scales[#scales + 1] = s end
    run, run_at = {}, nil
  end
  for i, p in report:paragraphs() do
    local found = pairs_in(p.text)
    if #found >= 3 then
      flush()
      local s = make_scale(found, p.file, p.line)
      if s then scales[#scales + 1] = s end
    elseif #found >= 1 then
      if last_index ~= i - 1 then flush() end
      run_at = run_at or p
      for _, b in ipairs(found) do run[#run + 1] = b end
      last_index = i
    else
      flush()
    end
  end
  flush()
  -- tables of bands: a label cell and a range cell per row
  for _, t in report:tables() do
    -- a scale has three bands at least (make_scale), one per row
    if t.row_count >= 3 and t.row_count <= 10 and may_hold_bands(t) then
      local bands = {}
      for _, row in t:rows() do
        local label, range
        for i = 1, t.column_count do
          local c = row:cell(i)
          if c.kind ~= "empty" then
            label = label or label_of(c.text)
            range = range or (c.kind ~= "value" and parse_range(c.text)) or nil
          end
        end
        if label and range then range.label = label; bands[#bands + 1] = range end
      end
      local s = make_scale(bands, t.file, t.line)
      if s then scales[#scales + 1] = s end
    end
  end
  return scales
end

-- Checks --------------------------------------------------------------------

local scales                       -- declared_scales(the report), made when a row first needs it
local evidence                     -- lib.polarity.evidence, made when a row first needs it
local evidence_of                  -- the report and options to make it from
local order_rows = setmetatable({}, { __mode = "k" })   -- table -> { {row, value, label} }

-- The report the state above is of (its ctx.report view), or nil. Set
-- anew by the first row check_row sees of a report, rather than by a
-- begin hook: that cost a protected call per report, and check_row runs
-- only on tables with a Kategori or Keterangan column (most have none).
-- The tables of the last report are not this one's: without the reset
-- their rows stayed (weak keys) until the collector took their views,
-- and finish checked them again in a later report.
local state_of

local function own_report(ctx)
  local report = ctx.report
  if report ~= state_of then
    state_of = report
    scales = nil
    evidence, evidence_of = nil, { report = report, options = ctx.options }
    if next(order_rows) ~= nil then order_rows = setmetatable({}, { __mode = "k" }) end
  end
end

local function scale_for(label)
  -- the report's scales are read only for a report with a Kategori or
  -- Keterangan column (check_row runs for no other): reading its
  -- paragraphs and tables for every report cost more than the rule did
  if not scales then scales = declared_scales(evidence_of.report) end
  for _, s in ipairs(scales) do
    if s.labels[label] then return s end
  end
  if assumed.bands and ({ ["sangat tinggi"] = 1, tinggi = 1, sedang = 1, rendah = 1, ["sangat rendah"] = 1 })[label] then
    return assumed
  end
  return nil
end

local function title(label)
  return (string.gsub(label, "(%a)(%a*)", function(a, b) return string.upper(a) .. b end))
end

local function label_column(t)
  return t:col("kategori") or t:col("keterangan")
end

local function check_achieved(ctx, t, row, word, kind, c)
  local met, basis_id, basis_en
  if c and c.kind == "value" then
    local h = decimal.new(100)
    if kind == "exceeded" then met = c.value > h else met = c.value >= h end
    basis_id, basis_en = "capaian " .. c.text, "capaian " .. c.text
  else
    local tc = t:col("target") and row:cell("target")
    local rc = t:col("realisasi") and row:cell("realisasi")
    if not (tc and rc and tc.kind == "value" and rc.kind == "value") then return end
    -- (lib.polarity made in this file's sandbox only when a row needs it)
    local polarity = lib.polarity
    if not evidence then evidence = polarity.evidence(evidence_of.report, evidence_of.options) end
    local dir, how, term, where = polarity.decide(evidence, row.label, t:col("arah") and row:text("arah") or nil)
    if dir == "lower" then met = rc.value <= tc.value else met = rc.value >= tc.value end
    if kind == "exceeded" then met = (dir == "lower") and rc.value < tc.value or rc.value > tc.value end
    local dir_id, dir_en = polarity.describe(dir, how, term, where)
    basis_id = "target " .. tc.text .. ", realisasi " .. rc.text .. ", " .. dir_id
    basis_en = "target " .. tc.text .. ", realisasi " .. rc.text .. ", " .. dir_en
  end
  ctx:compared(row)                              -- the label with the row's numbers
  local says_met = kind ~= "missed"
  if met == says_met then return end
  ctx:emit("kategori.tercapai", row, { label = word, basis_id = basis_id, basis_en = basis_en })
end

local function check_row(ctx, t, row)
  if row.kind ~= "data" then return end
  own_report(ctx)
  local lc = label_column(t)
  if not lc then return end
  local cell = row:cell(lc)
  if cell.kind ~= "text" then return end
  local n = text.normalize(cell.text)
  local cc = t:col("capaian")
  local c = cc and row:cell(cc) or nil
  local kind = achieved_words[n]
  if kind then return check_achieved(ctx, t, row, cell.text, kind, c) end
  if not ranks[n] or not c or c.kind ~= "value" then return end
  local s = scale_for(n)
  if not s then
    local list = order_rows[t]
    if not list then list = {}; order_rows[t] = list end
    list[#list + 1] = { row = row, value = c.value, label = n, text = cell.text, capaian = c.text }
    return
  end
  local ok = labels_for(s, c.value)
  ctx:compared(row)                              -- the category with the scale
  for _, l in ipairs(ok) do if l == n then return end end
  if #ok == 0 then return end
  local band
  for _, b in ipairs(s.bands) do if b.label == ok[1] then band = b end end
  ctx:emit(s.assumed and "kategori.assumed" or "kategori.label", row, {
    label = cell.text, capaian = c.text, expected = title(ok[1]),
    band = band_text(band, t.style), source_id = s.source_id, source_en = s.source_en,
  })
end

local function check_order(ctx, t, list)
  table.sort(list, function(a, b)
    if a.value ~= b.value then return a.value < b.value end
    return a.row.line < b.row.line
  end)
  local best                                   -- the best label seen at a lower capaian
  for _, x in ipairs(list) do
    if best and ranks[x.label] < ranks[best.label] and x.value > best.value then
      ctx:emit("kategori.order", x.row, {
        label = x.text, capaian = x.capaian, other_label = best.text, other_capaian = best.capaian,
        other_line = best.row.line,
      })
    end
    if not best or ranks[x.label] > ranks[best.label] then best = x end
  end
end

return {
  rules = {
    {
      id = "kategori.label", severity = "warning",
      fields = { "label", "capaian", "source_id", "expected", "band", "source_en" },
      title = text_pair("Kategori tidak sesuai dengan skala yang dinyatakan", "Category does not match the declared scale"),
      explanation = text_pair(
        "Laporan menyatakan skala penilaian capaian (tabel rentang atau kalimat \"Sangat Baik > 90 …\"). Label di kolom Kategori/Predikat/Keterangan baris ini bukan rentang skala itu untuk capaian yang dilaporkan. Batas dibaca inklusif atau eksklusif seperti tertulis; nilai di celah antara dua rentang bilangan bulat boleh memakai salah satu tetangganya.",
        "The report declares a rating scale for capaian (a table of ranges or sentences \"Sangat Baik > 90 …\"). The label in this row's Kategori/Predikat/Keterangan column is not that scale's band for the reported capaian. Bounds are read inclusive or exclusive as written; a value in a gap between two whole-number bands may take either neighbour."),
      message = text_pair("Kategori \"{label}\" untuk capaian {capaian}, padahal menurut {source_id} capaian itu \"{expected}\" ({band}).",
                          "Category \"{label}\" for capaian {capaian}, but by {source_en} that capaian is \"{expected}\" ({band})."),
      fix = text_pair("Tulis \"{expected}\", atau perbaiki capaiannya bila itu yang salah.",
                      "Write \"{expected}\", or correct the capaian if that is wrong."),
    },
    {
      id = "kategori.assumed", severity = "info",
      fields = { "label", "capaian", "source_id", "expected", "band", "source_en" },
      title = text_pair("Kategori tidak sesuai dengan skala yang lazim", "Category does not match the common scale"),
      explanation = text_pair(
        "Laporan tidak menyatakan skala penilaian. Untuk label Sangat Tinggi/Tinggi/Sedang/Rendah/Sangat Rendah dipakai skala Permendagri 86/2017 (≥ 91, 76–90, 66–75, 51–65, ≤ 50); label baris ini tidak sesuai dengannya. Bila laporan memakai skala lain, nyatakan skalanya.",
        "The report declares no rating scale. For the labels Sangat Tinggi/Tinggi/Sedang/Rendah/Sangat Rendah the Permendagri 86/2017 scale is assumed (≥ 91, 76–90, 66–75, 51–65, ≤ 50); this row's label does not match it. If the report uses another scale, declare it."),
      message = text_pair("Kategori \"{label}\" untuk capaian {capaian}; menurut {source_id} capaian itu \"{expected}\" ({band}).",
                          "Category \"{label}\" for capaian {capaian}; by {source_en} that capaian is \"{expected}\" ({band})."),
      fix = text_pair("Nyatakan skala yang dipakai, atau tulis \"{expected}\".", "Declare the scale used, or write \"{expected}\"."),
    },
    {
      id = "kategori.order", severity = "warning",
      fields = { "label", "capaian", "other_line", "other_capaian", "other_label" },
      title = text_pair("Kategori tidak urut dengan capaian", "Categories out of order with the capaian"),
      explanation = text_pair(
        "Tanpa skala yang diketahui untuk labelnya, kategori dalam satu tabel setidaknya harus urut: capaian yang lebih tinggi tidak boleh mendapat label yang lebih buruk daripada capaian yang lebih rendah.",
        "Without a known scale for its labels, the categories of one table must at least be in order: a higher capaian cannot get a worse label than a lower one."),
      message = text_pair("Kategori \"{label}\" untuk capaian {capaian}, padahal baris {other_line} dengan capaian lebih rendah {other_capaian} mendapat \"{other_label}\".",
                          "Category \"{label}\" for capaian {capaian}, while line {other_line} with the lower capaian {other_capaian} gets \"{other_label}\"."),
      fix = text_pair("Periksa kategori kedua baris terhadap skala penilaian, dan nyatakan skalanya.",
                      "Check both rows' categories against the rating scale, and declare the scale."),
    },
    {
      id = "kategori.tercapai", severity = "warning",
      fields = { "label", "basis_id", "basis_en" },
      title = text_pair("Keterangan tercapai tidak sesuai dengan capaian", "Met/not met label contradicts the capaian"),
      explanation = text_pair(
        "\"Tercapai\" berarti capaian sedikitnya 100% (\"Melampaui target\": lebih dari 100%), \"Tidak/Belum tercapai\" berarti di bawah 100%. Tanpa kolom capaian, realisasi dibandingkan dengan target menurut arah indikator.",
        "\"Tercapai\" means a capaian of at least 100% (\"Melampaui target\": above 100%), \"Tidak/Belum tercapai\" below 100%. Without a capaian column, realisasi is compared with the target by the indicator's direction."),
      message = text_pair("Tertulis \"{label}\", padahal {basis_id}.", "It says \"{label}\", but {basis_en}."),
      fix = text_pair("Perbaiki keterangannya atau capaiannya.", "Correct the label or the capaian."),
    },
  },

  -- check_row acts only on data rows of a table with a Kategori or
  -- Keterangan column: the engine skips the others (docs/RULES.md)
  rows = { only = { { kind = "data", any_column = { "kategori", "keterangan" } } } },

  check_row = check_row,

  -- (finish reads what check_row kept of this report: not called when no
  -- row reached check_row)
  needs = { finish = { row_calls = 1 } },

  finish = function(ctx)
    if ctx.report ~= state_of then return end       -- check_row saw no row of this report
    local ts = {}
    for t in pairs(order_rows) do ts[#ts + 1] = t end
    if #ts > 1 then table.sort(ts, function(a, b) return a.index < b.index end) end   -- most reports: none
    for _, t in ipairs(ts) do check_order(ctx, t, order_rows[t]) end
  end,
}
