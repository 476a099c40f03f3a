-- rules/jumlah.lua — totals that must add up.
--   jumlah.total      a "Jumlah" row equals the sum of the rows above it,
--                     column by column, and its % follows from the sums;
--   jumlah.breakdown  a stated count equals the parts it is broken into: the
--                     sentence "66 orang, terdiri dari 28 PNS dan 38 non
--                     PNS", and each "Berdasarkan …" group of the table that
--                     follows it against the count it breaks down;
--   jumlah.change     "anggaran semula X menjadi Y atau berkurang Z": Z is
--                     the difference, in the stated direction.
-- All arithmetic is exact (decimal); numbers in sentences are read by the
-- small Indonesian number reader below, never through a float.
local text = lib.text
local ind = lib.indikator

local function text_pair(id, en) return { id = id, en = en } end

-- ---- numbers written in sentences ------------------------------------

local multipliers = {
  ribu = "1000", juta = "1000000", miliar = "1000000000", milyar = "1000000000",
  triliun = "1000000000000", trilyun = "1000000000000",
}

-- One Indonesian number ("66", "7.080.060.000", "84,29", "3.218.842.549,-") as a decimal, or nil.
local read_number = lib.text.read_number

-- The amounts of a text in order: { {value=, text=, s=, e=, rp=, pct=} }.
-- "Rp.7.080.060.000,-", "Rp 5.364.081.075", "84,29%", "7,08 miliar", "66".
local function amounts(str)
  local out = {}
  local pos = 1
  while true do
    -- both patterns start at a digit: from the first one (found in C),
    -- not tried at every byte before it
    local a1 = text.find_digit(str, pos)
    if not a1 then break end
    local a, b = str:find("%d[%d%.,]*%d", a1)
    local b1 = a1
    if not a or a1 < a then a, b = a1, b1 end
    pos = b + 1
    local raw = str:sub(a, b)
    local tail = str:sub(b + 1)
    local cents = tail:match("^,%-+") or tail:match("^,\u{2014}") or tail:match("^,\u{2013}")
    if cents then b = b + #cents end
    local v = read_number(raw)
    if v then
      local item = { value = v, s = a, e = b }
      local before = str:sub(math.max(1, a - 5), a - 1):lower()
      item.rp = before:find("rp%.?%s*$") ~= nil
      if item.rp then item.s = a - #before:match("rp%.?%s*$") end
      local pct = str:match("^%s*%%", b + 1) or str:match("^%s*persen%f[%A]", b + 1)
      if pct then
        item.pct = true
        b = b + #pct
        item.e = b
      else
        local word = str:match("^%s+(%a+)", b + 1)
        local m = word and multipliers[word:lower()]
        if m then
          -- "7,08 miliar" is rounded: half a unit of its last digit
          local scale = item.value:scale()
          item.half = decimal.new(m) * decimal.new("0." .. string.rep("0", scale) .. "5")
          item.value = item.value * decimal.new(m)
          item.e = b + #str:match("^%s+%a+", b + 1)
        end
      end
      item.text = str:sub(item.s, item.e)
      out[#out + 1] = item
      pos = item.e + 1
    end
  end
  return out
end

-- A decimal as the report writes it; whole amounts without ",00".
local function fmt(d)
  if d:scale() > 0 and d == d:round(0) then d = d:round(0) end
  return text.num(d, "id")
end

-- The first place at or after p where str:find("[%.!?:;]%s+%u", p)
-- matches: each mark is found with a plain search and the rest tried
-- there, instead of the class at every byte.
local END_MARKS = { ".", "!", "?", ":", ";" }
local function clause_end(str, p)
  local best
  for _, ch in ipairs(END_MARKS) do
    local a = str:find(ch, p, true)
    while a and not (best and a >= best) do
      if str:find("^%s+%u", a + 1) then
        best = a
        break
      end
      a = str:find(ch, a + 1, true)
    end
  end
  return best
end

-- The sentence of `str` around byte position i: from after the previous
-- ". " + capital to the next one (so "Rp." and "1.958" do not end it).
local function sentence_at(str, i)
  local start = 1
  local p = 1
  while true do
    local a = clause_end(str, p)
    if not a or a >= i then break end
    start = a + 1
    p = a + 1
  end
  local e = clause_end(str, i)
  return str:sub(start, e or #str), start
end

-- ---- jumlah.total ----------------------------------------------------

-- Amount columns a total row adds up, with the % columns recomputed from
-- the sums as realisasi / pagu and realisasi / target (a total of counts
-- is higher-is-better: more of the planned outputs delivered).
local sum_roles = { "pagu", "realisasi_anggaran", "target", "realisasi" }
local percent_of = { capaian_anggaran = { "pagu", "realisasi_anggaran" }, capaian = { "target", "realisasi" } }

-- True for a cell written as a dash ("-", "- Orang", "–"): none, so 0.
-- "n/a" is missing too, but unknown rather than none.
local function is_dash(s)
  return s:find("^%s*%-") ~= nil or s:find("^%s*\u{2013}") ~= nil or s:find("^%s*\u{2014}") ~= nil
end

-- The value of a row's cell for summing: empty and "-" count as 0; nil
-- when it cannot be added (text, invalid, "n/a", a percentage).
local function addend(row, role)
  local c = row:cell(role)
  if not c then return nil end
  if c.kind == "empty" then return decimal.new(0) end
  if c.kind == "missing" then
    if is_dash(c.text) then return decimal.new(0) end
    return nil
  end
  if c.kind ~= "value" or c.percent then return nil end
  return c.value
end

-- Sum of a role over rows; nil when a cell cannot be added, or when the
-- rows (a performance table) mix units.
local function sum_of(rows, role)
  if #rows == 0 then return nil end
  local total, unit = decimal.new(0), nil
  for _, r in ipairs(rows) do
    local v = addend(r, role)
    if not v then return nil end
    local c = r:cell(role)
    if c.kind == "value" and c.unit ~= "" then
      local u = text.unit(c.unit)
      if unit and u ~= unit then return nil end
      unit = u
    end
    total = total + v
  end
  return total
end

local function line_span(rows)
  if #rows == 1 then return tostring(rows[1].line) end
  return rows[1].line .. "\u{2013}" .. rows[#rows].line
end

-- A column header for messages: the header text, else the role.
local function header_of(t, role)
  local i = t:col(role)
  local h = i and t:columns()[i].header
  return (h and h ~= "") and h or role
end

-- The text of a row's first non-empty cell (group rows of a table without
-- a recognised header have no label).
local function first_text(t, row)
  for i = 1, t.column_count do
    local s = row:text(i)
    if s and s ~= "" then return s end
  end
  return ""
end

-- Checks one total row against the rows above it. The sum it must equal
-- is one of: the data rows since the previous total; the data rows since
-- the last group row (a per-group subtotal); the earlier subtotals (a
-- grand total); all data rows of the table (a grand total that ignores
-- its subtotals); the group rows' own amounts; the numbered rows, the
-- unnumbered ones, the "Program …" rows or the others (programs listed
-- with their activities, both as data rows, total one level). Any of them
-- matching is accepted (precision before recall); otherwise the first
-- that can be computed is the expected value. `candidates` holds row
-- lists or functions that build them, tried in order.
local function check_total(ctx, t, row, candidates)
  local label = first_text(t, row)  -- "Jumlah": a total row has no indicator
  local chosen = {}                -- role -> { sum =, rows = }
  local wrong = false
  local built = {}                 -- candidate lists are built on first use
  local function rows_of(i)
    local r = built[i]
    if not r then
      r = candidates[i]
      if type(r) == "function" then r = r() end
      built[i] = r
    end
    return r
  end
  for _, role in ipairs(sum_roles) do
    local c = row:cell(role)
    if c and c.kind == "value" and not c.percent then
      local first, ok = nil, false
      for i = 1, #candidates do
        local rows = rows_of(i)
        local s = sum_of(rows, role)
        if s then
          first = first or { sum = s, rows = rows }
          if s == c.value then
            ok, first = true, { sum = s, rows = rows }
            break
          end
        end
      end
      if first then
        chosen[role] = first
        ctx:recomputed(row, role, { formula = "sum", rows = first.rows, expected = first.sum })
      end
      if first and not ok then
        wrong = true
        local s, span = first.sum, line_span(first.rows)
        ctx:emit("jumlah.total", row, {
          column = header_of(t, role), reported = c.text, expected = fmt(s), indicator = label,
          computation = "jumlah baris " .. span .. " = " .. fmt(s),
          computation_en = "the sum of lines " .. span .. " is " .. fmt(s),
        })
      end
    end
  end
  -- the % of a total row with wrong amounts, recomputed from the sums
  -- (with right amounts a wrong % is capaian.arithmetic's finding)
  if not wrong then return end
  for _, role in ipairs({ "capaian_anggaran", "capaian" }) do
    local parts = percent_of[role]
    local c = row:cell(role)
    local den, num = chosen[parts[1]], chosen[parts[2]]
    if c and c.kind == "value" and den and num and not den.sum:is_zero() then
      local p = c.value:scale()
      local e = (num.sum * 100):div(den.sum, p, "half_up")
      ctx:recomputed(row, role, { formula = "higher", target = parts[1], realisasi = parts[2],
                                  expected = e, from_sums = true })
      if e ~= c.value and (num.sum * 100):div(den.sum, p, "truncate") ~= c.value then
        local shown = text.pct(e, t.style)
        local calc = fmt(num.sum) .. " / " .. fmt(den.sum) .. " × 100 = " .. shown
        ctx:emit("jumlah.total", row, {
          column = header_of(t, role), reported = c.text, expected = shown, indicator = label,
          computation = calc .. " (dari jumlah baris " .. line_span(den.rows) .. ")",
          computation_en = calc .. " (from the sums of lines " .. line_span(den.rows) .. ")",
        })
      end
    end
  end
end

-- Rows of `rows` that satisfy `keep`.
local function only(rows, keep)
  local out = {}
  for _, r in ipairs(rows) do
    if keep(r) then out[#out + 1] = r end
  end
  return out
end

local function numbered(r)
  local s = r:text("no")
  return s ~= nil and s ~= ""
end

local function is_program(r)
  return text.normalize(r:text("program") or r.label or ""):find("^%d* ?program ") ~= nil
end

local function check_totals(ctx, t)
  local roles = ind.roles(t)                  -- (the roles: no t:col per role)
  -- one of sum_roles (written out: a loop over the list was some 40 Lua
  -- instructions for every table)
  local has = (roles.pagu or roles.realisasi_anggaran or roles.target or roles.realisasi) ~= nil
  -- only a total row is checked: a table without one is not scanned
  -- (lakip.count_rows stops at the first: t:row_kinds made a table of
  -- three counts for every table)
  if not has or lakip.count_rows(t, "total", 1) == 0 then return end
  local segment, group_segment, subtotals, group_rows, all = {}, {}, {}, {}, {}
  for _, row in t:rows() do
    if row.kind == "total" then
      -- a table that lists programs with their activities below them (both
      -- as data rows) totals one level: the numbered or program rows, or
      -- the others
      local has_no = t:col("no") ~= nil
      local seg = segment
      check_total(ctx, t, row, {
        seg, group_segment, subtotals, all, group_rows,
        function() return has_no and only(seg, numbered) or {} end,
        function() return has_no and only(seg, function(r) return not numbered(r) end) or {} end,
        function() return only(seg, is_program) end,
        function() return only(seg, function(r) return not is_program(r) end) end,
      })
      subtotals[#subtotals + 1] = row
      segment, group_segment, group_rows = {}, {}, {}
    elseif row.kind == "group" then
      group_rows[#group_rows + 1] = row
      group_segment = {}
    else
      segment[#segment + 1] = row
      group_segment[#group_segment + 1] = row
      all[#all + 1] = row
    end
  end
end

-- ---- jumlah.breakdown --------------------------------------------------

-- "66 orang, terdiri dari 28 pegawai Negeri Sipil (PNS) dan 38 pegawai non
-- PNS (honorar) dengan komposisi PNS sebagai berikut:" ->
--   { total = {value=66, text="66 orang"}, parts = { {value=28, text=…}, … },
--     composition = "pns", sentence_line = … }
-- Words for people: "66 orang" may be broken into "28 pegawai … dan 38
-- pegawai …". A total in other units ("8 kecamatan terdiri dari 50 desa
-- dan 3 kelurahan") is not a sum of its parts and is left alone.
local people = {
  orang = true, jiwa = true, pegawai = true, personil = true, personel = true, asn = true,
  pns = true, karyawan = true, tenaga = true, anggota = true, peserta = true, penduduk = true,
  laki = true, perempuan = true, pria = true, wanita = true,
}

local function same_kind(a, b)
  return a == b or (people[a] and people[b]) or false
end

-- Splits "A x, B y dan C z" into its items.
local function list_items(clause)
  local s = clause
  for _, sep in ipairs({ "%s*,%s*dan%s+", "%s*,%s*serta%s+", "%s*,%s*", "%s+dan%s+", "%s+serta%s+" }) do
    s = s:gsub(sep, "\31")
  end
  local items = {}
  for item in (s .. "\31"):gmatch("([^\31]*)\31") do items[#items + 1] = item end
  return items
end

-- The word after "komposisi" when it names who is counted ("komposisi
-- PNS"), not "komposisi sebagai berikut".
local function composition_of(lower, from)
  local w = lower:match("komposisi%s+(%a+)", from)
  if w == "sebagai" or w == "berikut" or w == "menurut" or w == "berdasarkan" then return nil end
  return w
end

-- A total without its parts in words: "didukung oleh 43 orang pegawai
-- negeri sipil dengan komposisi sebagai berikut:" — the table below breaks
-- it down. The count is the last whole number before "komposisi" /
-- "sebagai berikut" / "rincian" that counts people.
local function read_total_only(str, lower)
  local trig = lower:find("komposisi", 1, true) or lower:find("sebagai berikut", 1, true)
               or lower:find("rincian", 1, true)
  if not trig then return nil end
  local head = str:sub(1, trig - 1)
  local nums = amounts(head)
  for i = #nums, 1, -1 do
    local n = nums[i]
    local w = head:sub(n.e + 1):lower():match("^%s+(%a+)")
    if not n.pct and not n.rp and n.value:scale() == 0 and w and people[w] then
      local text_ = head:sub(n.s, n.e) .. " " .. w
      return { total = { value = n.value, text = text_, word = w }, parts = {},
               composition = composition_of(lower, trig), quote = text_ }
    end
  end
  return nil
end

local function read_breakdown(str)
  local lower = str:lower()
  -- both patterns need the word "terdiri": a plain search rules most
  -- paragraphs out before a frontier pattern is tried at every byte
  local ts, te
  local at = lower:find("terdiri", 1, true)
  if at then
    ts, te = lower:find("%f[%w]terdiri%s+dari%f[%W]", at)
    if not ts then ts, te = lower:find("%f[%w]terdiri%s+atas%f[%W]", at) end
  end
  if not ts then return read_total_only(str, lower) end
  -- the total: the last number before "terdiri", followed by one or two
  -- words ("66 orang,", "66 orang pegawai yang")
  local head = str:sub(math.max(1, ts - 60), ts - 1)
  local nums = amounts(head)
  local last = nums[#nums]
  if not last or last.pct or last.rp then return nil end
  local between = head:sub(last.e + 1):lower():gsub("%s*yang%s*$", ""):gsub("%s*,%s*$", "")
  local w1 = between:match("^%s+(%a+)%s*%a*$")
  if not w1 then return nil end
  local total = { value = last.value, text = head:sub(last.s, last.e) .. " " .. w1, word = w1 }
  -- the parts, up to the end of the clause
  local clause = str:sub(te + 1)
  local stop = clause:find("[%.;:]%s") or clause:find("[%.;:]$")
  if stop then clause = clause:sub(1, stop - 1) end
  local parts = {}
  for _, item in ipairs(list_items(clause)) do
    local n, rest = item:match("^%s*(%d[%d%.]*)%s+(%S.*)$")
    rest = rest and rest:gsub("^%(%a+%)%s*", "")       -- "3 (tiga) orang"
    if rest and not rest:find("^%a") then rest = nil end
    local v = n and rest and read_number(n)
    if not v then break end
    rest = rest:gsub("%s+dengan%s.*$", "")
    local word = rest:lower():match("^%a+")
    if not same_kind(word, total.word) then return nil end
    parts[#parts + 1] = { value = v, text = n .. " " .. rest, words = rest:lower() }
  end
  if #parts < 2 then parts = {} end
  local composition = composition_of(lower, te)
  local quote = (str:sub(ts, te) .. clause:gsub("%s+dengan%s.*$", "")):gsub("%s+", " ")
  return { total = total, parts = parts, composition = composition, quote = quote }
end

-- True when `words` names `w` as a word, not negated ("non PNS").
local function names(words, w)
  local pos = 1
  while true do
    local a, b = words:find("%f[%w]" .. w .. "%f[%W]", pos)
    if not a then return false end
    local before = words:sub(1, a - 1)
    if not (before:find("non[%s%-]*$") or before:find("bukan%s*$") or before:find("selain%s*$")) then return true end
    pos = b + 1
  end
end

-- Groups that partition the people counted: every person has exactly one
-- education level, one rank, one sex, one age band. Training ("Pendidikan
-- dan Pelatihan", diklat PIM II/III/IV, LPJ) is not a partition: a person
-- may have attended several courses or none (the seed lists LPJ 28 next to
-- PIM III 2 and PIM IV 8 for 28 PNS), so such groups are never summed.
local partition_words = { "pendidikan", "pangkat", "golongan", "jenis kelamin", "umur", "usia" }
local not_partition_words = { "pelatihan", "diklat", "kursus", "sertifikasi", "bimtek" }

local function is_partition(label)
  local n = text.normalize(label)
  if not n:find("berdasarkan") and not n:find("menurut") then return false end
  for _, w in ipairs(not_partition_words) do
    if n:find(w, 1, true) then return false end
  end
  for _, w in ipairs(partition_words) do
    if n:find(w, 1, true) then return true end
  end
  return false
end

-- The count of a breakdown row: its single numeric cell ("3 Orang";
-- "- Orang" is 0), skipping the first column (the item number). nil when
-- the row has no such cell or more than one.
local function row_count(t, row)
  local found
  for i = 2, t.column_count do
    local c = row:cell(i)
    local v
    if c.kind == "value" and not c.percent and c.value:scale() == 0 then
      v = c.value
    elseif c.kind == "missing" and is_dash(c.text) then
      v = decimal.new(0)
    elseif c.kind == "value" or c.kind == "missing" or c.kind == "invalid" then
      return nil
    end
    if v then
      if found then return nil end
      found = { value = v, text = c.text }
    end
  end
  return found
end

-- Paragraphs per file in line order, for the sentence above a table.
local paragraphs = {}

local function paragraph_before(t)
  local list = paragraphs[t.file]
  if not list then return nil end
  -- the last paragraph above the table: the list is in line order, so a
  -- binary search for the last line < the table's (what walking the list
  -- up to the first line that is not gave)
  local line = t.line
  local lo, hi = 0, #list                     -- list[1..lo] are above, list[hi+1..] are not
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if list[mid].line < line then lo = mid else hi = mid - 1 end
  end
  return list[lo]
end

local last_table_line = {}    -- per file: the first line of the previous table

-- The report paragraphs and last_table_line are of (its ctx.report view),
-- or nil: both are made anew by the first of check_table and finish to
-- see a report, rather than by a begin hook, which cost a protected call
-- per report (every report of a long-form export, none with paragraphs).
local paragraphs_of

local function read_paragraphs(report)
  paragraphs_of = report
  if report.paragraph_count == 0 then               -- a spreadsheet: nothing to keep
    -- (no new tables for every report when the last one kept none)
    if next(paragraphs) ~= nil then paragraphs = {} end
    if next(last_table_line) ~= nil then last_table_line = {} end
    return
  end
  paragraphs, last_table_line = {}, {}
  for _, p in report:paragraphs() do
    local list = paragraphs[p.file]
    if not list then
      list = {}
      paragraphs[p.file] = list
    end
    list[#list + 1] = p                      -- read-only and the same in every file: not copied
  end
  for _, list in pairs(paragraphs) do
    -- a document's paragraphs come in line order: sorted only when not
    -- (strictly increasing lines have one sorted order, so skipping the
    -- sort gives what it gave)
    local increasing = true
    for i = 2, #list do
      if list[i].line <= list[i - 1].line then increasing = false break end
    end
    if not increasing then table.sort(list, function(a, b) return a.line < b.line end) end
  end
end

-- The sentence must be the text right above the table: no other table
-- between them (tables do not overlap, so comparing first lines will do).
local function check_breakdown(ctx, t)
  -- a report without paragraphs (a spreadsheet) has no sentence above
  -- any table: nothing read from the table (its file and line were four
  -- lookups on its view per table)
  if next(paragraphs) == nil then return end
  local p = paragraph_before(t)
  local prev = last_table_line[t.file]
  last_table_line[t.file] = t.line
  if not p or (prev and prev > p.line) then return end
  local b = read_breakdown(p.text)
  if not b then return end
  -- the count the table breaks down: the part the "komposisi" word names,
  -- or the total when the sentence has no parts
  local base
  if #b.parts > 0 and b.composition then
    for _, part in ipairs(b.parts) do
      if names(part.words, b.composition) then
        if base then return end               -- two parts fit: unsure
        base = part
      end
    end
  elseif #b.parts == 0 and (not b.composition or same_kind(b.composition, b.total.word)) then
    base = b.total
  end
  if not base then return end

  local groups, current = {}, nil
  for _, row in t:rows() do
    if row.kind == "group" then
      current = { label = first_text(t, row), row = row, rows = {}, ok = true }
      groups[#groups + 1] = current
    elseif current and row.kind == "data" then
      local n = row_count(t, row)
      if n then
        current.rows[#current.rows + 1] = { row = row, count = n }
      else
        current.ok = false
      end
    elseif current then
      current.ok = false                       -- a total row: jumlah.total's business
    end
  end
  for _, g in ipairs(groups) do
    if g.ok and #g.rows >= 2 and is_partition(g.label) then
      local sum, terms = decimal.new(0), {}
      for i, r in ipairs(g.rows) do
        sum = sum + r.count.value
        terms[i] = fmt(r.count.value)
      end
      ctx:recomputed(g.row)                    -- for the coverage (no cell holds this sum)
      if sum ~= base.value then
        ctx:emit("jumlah.breakdown", g.row, {
          group = g.label, indicator = g.label, stated_value = fmt(base.value), stated = base.text, sentence_line = p.line,
          sum = fmt(sum), terms = table.concat(terms, " + "),
          lines = g.rows[1].row.line .. "\u{2013}" .. g.rows[#g.rows].row.line,
        })
      end
    end
  end
end

-- The sentence itself: total = sum of the parts.
local function check_sentence(ctx, p)
  -- a sentence without "terdiri" has no parts (read_breakdown reads its
  -- total alone): nothing to add up
  if not string.find(string.lower(p.text), "terdiri", 1, true) then return end
  local b = read_breakdown(p.text)
  if not b or #b.parts < 2 then return end
  local sum, terms = decimal.new(0), {}
  for i, part in ipairs(b.parts) do
    sum = sum + part.value
    terms[i] = fmt(part.value)
  end
  ctx:recomputed({ file = p.file })
  if sum ~= b.total.value then
    ctx:emit("jumlah.breakdown", { file = p.file, line = p.line }, {
      group = "\"" .. b.quote .. "\"", stated_value = fmt(b.total.value), stated = b.total.text, sentence_line = p.line,
      sum = fmt(sum), terms = table.concat(terms, " + "), lines = tostring(p.line),
    })
  end
end

-- ---- jumlah.change -----------------------------------------------------

local decrease = { berkurang = true, turun = true, menurun = true, penurunan = true, pengurangan = true, susut = true }
local increase = { bertambah = true, naik = true, meningkat = true, kenaikan = true, penambahan = true, peningkatan = true }

-- "semula X menjadi Y … berkurang/bertambah [sebesar] Z" (also "dari X
-- menjadi Y"), within one sentence.
-- Every direction word, for a first look at a paragraph: without one
-- (as part of any word) no sentence of it is judged.
local direction_words = {}
for w in pairs(decrease) do direction_words[#direction_words + 1] = w end
for w in pairs(increase) do direction_words[#direction_words + 1] = w end
direction_words = lakip.terms(direction_words)

local function check_change(ctx, p)
  local str = p.text
  local lower = str:lower()
  if not lower:find("menjadi", 1, true) or not lakip.find_any(lower, direction_words) then return end
  local pos = 1
  while true do
    -- from the next "menjadi" (plain search): the frontier pattern is not
    -- tried at every byte before it (%f reads the byte before init too)
    local at = lower:find("menjadi", pos, true)
    if not at then return end
    local ms, me = lower:find("%f[%w]menjadi%f[%W]", at)
    if not ms then return end
    pos = me + 1
    local sentence, start = sentence_at(str, ms)
    local rel = ms - start + 1
    local left, right = sentence:sub(1, rel - 1), sentence:sub(rel + (me - ms) + 1)
    local lleft = left:lower()
    -- X: the amount right after the last "semula" / "dari" before "menjadi"
    local from_at
    for _, w in ipairs({ "semula", "dari" }) do
      local p0 = 1
      while true do
        -- the next whole word w: at a plain occurrence, the frontiers checked there
        local a, b = lleft:find(w, p0, true)
        while a and not lleft:find("^%f[%w]" .. w .. "%f[%W]", a) do a = lleft:find(w, a + 1, true) end
        if a then b = a + #w - 1 end
        if not a then break end
        if not from_at or b > from_at then from_at = b end
        p0 = b + 1
      end
    end
    local xs = from_at and amounts(left:sub(from_at + 1)) or {}
    local x = xs[1]
    local x_ok = x and left:sub(from_at + 1, from_at + x.s - 1):match("^[%s%a]*$")
      and #left:sub(from_at + x.e + 1):gsub("%s", "") == 0
    -- Y: the amount right after "menjadi"
    local ys = amounts(right)
    local y = ys[1]
    local y_ok = y and right:sub(1, y.s - 1):match("^[%s%a]*$")
    if x_ok and y_ok and (x.pct or false) == (y.pct or false) and x.rp == y.rp then
      -- the direction word and Z after Y: "atau berkurang sebesar Z"
      local after = right:sub(y.e + 1)
      local lafter = after:lower()
      local dword, dpos
      for w in lafter:gmatch("%a+") do
        if decrease[w] or increase[w] then dword = w; break end
      end
      if dword then dpos = select(2, lafter:find("%f[%w]" .. dword .. "%f[%W]")) end
      local zs = dpos and amounts(after:sub(dpos + 1)) or {}
      local z = zs[1]
      local gap = z and after:sub(dpos + 1, dpos + z.s - 1):lower()
      local z_ok = z and gap:match("^[%s%a]*$") and #gap <= 30
      -- between Y and the direction word: a few linking words only ("atau")
      local link = dpos and lafter:sub(1, dpos - #dword)
      if z_ok and link and #link <= 25 and not link:find("%d") then
        local diff = y.value - x.value
        local dir_down = decrease[dword] ~= nil
        local expected, fits
        if z.pct then
          -- a percentage: relative change, or points when X and Y are percentages
          local mag = diff:sign() < 0 and -diff or diff
          local sc = z.value:scale()
          if x.value:is_zero() then
            fits, expected = true, ""               -- no relative change from 0
          else
            local rel_h = (mag * 100):div(x.value, sc, "half_up")
            local rel_t = (mag * 100):div(x.value, sc, "truncate")
            fits = z.value == rel_h or z.value == rel_t or (x.pct and z.value == mag)
            expected = (x.pct and (fmt(mag) .. " poin / ") or "") .. text.pct(rel_h, "id")
          end
        else
          local mag = diff:sign() < 0 and -diff or diff
          fits = z.value == mag
          -- amounts in words ("7,08 miliar") are rounded: allow the sum of
          -- their half units; amounts written in full must match exactly
          if not fits and (x.half or y.half or z.half) then
            local tol = decimal.new(0)
            for _, v in ipairs({ x, y, z }) do
              if v.half then tol = tol + v.half end
            end
            local off = z.value - mag
            fits = (off:sign() < 0 and -off or off) <= tol
          end
          expected = (z.rp and "Rp" or "") .. fmt(mag)
        end
        ctx:recomputed({ file = p.file })
        local dir_right = diff:is_zero() or (dir_down and diff:sign() < 0) or (not dir_down and diff:sign() > 0)
        if not fits or not dir_right then
          local actual_id = diff:sign() < 0 and "berkurang" or (diff:sign() > 0 and "bertambah" or "tetap")
          local actual_en = diff:sign() < 0 and "a decrease" or (diff:sign() > 0 and "an increase" or "no change")
          ctx:emit("jumlah.change", { file = p.file, line = p.line }, {
            from = x.text, to = y.text, reported = z.text, word = dword, expected = expected,
            actual_id = actual_id, actual_en = actual_en,
          })
        end
      end
    end
  end
end

return {
  rules = {
    {
      id = "jumlah.total", severity = "error",
      fields = { "column", "reported", "computation", "computation_en", "expected" },
      title = text_pair("Baris Jumlah tidak sama dengan jumlah baris di atasnya",
                        "Total row differs from the sum of the rows above it"),
      explanation = text_pair(
        "Setiap kolom angka (pagu, realisasi anggaran, target, realisasi) pada baris Jumlah/Total dijumlahkan ulang dari baris-baris data di atasnya, dengan hitungan desimal yang tepat; sel kosong dan \"-\" dihitung 0. Subtotal per kelompok, total dari subtotal, atau total satu tingkat saja (baris program yang sudah menjumlahkan kegiatannya, atau baris bernomor saja) juga diterima. Bila jumlahnya salah, persentase pada baris itu juga dihitung ulang dari jumlah yang benar. Kolom dengan satuan berbeda antarbaris tidak dijumlahkan.",
        "Every numeric column (pagu, budget realisation, target, realisasi) of a Jumlah/Total row is re-added from the data rows above it with exact decimals; empty cells and \"-\" count as 0. A per-group subtotal, a total of subtotals, or a total of one level only (program rows that already sum their activities, or the numbered rows only) is also accepted. When the sum is wrong, the row's percentage is recomputed from the right sums too. Columns whose rows mix units are not added."),
      message = text_pair("Kolom \"{column}\" baris Jumlah tertulis {reported}, padahal {computation}.",
                          "Column \"{column}\" of the total row reads {reported}, but {computation_en}."),
      fix = text_pair("Tulis {expected}, atau periksa baris mana yang salah ketik.",
                      "Write {expected}, or find the row that is mistyped."),
      example = "Tabel Realisasi Anggaran, baris 674: Jumlah 6.363.805.000 dan 5.364.081.075 (84,29%) sama dengan jumlah baris 666–673; laporan contoh lolos. Bila rencana anggaran baris 666 ditulis 2.322.776.000, kolom itu pada baris Jumlah menjadi temuan (jumlahnya 6.363.806.000).",
    },
    {
      id = "jumlah.breakdown", severity = "warning",
      fields = { "group", "lines", "terms", "sum", "sentence_line", "stated" },
      title = text_pair("Rincian tidak sama dengan jumlah yang disebutkan",
                        "Breakdown does not add up to the stated count"),
      explanation = text_pair(
        "Kalimat seperti \"memiliki 66 orang, terdiri dari 28 PNS dan 38 non PNS\" dihitung ulang (28 + 38 = 66). Bila tabel sesudahnya merinci salah satu bagian (\"dengan komposisi PNS sebagai berikut\") per kelompok \"Berdasarkan Pendidikan\", \"Berdasarkan Pangkat dan Golongan\", jenis kelamin atau usia, setiap kelompok harus berjumlah sama dengan bagian itu; \"- Orang\" dihitung 0. Kelompok pendidikan dan pelatihan (diklat) tidak dijumlahkan: satu pegawai dapat mengikuti beberapa diklat atau tidak sama sekali, jadi diklat bukan pembagian pegawai.",
        "A sentence such as \"memiliki 66 orang, terdiri dari 28 PNS dan 38 non PNS\" is re-added (28 + 38 = 66). When the table after it breaks one part down (\"dengan komposisi PNS sebagai berikut\") in groups \"Berdasarkan Pendidikan\", \"Berdasarkan Pangkat dan Golongan\", sex or age, each group must add up to that part; \"- Orang\" counts as 0. Training groups (Pendidikan dan Pelatihan, diklat) are not added: one employee may have attended several courses or none, so training is not a partition of the staff."),
      message = text_pair("{group} (baris {lines}): {terms} = {sum}, padahal kalimat di baris {sentence_line} menyebut {stated}.",
                          "{group} (lines {lines}): {terms} = {sum}, but the sentence on line {sentence_line} states {stated}."),
      fix = text_pair("Periksa rincian baris {lines} dan angka di baris {sentence_line}; salah satunya keliru.",
                      "Check the breakdown on lines {lines} and the number on line {sentence_line}; one of them is wrong."),
      example = "Struktur organisasi, baris 285–295: menurut pangkat dan golongan 1 + 0 + 1 + 11 + 3 + 3 + 7 + 0 + 1 + 0 = 27 PNS, padahal baris 277 menyebut 28 pegawai Negeri Sipil (PNS); menurut pendidikan 3 + 19 + 4 + 1 + 1 = 28 (cocok).",
    },
    {
      id = "jumlah.change", severity = "error",
      fields = { "from", "to", "actual_id", "expected", "word", "reported", "actual_en" },
      title = text_pair("Selisih perubahan anggaran salah", "Stated change does not match"),
      explanation = text_pair(
        "Kalimat \"anggaran semula X menjadi Y atau berkurang/bertambah Z\" dihitung ulang: Z harus sama dengan selisih X dan Y (atau persentase selisih terhadap X), dan arahnya (berkurang, bertambah) harus sesuai. Angka dibaca dengan titik ribuan dan koma desimal; \",-\" berarti tanpa sen.",
        "A sentence \"anggaran semula X menjadi Y atau berkurang/bertambah Z\" is recomputed: Z must equal the difference between X and Y (or that difference as a percentage of X), in the stated direction (berkurang = decrease, bertambah = increase). Numbers are read with dot thousands and decimal comma; \",-\" means no cents."),
      message = text_pair("Dari {from} menjadi {to} adalah {actual_id} {expected}, tetapi tertulis \"{word} {reported}\".",
                          "From {from} to {to} is {actual_en} of {expected}, but the text says \"{word} {reported}\"."),
      fix = text_pair("Tulis {actual_id} {expected}, atau perbaiki angka semula/menjadi.",
                      "Write {expected} ({actual_en}), or correct the before/after amounts."),
      example = "Baris 678: \"anggaran semula Rp.7.080.060.000,- menjadi Rp.6.363.805.000,- atau berkurang sebesar Rp.716.255.000,-\"; 7.080.060.000 − 6.363.805.000 = 716.255.000 (cocok).",
    },
  },

  check_table = function(ctx, t)
    local report = ctx.report
    if report ~= paragraphs_of then read_paragraphs(report) end
    check_totals(ctx, t)
    check_breakdown(ctx, t)
  end,

  -- (finish reads only the narrative: not called for a report without one;
  -- check_table reads the paragraphs again for a report it has not seen)
  needs = { finish = { paragraphs = 1 } },

  finish = function(ctx, report)
    if report ~= paragraphs_of then read_paragraphs(report) end
    if next(paragraphs) == nil then return end   -- the report has no paragraph
    for _, p in report:paragraphs() do
      check_sentence(ctx, p)
      check_change(ctx, p)
    end
  end,
}
