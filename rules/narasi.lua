-- rules/narasi.lua — claims the narrative makes with numbers: a sentence
-- that states a computation ("14.896 ... dari ... 28.306 ... sebesar
-- 52,62%") is recomputed, and a number the narrative gives for an
-- indicator is compared with that indicator's row in the tables. Stated
-- differences ("semula X menjadi Y atau berkurang Z") are jumlah.change's.
--
-- Prose is read far less reliably than a table, so both checks only act
-- on sentences whose structure is unambiguous and stay silent otherwise:
-- a false "the report is wrong" costs the auditor more than a missed one.
-- Numbers are read with the file's own Lua patterns into exact decimals;
-- no verdict goes through a float.
local text = lib.text

local function text_pair(id, en) return { id = id, en = en } end

local function set(list)
  local s = {}
  for _, w in ipairs(list) do s[w] = true end
  return s
end

-- Words after which a number is a reference, an ordinal or an identifier,
-- not a quantity: "Nomor 29 tahun 2014", "Pasal 10", "misi ke 2".
local REF_WORDS = set {
  "nomor", "no", "nomer", "pasal", "ayat", "huruf", "bab", "lampiran", "perpres", "pp", "uu",
  "perda", "perbup", "perkada", "permendagri", "permenpanrb", "permen", "tap", "ke", "nip",
  "tahap", "kode", "telp", "hp", "rt", "rw", "km", "lantai", "kelas", "tk", "usia", "umur", "berusia",
}

-- What lies between the two ends of a range: "7–12", "7-12", "7 s.d. 12".
local RANGE_GAPS = set { "-", "\u{2013}", "\u{2014}", "s.d.", "s.d", "s/d", "sampai" }

-- Units that make a four-digit integer a count rather than a year.
local COUNT_UNITS = set {
  "orang", "org", "jiwa", "kasus", "desa", "kk", "kpm", "unit", "kecamatan", "kelompok", "pmks",
  "psks", "lksa", "bumdes", "peserta", "anak", "dokumen", "kegiatan", "kejadian", "program",
  "paket", "lokasi", "rumah", "keluarga", "buah", "perempuan", "pekerja", "pegawai",
}

-- Words linking the stated result to the operands: "... sehingga ... 0,17%".
local CONNECTIVES = set {
  "sehingga", "sebesar", "tercapai", "yaitu", "yakni", "adalah", "atau", "maka", "mencapai",
  "diperhitungkan", "diperoleh", "persentase", "persentasenya",
}

-- A sentence that speaks of a share; a mismatch is only reported for these
-- (or for "A dari B"), since "A dan B ... P%" might compare anything.
local RATIO_WORDS = set {
  "persentase", "persentasenya", "prosentase", "presentase", "persen", "tercapai", "capaian",
  "tingkat", "rasio", "proporsi", "cakupan", "partisipasi", "diperhitungkan",
}

-- Change words: a percentage after them is a growth, not a share; a number
-- right after them is a difference, not a level.
local CHANGE_WORDS = set {
  "kenaikan", "penurunan", "naik", "turun", "meningkat", "menurun", "bertambah", "berkurang",
  "selisih", "peningkatan", "pengurangan", "penambahan", "menjadi", "lebih", "kurang",
}

-- Words before a number that make it a target, a plan, an earlier value or
-- a standard: not what the table reports as this year's realisasi.
local NOT_REALISASI = set {
  "target", "ditargetkan", "sasaran", "rencana", "direncanakan", "sebelumnya", "lalu", "kemarin",
  "semula", "awal", "standar", "spm", "perkiraan", "diperkirakan", "rata",
}

-- Periods that "lalu" (last) follows: "tahun lalu", "bulan lalu".
local PERIOD_WORDS = set { "tahun", "bulan", "periode", "semester", "triwulan", "minggu" }

-- Generic words of indicator names: "Jumlah", "Persentase", "yang"... They
-- say nothing about which indicator a sentence names.
local GENERIC = set {
  "jumlah", "persentase", "persentasi", "prosentase", "presentase", "tingkat", "rata", "nilai",
  "indeks", "yang", "dan", "di", "ke", "dari", "dalam", "terhadap", "untuk", "pada", "oleh",
  "atau", "dengan", "bagi", "serta", "per", "the", "of", "rasio", "angka",
}

-- Labels whose unitless values are percentages.
local PERCENT_LABEL = set { "persentase", "persentasi", "prosentase", "presentase", "tingkat", "cakupan", "proporsi" }

-- ---------------------------------------------------------------------------
-- Reading numbers

local read_number = lib.text.read_number

-- ---------------------------------------------------------------------------
-- Sentences and their items

-- The paragraphs as passages: a paragraph that a page break cut in two
-- ("... Sehingga dapat" / "diperhitungkan bahwa 186,20% ...") is joined
-- back. Each passage keeps where its parts start, to give lines.
-- Whether t ends a clause: its last byte that is not a space is . ! ? : or
-- ; (string.find(t, "[%.!%?:;]%s*$"), read from the end instead of a
-- pattern tried at every byte).
local function ends_clause(t)
  local i = #t
  local c = string.byte(t, i)
  while c == 32 or (c and c >= 9 and c <= 13) do
    i = i - 1
    c = string.byte(t, i)
  end
  return c == 46 or c == 33 or c == 63 or c == 58 or c == 59
end

local function passages(report)
  local table_lines = {}
  for _, t in report:tables() do
    table_lines[#table_lines + 1] = { file = t.file, line = t.line }
  end
  local function table_between(file, a, b)
    for _, tl in ipairs(table_lines) do
      if tl.file == file and tl.line > a and tl.line < b then return true end
    end
    return false
  end
  local out, last = {}, nil
  for _, p in report:paragraphs() do
    local s = p.text or ""
    if string.find(s, "^%s*%$%$") then
      last = nil                                  -- a formula line: not prose
    elseif last and last.file == p.file and last.heading == p.heading
        and not ends_clause(last.text)
        and string.find(s, "^%l")
        and not table_between(p.file, last.last_line, p.line) then
      last.parts = last.parts or { { offset = 1, line = last.line } }
      last.parts[#last.parts + 1] = { offset = #last.text + 2, line = p.line }
      last.text = last.text .. " " .. s
      last.last_line = p.line
    else
      -- parts: where each joined paragraph starts, made at the first join
      last = { file = p.file, heading = p.heading, text = s, line = p.line, last_line = p.line }
      out[#out + 1] = last
    end
  end
  return out
end

local function line_at(passage, pos)
  if not passage.parts then return passage.line end
  local line = passage.parts[1].line
  for _, part in ipairs(passage.parts) do
    if part.offset <= pos then line = part.line end
  end
  return line
end

-- Sentences of a passage: lakip.sentences (C). A sentence ends at . ! ?
-- followed by a space and a capital ("Rp. 5.364" and "14.896" do not end
-- one). A sentence opening with "Sehingga", "Maka", "Dengan demikian" or
-- "Jadi" continues the previous.

-- The number text starting at s[i] (digits, dots and commas, not past
-- `to`), without a trailing "." or "," that ends the sentence or clause.
local function number_at(s, i, to)
  local raw = string.match(s, "^%d[%d%.,]*", i)
  if i + #raw - 1 > to then raw = string.sub(raw, 1, to - i + 1) end
  return (string.gsub(raw, "[%.,]+$", ""))
end

-- The items of a sentence, in order, as arrays by place k (lakip.lex, in
-- C: numbers as number_at reads them, words lower-cased, the punctuation
-- that matters, nothing else): items.kind[k] "n", "w" or "p";
-- items.text[k] the number as written, the word or the punctuation byte;
-- items.s[k], items.e[k] its byte range; items.n the count. Each number
-- also gets an object, items.num[k]: {kind="n", raw, s, e, value, percent,
-- currency, unit, unit_at, ignore, year} (a number's e, in the object and
-- in items.e, takes in its "%" or "persen").
local function lex(s, from, to, style)
  local items, numbers = lakip.lex(s, from, to)     -- numbers: their places in items
  local kind, txt, E = items.kind, items.text, items.e
  local num = {}
  items.num, items.numbers = num, numbers
  for _, k in ipairs(numbers) do
    num[k] = { kind = "n", raw = txt[k], s = items.s[k], e = E[k], value = read_number(txt[k], style) }
  end

  -- What each number is: its %, currency and unit; and whether it is a
  -- year, a reference or a list marker rather than a quantity.
  for _, k in ipairs(numbers) do
    local it = num[k]
    do
      local j = k + 1
      while kind[j] == "p" and txt[j] == "%" do
        it.percent, it.e = true, E[j]
        j = j + 1
      end
      if not it.percent and kind[j] == "w" and txt[j] == "persen" then
        it.percent, it.e = true, E[j]
        j = j + 1
      end
      E[k] = it.e
      -- "5 (lima) desa": skip the number written out in words
      if kind[j] == "p" and txt[j] == "(" and kind[j + 1] == "w" and kind[j + 2] == "p" and txt[j + 2] == ")" then
        j = j + 3
      end
      if kind[j] == "w" then it.unit, it.unit_at = txt[j], j end
      -- "0,56 per 1.000 KH": a rate; the base is part of the unit
      if it.unit == "per" and kind[j + 1] == "n" and num[j + 1].value then
        it.unit, it.unit_at = text.rate_unit("per " .. txt[j + 1]), j + 1
        num[j + 1].base = true
      elseif it.unit == "per" and kind[j + 1] == "w" and txt[j + 1] == "mil" then
        it.unit, it.unit_at = "per 1000", j + 1
      end
      local pk, nk = kind[k - 1], kind[k + 1]
      local prev_word = (pk == "w" and txt[k - 1]) or (pk == "p" and kind[k - 2] == "w" and txt[k - 2])
      if prev_word == "rp" then it.currency = true end
      local prev = pk == "n" and num[k - 1]
      if it.base or prev_word == "per" then
        it.ignore = "reference"                   -- the 1.000 of "per 1.000"
      elseif (pk == "p" and txt[k - 1] == "/") or (nk == "p" and txt[k + 1] == "/" and E[k + 1] == it.e + 1) then
        it.ignore = "reference"                   -- 29/2014, XI/MPR/1998, 1/2
      elseif prev_word and REF_WORDS[prev_word] and not it.percent then
        it.ignore = "reference"
      elseif prev and prev.ignore == "reference" and RANGE_GAPS[string.gsub(string.sub(s, prev.e + 1, it.s - 1), "%s", "")] then
        it.ignore = "reference"                   -- the 12 of "usia 7–12 tahun"
      elseif string.find(it.raw, "^19%d%d$") or string.find(it.raw, "^20%d%d$") then
        if not it.percent and not it.currency and not (it.unit and COUNT_UNITS[it.unit]) then
          it.ignore, it.year = "year", it.raw
        end
      elseif string.find(it.raw, "^%d+$") and #it.raw >= 8 then
        it.ignore = "identifier"
      elseif pk == "p" and txt[k - 1] == "(" and nk == "p" and txt[k + 1] == ")" then
        it.ignore = "list"                        -- (1)
      elseif k == 1 and nk == "p" and (txt[k + 1] == "." or txt[k + 1] == ")") then
        it.ignore = "list"                        -- "1." or "1)" opening an item
      elseif not it.value then
        it.ignore = "unreadable"
      end
    end
  end
  return items
end

-- How many numbers of s[from..to] lex leaves as quantities (not a year,
-- reference, identifier or list marker), counted in C without making the
-- items (lakip.quantity_count: lex's decisions, on lakip.lex's items). A
-- sentence without one has nothing to check but its formulas, so it is not
-- lexed: most sentences with digits name only years, regulations and
-- numbered points.
local function quantities(s, from, to)
  return lakip.quantity_count(s, from, to, REF_WORDS, COUNT_UNITS, RANGE_GAPS)
end

-- Words of items a..b (inclusive), lower-case.
local function words_between(items, a, b)
  local out = {}
  local kind, txt = items.kind, items.text
  for k = a, b do
    if kind[k] == "w" then out[#out + 1] = txt[k] end
  end
  return out
end

local function has_any(words, wanted)
  for _, w in ipairs(words) do
    if wanted[w] then return w end
  end
  return nil
end

-- The sentence around items[a]..items[b]: `before` words of context, and
-- up to `after` words to the end of the clause; "…" where it was cut.
local function quote(s, sent, items, a, b, before, after)
  local kind, txt = items.kind, items.text
  local from, to = sent.s, sent.e
  local n, k = 0, a
  while k > 1 and n < before do
    k = k - 1
    if kind[k] ~= "p" then n = n + 1 end
  end
  if k > 1 then from = items.s[k] end
  n, k = 0, b
  while k < items.n and n < after do
    local nk, nt = kind[k + 1], txt[k + 1]
    if nk == "p" and (nt == "," or nt == ";" or nt == ":") then break end
    k = k + 1
    if nk ~= "p" then n = n + 1 end
  end
  if k < items.n then to = items.e[k] end
  local q = string.sub(s, from, to)
  q = string.gsub(q, "^%s+", "")
  q = string.gsub(q, "%s+$", "")
  if from > sent.s then q = "…" .. q end
  if to < sent.e then q = q .. "…" end
  return q
end

-- The number as the narrative writes it, with its % ("52,62%").
local function shown(s, it) return (string.gsub(string.sub(s, it.s, it.e), "%s+", " ")) end

-- ---------------------------------------------------------------------------
-- Exact arithmetic

-- (lib.formula made in this file's sandbox when first used: a report
-- without paragraphs never needs it)
local function exact_text(...) return lib.formula.exact_text(...) end

-- How `value` (written at its own precision) relates to num / den:
-- "ok" (rounded half-up), "truncated" or "wrong"; and the rounded value.
local function judge(num, den, value)
  if den:is_zero() then return nil end
  local p = value:scale()
  local r = num:div(den, p, "half_up")
  if r == value then return "ok", r end
  if num:div(den, p, "truncate") == value then return "truncated", r end
  return "wrong", r
end

-- "14.896 / 28.306 × 100 = 52,62488…% ≈ 52,62%".
local function ratio_text(a, b, value, style)
  local num, den = a * 100, b
  local p = value:scale()
  local r = num:div(den, p, "half_up")
  local s = text.num(a, style) .. " / " .. text.num(b, style) .. " × 100 = "
  if r * den == num then return s .. text.pct(r, style) end
  return s .. exact_text(num, den, p, style) .. "% ≈ " .. text.pct(r, style)
end

-- Two decimals agree when they are equal, or when the finer one rounds or
-- truncates to the coarser one ("52,625" and "52,62"; "4,99" and "4,990").
local function agree(x, y)
  if x == y then return true end
  local fine, coarse = x, y
  if x:scale() < y:scale() then fine, coarse = y, x end
  local s = coarse:scale()
  return fine:round(s, "half_up") == coarse or fine:round(s, "truncate") == coarse
end

-- ---------------------------------------------------------------------------
-- narasi.computation / narasi.truncated

local function candidates(items)
  local out = {}
  local num = items.num
  for _, k in ipairs(items.numbers) do
    local it = num[k]
    if it.ignore ~= "year" and it.ignore ~= "reference" and it.ignore ~= "identifier"
        and it.ignore ~= "list" then
      it.index = k
      out[#out + 1] = it
    end
  end
  return out
end

local function units_clash(a, b)
  if not a.unit or not b.unit then return false end
  local ua, ub = a.unit, b.unit
  if not COUNT_UNITS[ua] or not COUNT_UNITS[ub] then return false end
  return text.unit(ua) ~= text.unit(ub)
end

-- "A ... dari/dan ... B ... sehingga ... P%": the share P of A in B.
local function check_share(ctx, env, items, c)
  local A, B, P = c[1], c[2], c[3]
  if not P.percent or A.percent or B.percent or P.currency then return end
  if not (A.value and B.value and P.value) then return end
  if A.currency ~= B.currency or units_clash(A, B) then return end
  local ab = words_between(items, A.index + 1, B.index - 1)
  local bp = words_between(items, B.index + 1, P.index - 1)
  if #ab > 20 or #bp > 20 then return end
  local link
  for _, w in ipairs(ab) do
    if w == "dari" then link = "of"; break end
  end
  if not link then
    for _, w in ipairs(ab) do
      if w == "dan" then link = "and"; break end
    end
  end
  if not link or not has_any(bp, CONNECTIVES) then return end
  if has_any(ab, CHANGE_WORDS) or has_any(bp, CHANGE_WORDS) then return end

  local a, b, p = A.value, B.value, P.value
  if b:is_zero() then return end                  -- "dari 0": nothing to recompute
  ctx:recomputed({ file = env.file })
  local primary = { { a, b } }
  if link == "and" and not a:is_zero() then primary[2] = { b, a } end
  -- Other readings of the same three numbers, as numerator × 100 and
  -- denominator: if one of them gives P, the sentence may mean that, and
  -- nothing is reported.
  local alt = {}
  for _, o in ipairs({ { a, a + b }, { b, a + b }, { a - b, b }, { b - a, a }, { a - b, a }, { b - a, b } }) do
    if o[1]:sign() >= 0 then alt[#alt + 1] = { o[1] * 100, o[2] } end
  end
  if link == "of" then alt[#alt + 1] = { b * 100, a } end
  -- "realisasi A dari target B, capaian P%" of a lower-is-better indicator
  for _, f in ipairs(lib.formula.list) do
    local num, den = f.parts(b, a)
    alt[#alt + 1] = { num, den }
  end

  for _, o in ipairs(primary) do
    if judge(o[1] * 100, o[2], p) == "ok" then return end
  end
  for _, o in ipairs(alt) do
    if judge(o[1], o[2], p) == "ok" then return end
  end
  local fields = {
    reported = shown(env.s, P), first = shown(env.s, A), second = shown(env.s, B),
    quote = quote(env.s, env.sent, items, A.index, P.index, 6, 2),
    sentence = string.sub(env.s, env.sent.s, env.sent.e),
  }
  for _, o in ipairs(primary) do
    local v, r = judge(o[1] * 100, o[2], p)
    if v == "truncated" then
      fields.expected = text.pct(r, env.style)
      fields.computation = ratio_text(o[1], o[2], p, env.style)
      ctx:emit("narasi.truncated", { file = env.file, line = env.line(A.s) }, fields)
      return
    end
  end
  for _, o in ipairs(alt) do
    if judge(o[1], o[2], p) == "truncated" then return end
  end
  if link ~= "of" and not has_any(words_between(items, 1, items.n), RATIO_WORDS) then return end
  local _, r = judge(a * 100, b, p)
  fields.expected = text.pct(r, env.style)
  fields.computation = ratio_text(a, b, p, env.style)
  ctx:emit("narasi.computation", { file = env.file, line = env.line(A.s) }, fields)
end

-- ---------------------------------------------------------------------------
-- narasi.computation / narasi.truncated: formulas written out
--
-- "36.743 / 39.834 x 100% = 92,24%", "(50 : 3) x 100% = 1667%", "5 / 6.000
-- × 1.000 = 0,83 per 1.000 KH", "36.743 penduduk ... yang bersekolah dibagi
-- 39.834 penduduk ..., dikali 100 = 92,22": a division, a multiplier that is
-- a power of ten, "=" (or sebesar/adalah/yaitu/hasilnya) and the result.
-- The sentence says what it computes, so the only reading is a × m / b; the
-- result is judged at the precision it is written with. Operands written
-- with decimals may themselves be rounded: a result reachable from values
-- within half a unit of their last digits is not a finding.

-- Formula tokens: numbers, words and the operators, each with its byte range.
local function formula_tokens(s, from, to)
  local out, i = {}, from
  while i <= to do
    local c = string.sub(s, i, i)
    if string.find(c, "%d") then
      local raw = number_at(s, i, to)
      out[#out + 1] = { kind = "n", raw = raw, s = i, e = i + #raw - 1 }
      i = i + #raw
    elseif string.find(c, "%a") then
      local w = string.match(s, "^%a+", i)
      out[#out + 1] = { kind = "w", w = string.lower(w), s = i, e = i + #w - 1 }
      i = i + #w
    elseif string.sub(s, i, i + 1) == "\u{00D7}" then
      out[#out + 1] = { kind = "o", op = "x", s = i, e = i + 1 }
      i = i + 2
    else
      if string.find(c, "[/:%(%)=%*%%%+%-,;]") then
        out[#out + 1] = { kind = "o", op = (c == "*") and "x" or c, s = i, e = i }
      end
      i = i + 1
    end
  end
  for _, t in ipairs(out) do
    if t.kind == "w" and (t.w == "x" or t.w == "kali" or t.w == "dikali" or t.w == "dikalikan") then
      t.kind, t.op = "o", "x"
    elseif t.kind == "w" and t.w == "dibagi" then
      t.kind, t.op = "o", "/"
    end
  end
  return out
end

-- A number of a formula in the document's style, else in the other one
-- when only that reads it ("92.22" in a decimal-comma report).
local function formula_number(raw, style)
  local v = read_number(raw, style)
  if v then return v end
  return read_number(raw, style == "en" and "id" or "en")
end

-- Words a formula may carry between its numbers ("36.743 penduduk usia 7
-- s.d. 12 tahun yang bersekolah dibagi ..."): words, commas, and numbers
-- that a reference word or a range introduces. Returns the index of the
-- next token that is neither, or nil when there are too many words.
local function skip_words(toks, k)
  local n, ref_number = 0, false
  while toks[k] do
    local t = toks[k]
    if t.kind == "w" then
      n = n + 1
      if n > 15 then return nil end
      ref_number = false
    elseif t.kind == "n" then
      local p = toks[k - 1]
      local pw = p and p.kind == "w" and p.w
      local ranged = p and p.kind == "o" and p.op == "-" and ref_number
      if not (ranged or (pw and (REF_WORDS[pw] or RANGE_GAPS[pw] or pw == "d"))
          or string.find(t.raw, "^19%d%d$") or string.find(t.raw, "^20%d%d$")) then
        return k
      end
      ref_number = true
    elseif t.kind == "o" and (t.op == "," or t.op == "%" or (t.op == "-" and ref_number)) then
      -- a clause comma ("…, dikali 100"), a unit ("85% / 90%"), a range ("7-12")
    else
      return k
    end
    k = k + 1
  end
  return k
end

local RESULT_WORDS = set { "sebesar", "adalah", "yaitu", "yakni", "hasilnya", "menjadi", "diperoleh" }

-- "× 100 = c", "× 100% = c %", "x 1.000 sebesar c" starting at toks[j]:
-- { M, mv, C, pct, last, next } (next: the token after the result), or nil.
-- A chain ("= 0,9224 × 100%") is not a result.
local function result_at(toks, j)
  local mul = toks[j]
  local M = mul and mul.kind == "o" and mul.op == "x" and toks[j + 1]
  if not (M and M.kind == "n" and string.find((string.gsub(M.raw, "[%.,]", "")), "^10+$")) then return nil end
  local j3 = j + 2
  while toks[j3] and ((toks[j3].kind == "o" and (toks[j3].op == "%" or toks[j3].op == ")"))
      or (toks[j3].kind == "w" and toks[j3].w == "persen")) do j3 = j3 + 1 end
  local eq = toks[j3]
  local is_eq = eq and ((eq.kind == "o" and eq.op == "=") or (eq.kind == "w" and RESULT_WORDS[eq.w]))
  local C = is_eq and toks[j3 + 1]
  if not (C and C.kind == "n") then return nil end
  local after = toks[j3 + 2]
  if after and after.kind == "o" and (after.op == "x" or after.op == "/" or after.op == ":") then return nil end
  local pct = after and ((after.kind == "o" and after.op == "%") or (after.kind == "w" and after.w == "persen")) or false
  return { M = M, mv = decimal.parse((string.gsub(M.raw, "[%.,]", ""))), C = C, pct = pct and true or false,
           last = pct and after or C, next = j3 + (pct and 3 or 2) }
end

-- The formulas of one sentence: { a=, b=, m=, c= (tokens, with .value),
-- percent (c written with %), first, last (token indexes) }.
local function find_formulas(s, from, to, style)
  local toks = formula_tokens(s, from, to)
  local out = {}
  for k, A in ipairs(toks) do
    if A.kind == "n" then
      local before = toks[k - 1]
      local open = before and before.kind == "o" and before.op == "("
      if open then before = toks[k - 2] end
      -- not the tail of a longer expression ("(2 × 90 − 85) / 90"), nor a
      -- number a reference word or a range introduces ("usia 7 s.d. 12")
      local free = not before or (before.kind == "w" and not REF_WORDS[before.w]
          and not RANGE_GAPS[before.w] and before.w ~= "d") or (before.kind == "o"
        and (before.op == "=" or before.op == "," or before.op == ";" or before.op == ":"))
      free = free and not (out[#out] and A.s <= out[#out].last.e)
      local j = free and skip_words(toks, k + 1)
      local div = j and toks[j]
      if div and div.kind == "o" and (div.op == "/" or div.op == ":") then
        local jb = j + 1
        if toks[jb] and toks[jb].kind == "w" and toks[jb].w == "dengan" then jb = jb + 1 end
        if toks[jb] and toks[jb].kind == "w" and toks[jb].w == "rp" then jb = jb + 1 end
        local B = toks[jb]
        if B and B.kind == "n" then
          local j2 = jb + 1
          if open and toks[j2] and toks[j2].kind == "o" and toks[j2].op == ")" then j2 = j2 + 1 end
          j2 = skip_words(toks, j2)
          local r = j2 and result_at(toks, j2)
          if r then
            out[#out + 1] = {
              a = A, b = B, m = r.M, c = r.C, percent = r.pct,
              av = formula_number(A.raw, style), bv = formula_number(B.raw, style),
              mv = r.mv, cv = formula_number(r.C.raw, style),
              first = open and toks[k - 1] or A, last = r.last,
            }
          end
        end
      elseif div and not open then
        -- a displayed fraction flattened into a line (text taken from a PDF):
        -- "36.743 penduduk … yang sekolah x 100 = 92.22 39.834 penduduk …",
        -- the numerator, "× 100 = result", then the denominator and its words
        local r = result_at(toks, j)
        local B = r and toks[r.next]
        local after_b = B and toks[r.next + 1]
        if B and B.kind == "n" and after_b and after_b.kind == "w" and not r.pct then
          out[#out + 1] = {
            a = A, b = B, m = r.M, c = r.C, percent = false,
            av = formula_number(A.raw, style), bv = formula_number(B.raw, style),
            mv = r.mv, cv = formula_number(r.C.raw, style),
            first = A, last = B, stacked = true,
          }
        end
      end
    end
  end
  return out
end

-- True when a × m / b, for a and b anywhere within half a unit of their
-- last written digit, can be c (itself within half a unit): the operands
-- may be rounded values. Exact cross products; b's interval must stay
-- positive. Integers are exact (no interval). As for capaian.rounded-inputs,
-- rounding noise is no licence: when the operands' rounding moves the result
-- by more than 1% of it, they are too coarse to excuse a difference.
local function reachable_rounded(a, b, m, c)
  if a:scale() == 0 and b:scale() == 0 then return false end
  local ha = a:scale() > 0 and text.half_unit(a) or decimal.new(0)
  local hb = b:scale() > 0 and text.half_unit(b) or decimal.new(0)
  local hc = text.half_unit(c)
  local blo, bhi = b - hb, b + hb
  if blo:sign() <= 0 then return false end
  -- span (a+ha)·m/blo − (a−ha)·m/bhi ≤ c/100, times blo·bhi·100
  if ((a + ha) * bhi - (a - ha) * blo) * m * 100 > c * blo * bhi then return false end
  -- min (a−ha)·m/bhi ≤ c+hc  and  max (a+ha)·m/blo ≥ c−hc
  return (a - ha) * m <= (c + hc) * bhi and (a + ha) * m >= (c - hc) * blo
end

-- "36.743 / 39.834 × 100 = 92,24027…% ≈ 92,24%"
local function formula_text(a, b, m, value, pct, style)
  local num = a * m
  local p = value:scale()
  local r = num:div(b, p, "half_up")
  local sign = pct and "%" or ""
  local s = text.num(a, style) .. " / " .. text.num(b, style) .. " × " .. text.num(m, style) .. " = "
  if r * b == num then return s .. text.num(r, style) .. sign, r end
  return s .. exact_text(num, b, p, style) .. sign .. " ≈ " .. text.num(r, style) .. sign, r
end

-- The signs for times a formula writes ("kali" aside).
local TIMES_SIGNS = { "x", "X", "*", "\u{00D7}" }

-- Checks every formula of the sentence; returns how many were read.
local function check_formulas(ctx, env)
  local s, sent = env.s, env.sent
  -- every formula, read or not, multiplies by "× 10…0": a sentence without
  -- a 1 followed by zeros, or without a sign or word for times, has none
  -- (the 1 first: lowering the sentence to look for "kali" costs more)
  local seg = string.sub(s, sent.s, sent.e)
  local one = string.find(seg, "1", 1, true)
  while one and not string.find(seg, "^[%.,]*0", one + 1) do one = string.find(seg, "1", one + 1, true) end
  if not one then return 0 end
  if not (lakip.find_any(seg, TIMES_SIGNS) or string.find(string.lower(seg), "kali", 1, true)) then
    return 0
  end
  local list = find_formulas(s, sent.s, sent.e, env.style)
  for _, f in ipairs(list) do
    local where = { file = env.file, line = env.line(f.a.s) }
    local a, b, m, c = f.av, f.bv, f.mv, f.cv
    if not (a and b and m and c) or b:is_zero() then
      ctx:not_checkable(where)
    else
      local ok, verdict, r = pcall(function()
        local num = a * m
        local v = judge(num, b, c)
        if v == "wrong" and reachable_rounded(a, b, m, c) then v = "rounded" end
        return v, num:div(b, c:scale(), "half_up")
      end)
      if not ok then
        ctx:not_checkable(where)                  -- beyond the decimal's 18 digits
      else
        ctx:recomputed(where)
        if verdict == "truncated" or verdict == "wrong" then
          local computation = formula_text(a, b, m, c, f.percent, env.style)
          local q = string.gsub(string.sub(s, f.first.s, f.last.e), "%s+", " ")
          ctx:emit(verdict == "wrong" and "narasi.computation" or "narasi.truncated", where, {
            reported = shown(s, f.c) .. (f.percent and "%" or ""),
            first = shown(s, f.a), second = shown(s, f.b),
            expected = text.num(r, env.style) .. (f.percent and "%" or ""),
            computation = computation, quote = q,
            sentence = string.sub(s, sent.s, sent.e),
          })
        end
      end
    end
  end
  -- "... × 100 = c" that is not read as a formula ("(2 × 90 − 85) / 90 ×
  -- 100% = 105,56%", a chain): say it was seen and not judged
  if #list == 0 then
    local toks = formula_tokens(s, sent.s, sent.e)
    for k, t in ipairs(toks) do
      local m, eq = toks[k + 1], toks[k + 2]
      if eq and eq.kind == "o" and eq.op == "%" then eq = toks[k + 3] end
      if t.kind == "o" and t.op == "x" and m and m.kind == "n"
          and string.find((string.gsub(m.raw, "[%.,]", "")), "^10+$")
          and eq and eq.kind == "o" and eq.op == "=" then
        ctx:not_checkable({ file = env.file, line = env.line(t.s) })
        break
      end
    end
  end
  return #list
end

-- ---------------------------------------------------------------------------
-- narasi.table-mismatch

-- The words of an indicator name that identify it: those of its normalised
-- text (lib.text.normalize) but GENERIC words, single letters and plain
-- numbers (lakip.name_words, in C).
local function significant(label)
  return lakip.name_words(label, GENERIC)
end

-- What the row's values count: "%", a unit ("kasus") or "" when unknown.
-- (satuan_units: satuan -> its unit, for the rows of one report: units repeat)
local function row_unit(label, rc, tc, satuan, satuan_units)
  if rc.percent or (tc and tc.percent) then return "%" end
  if satuan and satuan ~= "" then
    local unit = satuan_units[satuan]
    if not unit then
      unit = text.rate_unit(satuan) or text.unit(satuan)
      satuan_units[satuan] = unit
    end
    return unit
  end
  if rc.unit ~= "" then return text.unit(rc.unit) end
  if tc and tc.unit ~= "" then return text.unit(tc.unit) end
  local n = string.gsub(text.normalize(label), "^%d+ ", "")
  local first, second = string.match(n, "^(%S+) ?(%S*)")
  if first and PERCENT_LABEL[first] then return "%" end
  if first == "jumlah" and second ~= "" and second ~= "yang" then return text.unit(second) end
  return ""
end

-- Every data row with an indicator and a realisasi value. Of several
-- realisasi columns ("Realisasi 2018 | Target 2019 | Realisasi 2019") the
-- report year's is the one the narrative speaks of (lib.indikator.value_columns),
-- as rules/capaian.lua judges it.
local function index_rows(report)
  local rows = {}
  local names = {}          -- label -> { sig, key }: indicators repeat from table to table
  local satuan_units = {}
  for _, t in report:tables() do
    local vc = t:col("indikator") and lib.indikator.value_columns(t, report.year) or {}
    if vc.realisasi then
      -- what every row of the table shares, read once
      local file, tline, tstyle, caption = t.file, t.line, t.style, t.caption
      local has_satuan = t:col("satuan")
      local tname                                 -- the table's name, when a row needs it
      -- the names of the data rows in one call (false for another row): a
      -- row is made, and its cells read, only for a name that can be matched
      for i, label in ipairs(t:texts("indikator", "data")) do
        local named = label and label ~= "" and names[label]
        if label and label ~= "" and not named then
          local sig = significant(label)
          named = { sig = sig, key = table.concat(sig, " ") }
          names[label] = named
        end
        local row = named and #named.sig >= 2 and t:row(i)
        local rc = row and row:cell(vc.realisasi)
        if rc and rc.kind == "value" then
          local tc = vc.target and row:cell(vc.target)
          -- the file's base name: what follows its last "/" (string.match(file,
          -- "[^/]*$"), without a pattern tried at every byte)
          if not tname then
            if caption and caption ~= "" then
              tname = caption
            else
              local base, slash = 1, string.find(file, "/", 1, true)
              while slash do base, slash = slash + 1, string.find(file, "/", slash + 1, true) end
              tname = string.sub(file, base) .. ":" .. tline
            end
          end
          rows[#rows + 1] = {
            name = label,                         -- as written; its label: row_label
            key = named.key, sig = named.sig,
            unit = row_unit(label, rc, tc, has_satuan and row:text("satuan") or nil, satuan_units),
            realisasi = rc.value, realisasi_text = rc.text,
            target = tc and tc.kind == "value" and tc.value or nil, target_text = tc and tc.text or "",
            row = row, capaian_col = vc.capaian,   -- the capaian: row_capaian
            line = row.line, table_line = tline, file = file, style = tstyle,
            table = tname,
          }
        end
      end
    end
  end
  return rows
end

-- The row's capaian value, or false (read when a percentage is compared).
local function row_capaian(r)
  if r.capaian == nil then
    local cc = r.capaian_col and r.row:cell(r.capaian_col)
    r.capaian = cc and cc.kind == "value" and cc.value or false
  end
  return r.capaian
end

-- The row's indicator as a finding names it: without its numbering and a
-- trailing ";" (made for the row a finding names).
local function row_label(r)
  if not r.label then
    r.label = string.gsub(string.gsub(r.name, "^%s*%d+%.?%s*", ""), "[;%s]+$", "")
  end
  return r.label
end

-- True when every significant word of the row appears among `words`
-- (a word of five letters or more also matches as a prefix:
-- "pemerintah" in "pemerintahan", "mendapat" in "mendapatkan").
-- `known` is word_lookup(words): every word, and every prefix of five
-- letters or more of one, so a row is one lookup per significant word.
local function word_lookup(words)
  local known = {}
  for _, x in ipairs(words) do
    known[x] = true
    for n = 5, #x - 1 do known[string.sub(x, 1, n)] = true end
  end
  return known
end

local function names(row, known)
  for _, w in ipairs(row.sig) do
    if not known[w] then return false end
  end
  return true
end

-- The words around the number items[k]: back to the previous quantity (at
-- most 12 words) and on to the next one (at most 8). Also whether a year
-- other than the report's lies in that stretch.
local function window(items, k, year)
  local kind, txt, num = items.kind, items.text, items.num
  local words, other_year = {}, false
  local n, j = 0, k - 1
  local back = {}
  while j >= 1 and n < 12 do
    local kj = kind[j]
    if kj == "n" then
      local it = num[j]
      if it.ignore == "year" then
        if it.year ~= year then other_year = true end
      elseif it.ignore ~= "reference" and it.ignore ~= "list" then break end
    elseif kj == "w" then
      n = n + 1
      back[n] = txt[j]
    end
    j = j - 1
  end
  for i = 1, #back do words[#words + 1] = back[i] end
  n, j = 0, (num[k].unit_at or k) + 1
  while j <= items.n and n < 8 do
    local kj, tj = kind[j], txt[j]
    if kj == "p" and (tj == "," or tj == ";" or tj == ":") then
      break                                       -- the next clause speaks of something else
    elseif kj == "n" then
      local it = num[j]
      if it.ignore == "year" then
        if it.year ~= year then other_year = true end
      elseif it.ignore ~= "reference" and it.ignore ~= "list" then break end
    elseif kj == "w" then
      n = n + 1
      words[#words + 1] = tj
    end
    j = j + 1
  end
  return words, back, other_year
end

local NONE = {}

-- "43 desa ..., untuk 7 desa lainnya": the rest of the whole, same unit.
local function rest_of_whole(items, k, c_next)
  local N = items.num[k]
  if not c_next or c_next.percent or not c_next.value or c_next.unit ~= N.unit then return nil end
  local after = (c_next.unit_at or c_next.index) + 1
  local word = items.kind[after] == "w" and items.text[after]
  if not word or (word ~= "lainnya" and word ~= "sisanya") then return nil end
  if #words_between(items, (N.unit_at or k) + 1, c_next.index - 1) > 8 then return nil end
  return c_next
end

-- c: candidates(items)
local function check_claims(ctx, env, items, c)
  for ci, N in ipairs(c) do
    local k = N.index
    local kind, txt = items.kind, items.text
    local prev = kind[k - 1] == "w" and txt[k - 1]
    local after = N.unit_at and kind[N.unit_at + 1] == "w" and txt[N.unit_at + 1]
    local skip = not N.value or N.currency
        or (after and (after == "lainnya" or after == "sisanya"))
        or (prev and (prev == "sisanya" or prev == "sisa"))
    -- the rows of the number's unit (derived = false) and, for "43 desa
    -- ..., 7 desa lainnya", the percentage rows (derived = true): a number
    -- no row could match is not read further
    local unit, rest, rows, same, pct
    if not skip then
      unit = N.percent and "%" or (N.unit and (text.rate_unit(N.unit) or text.unit(N.unit))) or ""
      rest = not N.percent and rest_of_whole(items, k, c[ci + 1]) or nil
      local by_unit
      rows, by_unit = env.rows()
      same = unit ~= "" and by_unit[unit] or NONE
      pct = rest and by_unit["%"] or NONE
      skip = not same[1] and not pct[1]
    end
    if not skip then
      local words, back, other_year = window(items, k, env.year)
      local near = {}
      for i = 1, math.min(5, #back) do
        -- "lalu" is "last" in "tahun lalu", not in "lalu lintas"
        if back[i] ~= "lalu" or PERIOD_WORDS[back[i + 1] or ""] then near[#near + 1] = back[i] end
      end
      if other_year or has_any(near, NOT_REALISASI) or has_any({ back[1], back[2] }, CHANGE_WORDS) then
        skip = true
      end
      if not skip then
        local matched, same_file = {}, false
        local known = word_lookup(words)
        local function try(at, derived)
          local r = rows[at]
          if known[r.sig[1]] and names(r, known) then      -- (the first word: most rows stop there)
            matched[#matched + 1] = { row = r, derived = derived }
            if r.file == env.file then same_file = true end
          end
        end
        -- in the rows' order
        if pct == NONE or pct == same then        -- one list: the number's unit
          for _, at in ipairs(same) do try(at, false) end
        else
          local i, j = 1, 1
          while same[i] or pct[j] do
            if pct[j] and (not same[i] or pct[j] < same[i]) then
              try(pct[j], true)
              j = j + 1
            else
              try(same[i], false)
              if pct[j] == same[i] then j = j + 1 end   -- (a row of both lists is of the number's unit)
              i = i + 1
            end
          end
        end
        -- the tables of the sentence's own document first; other inputs
        -- (a spreadsheet export of the same tables) only when it has none
        if same_file then
          local own = {}
          for _, m in ipairs(matched) do
            if m.row.file == env.file then own[#own + 1] = m end
          end
          matched = own
        end
        if #matched > 0 then
          local total = rest and (N.value + rest.value)
          -- silent when any row naming the indicator agrees with the sentence
          local agrees = false
          for _, m in ipairs(matched) do
            local r = m.row
            if m.derived then
              for _, v in pairs({ r.realisasi, r.target }) do
                if judge(N.value * 100, total, v) ~= "wrong"
                    or (v * total):div(100, N.value:scale(), "half_up") == N.value then agrees = true end
              end
            else
              if agree(N.value, r.realisasi) or (r.target and agree(N.value, r.target))
                  or (N.percent and row_capaian(r) and agree(N.value, r.capaian)) then
                agrees = true
              end
            end
          end
          -- "10 kasus terhadap anak dan 4 kasus terhadap perempuan": parts
          -- of the whole the table reports
          local sum, parts = nil, 0
          for _, x in ipairs(c) do
            if x.value and not x.percent and not x.currency and x.unit and x.unit == N.unit then
              sum, parts = (sum and sum + x.value) or x.value, parts + 1
            end
          end
          if parts >= 2 and not N.percent then
            for _, m in ipairs(matched) do
              if not m.derived and agree(sum, m.row.realisasi) then agrees = true end
            end
          end
          if not agrees then
            -- the best row: most words named; among equals, the nearest
            -- table above the sentence (the one it discusses)
            table.sort(matched, function(x, y)
              if #x.row.sig ~= #y.row.sig then return #x.row.sig > #y.row.sig end
              local xa, ya = x.row.line < env.line(N.s), y.row.line < env.line(N.s)
              if xa ~= ya then return xa end
              if xa then return x.row.line > y.row.line end
              return x.row.line < y.row.line
            end)
            local best = matched[1].row
            -- two different indicators named equally well: cannot tell which
            local ambiguous = false
            for i = 2, #matched do
              local r = matched[i].row
              if #r.sig == #best.sig and r.key ~= best.key then ambiguous = true end
            end
            if not ambiguous then
              env.emit_mismatch(N, rest, total, matched, items, k)
            end
          end
        end
      end
    end
  end
end

-- ---------------------------------------------------------------------------

return {
  rules = {
    {
      id = "narasi.computation", severity = "warning",
      fields = { "reported", "first", "second", "computation", "quote", "expected" },
      title = text_pair("Hitungan dalam narasi tidak sesuai dengan angkanya",
                        "A computation stated in the narrative does not follow from its numbers"),
      explanation = text_pair(
        "Kalimat yang menyatakan suatu hitungan dihitung ulang: rumus yang ditulis lengkap (\"A / B x 100% = P\", \"(A : B) × 100 = P %\", \"A ... dibagi (dengan) B ... dikali(kan) 100 = P\", pecahan bersusun yang menjadi satu baris dalam teks dari PDF \"A ... x 100 = P B ...\", pengali 1.000 atau 100.000 untuk angka per 1.000 / per 100.000: P = A / B × pengali; bila A dan B ditulis dengan desimal, P yang dapat dicapai dari nilai dalam setengah satuan digit terakhirnya tidak dilaporkan, asalkan pembulatan itu menggeser hasil kurang dari 1% nilainya; rumus yang tidak terbaca, misalnya rantai \"= 0,92 × 100% = 92%\" atau \"(2 × T − R) / T × 100% = P\", dihitung sebagai tidak dapat diperiksa), \"A ... dari ... B ... sehingga/sebesar ... P%\" (P = A / B × 100) dan \"A ... dan ... B ..., sehingga ... P%\". Untuk dua bentuk terakhir hanya kalimat yang strukturnya jelas yang diperiksa: tepat dua angka sebelum hasilnya (tahun, nomor peraturan dan penomoran tidak dihitung), kata penghubungnya ada, dan tidak ada bacaan lain dari ketiga angka (bagian dari jumlah keduanya, selisih, kebalikannya, rumus capaian lain) yang menghasilkan angka yang tertulis. Selisih yang dinyatakan (\"semula X menjadi Y atau berkurang Z\") diperiksa jumlah.change. Hasil dinilai pada jumlah desimal yang tertulis, dibulatkan setengah ke atas.",
        "Sentences that state a computation are recomputed: formulas written out (\"A / B x 100% = P\", \"(A : B) × 100 = P %\", \"A ... dibagi (dengan) B ... dikali(kan) 100 = P\", a displayed fraction flattened into one line in text taken from a PDF \"A ... x 100 = P B ...\", a multiplier of 1.000 or 100.000 for rates per 1.000 / per 100.000: P = A / B × multiplier; when A and B are written with decimals, a P reachable from values within half a unit of their last digits is not reported, provided that rounding moves the result by less than 1% of it; a formula that cannot be read, such as a chain \"= 0,92 × 100% = 92%\" or \"(2 × T − R) / T × 100% = P\", is counted as not checkable), \"A ... dari ... B ... sehingga/sebesar ... P%\" (P = A / B × 100) and \"A ... dan ... B ..., sehingga ... P%\". For the last two forms, only sentences with an unambiguous structure are checked: exactly two numbers before the result (years, regulation numbers and list numbering do not count), the linking word present, and no other reading of the three numbers (a share of their sum, a difference, the inverse, another capaian formula) giving the number written. A stated difference (\"semula X menjadi Y atau berkurang Z\") is checked by jumlah.change. The result is judged at the number of decimals written, rounded half-up."),
      message = text_pair("Narasi menyatakan {reported} dari {first} dan {second}, padahal {computation}. Kalimat: “{quote}”",
                          "The narrative states {reported} from {first} and {second}, but {computation}. Sentence: “{quote}”"),
      fix = text_pair("Hitung ulang dan tulis {expected}, atau perbaiki angka yang salah ketik.",
                      "Recompute and write {expected}, or correct the mistyped number."),
    },
    {
      id = "narasi.truncated", severity = "info",
      fields = { "reported", "computation", "quote", "expected" },
      title = text_pair("Hitungan dalam narasi dipotong, bukan dibulatkan",
                        "A computation in the narrative truncated instead of rounded"),
      explanation = text_pair(
        "Hasil yang dinyatakan kalimat sama dengan hitungan yang benar bila digit berikutnya dibuang, bukan dibulatkan (lihat narasi.computation untuk kalimat yang diperiksa). Selisihnya satu satuan pada digit terakhir: ini bukan salah hitung, tetapi tidak konsisten dengan pembulatan yang lazim — sama seperti capaian.truncated pada tabel.",
        "The result the sentence states equals the right computation with the following digits dropped instead of rounded (see narasi.computation for the sentences checked). It is one unit off in the last digit: not an arithmetic error, but inconsistent with normal rounding — as capaian.truncated is in tables."),
      message = text_pair("Narasi menyatakan {reported}: dipotong, bukan dibulatkan; {computation}. Kalimat: “{quote}”",
                          "The narrative states {reported}: truncated, not rounded; {computation}. Sentence: “{quote}”"),
      fix = text_pair("Tulis {expected}.", "Write {expected}."),
      example = "Baris 622: \"27.142 orang dan jumlah pekerja perempuan 63.290 sehingga ... sebesar 42,88%\"; 27.142 / 63.290 × 100 = 42,88513…% ≈ 42,89%.",
    },
    {
      id = "narasi.table-mismatch", severity = "warning",
      fields = { "claim_id", "row_line", "expected", "target_note", "implied_id", "others_id", "quote", "claim_en", "implied_en", "others_en" },
      title = text_pair("Angka dalam narasi berbeda dengan tabel", "The narrative's number differs from the table"),
      explanation = text_pair(
        "Angka yang disebut narasi untuk suatu indikator dibandingkan dengan realisasi indikator itu di tabel (kolom tahun laporan bila tabel memuat realisasi beberapa tahun). Sebuah kalimat dianggap menyebut indikator hanya bila semua kata bermakna dari nama indikatornya (tanpa kata umum seperti Jumlah, Persentase, yang) muncul di dekat angka, dan angkanya bersatuan sama dengan indikator (kasus, desa, orang, %). Jumlah seperti \"43 desa ..., 7 desa lainnya\" dibandingkan dengan indikator persentase sebagai 43 dari 50. Angka yang didahului kata target, sebelumnya, kenaikan dan sejenisnya, atau yang berada di dekat tahun lain, tidak dibandingkan. Tidak dilaporkan: angka yang sama dengan realisasi atau target (untuk %, juga capaian) salah satu baris yang cocok, angka-angka bersatuan sama dalam satu kalimat yang jumlahnya sama dengan realisasi (\"10 kasus terhadap anak dan 4 kasus terhadap perempuan\"), dan kalimat yang menyebut dua indikator berbeda sama baiknya.",
        "A number the narrative gives for an indicator is compared with that indicator's realisasi in the tables (the report year's column when a table holds several years' realisasi). A sentence counts as naming an indicator only when every significant word of its name (without generic words such as Jumlah, Persentase, yang) appears near the number, and the number has the indicator's unit (kasus, desa, orang, %). A count such as \"43 desa ..., 7 desa lainnya\" is compared with a percentage indicator as 43 of 50. Numbers after words such as target, sebelumnya (previous), kenaikan (increase), or near another year, are not compared. Not reported: a number equal to the realisasi or target (for a %, also the capaian) of any matching row, same-unit numbers of one sentence that add up to the realisasi (\"10 kasus terhadap anak dan 4 kasus terhadap perempuan\"), and a sentence that names two different indicators equally well."),
      message = text_pair("Narasi menyebut {claim_id} untuk {indicator}, sedangkan tabel “{table}” baris {row_line} mencatat realisasi {expected}{target_note}{implied_id}{others_id}. Kalimat: “{quote}”",
                          "The narrative gives {claim_en} for {indicator}, while table “{table}” line {row_line} records realisasi {expected}{target_note}{implied_en}{others_en}. Sentence: “{quote}”"),
      fix = text_pair("Samakan narasi dengan tabel, atau jelaskan di narasi mengapa angkanya berbeda.",
                      "Make the narrative and the table agree, or explain in the narrative why the numbers differ."),
      example = "Baris 610: \"sebanyak 17 kasus terhadap anak dan perempuan yang tertangani\", tetapi tabel REALISASI PERJANJIAN KINERJA (PK) baris 489 dan tabel Urusan Pemberdayaan Perempuan Dan Perlindungan Anak baris 595: 14 kasus. Baris 658: \"hanya 43 desa yang bumdes nya dianggap aktif, untuk 7 desa lainnya\" = 86%, tetapi tabel IKU OPD URUSAN PEMDES baris 654: Persentase BUMDES Aktif 94.",
    },
  },

  -- (finish reads only the narrative: not called for a report without one)
  needs = { finish = { paragraphs = 1 } },

  finish = function(ctx, report)
    if report.paragraph_count == 0 then return end
    -- the narrative follows the number style most tables use
    local votes = { id = 0, en = 0 }
    for _, t in report:tables() do votes[t.style] = (votes[t.style] or 0) + 1 end
    local style = (votes.en or 0) > (votes.id or 0) and "en" or "id"
    -- the table rows are indexed once, when a sentence first needs them:
    -- the rows, and their indexes by unit (rows without one in none)
    local rows, by_unit
    local function get_rows()
      if not rows then
        rows, by_unit = index_rows(report), {}
        for at, r in ipairs(rows) do
          if r.unit ~= "" then
            by_unit[r.unit] = by_unit[r.unit] or {}
            table.insert(by_unit[r.unit], at)
          end
        end
      end
      return rows, by_unit
    end

    for _, pa in ipairs(passages(report)) do
      local s = pa.text
      -- the sentences that hold a digit (lakip.sentences: narasi's split, in C):
      -- a sentence without one states no number, so it has nothing to check
      local bounds = lakip.sentences(s, true)
      local env = bounds[1] and {
        s = s, style = style, file = pa.file, rows = get_rows,
        year = report.year and tostring(report.year) or nil,
        line = function(pos) return line_at(pa, pos) end,
      }
      if env then                                 -- (env.sent: the sentence being read)
        env.emit_mismatch = function(N, rest, total, matched, its, k)
          local best = matched[1].row
          local st = best.style or style
          local fields = {
            reported = shown(s, N) .. ((not N.percent and N.unit) and (" " .. N.unit) or ""),
            expected = best.realisasi_text, target = best.target_text,
            target_note = best.target_text ~= "" and (" (target " .. best.target_text .. ")") or "",
            table = best.table, row_line = best.line, indicator = row_label(best),
            quote = quote(s, env.sent, its, k, rest and rest.index or (N.unit_at or k), 10, 8),
            sentence = string.sub(s, env.sent.s, env.sent.e),
            implied_id = "", implied_en = "",
          }
          if rest then
            local unit = N.unit or ""
            fields.claim_id = shown(s, N) .. " " .. unit .. " dari " .. text.num(total, st) .. " " .. unit
              .. " (" .. shown(s, N) .. " + " .. shown(s, rest) .. " " .. unit .. " lainnya) = "
              .. exact_text(N.value * 100, total, 2, st) .. "%"
            fields.claim_en = shown(s, N) .. " " .. unit .. " of " .. text.num(total, st) .. " " .. unit
              .. " (" .. shown(s, N) .. " + " .. shown(s, rest) .. " other) = "
              .. exact_text(N.value * 100, total, 2, st) .. "%"
            local implied = exact_text(best.realisasi * total, decimal.new(100), 2, st)
            fields.implied_id = "; " .. text.num(best.realisasi, st) .. "% dari " .. text.num(total, st) .. " " .. unit
              .. " = " .. implied .. " " .. unit
            fields.implied_en = "; " .. text.num(best.realisasi, st) .. "% of " .. text.num(total, st) .. " " .. unit
              .. " = " .. implied .. " " .. unit
          else
            fields.claim_id, fields.claim_en = fields.reported, fields.reported
          end
          -- the same indicator in other tables, then rows whose name the
          -- sentence also covers but which name a broader indicator
          -- ("Jumlah Kasus Kekerasan ..." without "yang Tertangani")
          local same, similar = {}, {}
          for i = 2, #matched do
            local r = matched[i].row
            local list = r.key == best.key and same or similar
            list[#list + 1] = r
          end
          local function listed(list)
            table.sort(list, function(x, y) return x.line < y.line end)
            local out = {}
            for _, r in ipairs(list) do out[#out + 1] = tostring(r.line) .. " (" .. r.realisasi_text .. ")" end
            return table.concat(out, ", ")
          end
          fields.others_id, fields.others_en = "", ""
          if #same > 0 then
            fields.others_id = "; indikator yang sama di baris " .. listed(same)
            fields.others_en = "; the same indicator at line " .. listed(same)
          end
          if #similar > 0 then
            local l = listed(similar)
            fields.others_id = fields.others_id .. "; nama serupa di baris " .. l
            fields.others_en = fields.others_en .. "; similar names at line " .. l
          end
          ctx:emit("narasi.table-mismatch", { file = pa.file, line = line_at(pa, N.s), indicator = row_label(best) }, fields)
        end
      end
      for i = 1, #bounds, 2 do
        local sent = { s = bounds[i], e = bounds[i + 1] }
        env.sent = sent
        local items = quantities(s, sent.s, sent.e) > 0 and lex(s, sent.s, sent.e, style)
        local c = items and candidates(items) or {}
        if check_formulas(ctx, env) == 0 and #c == 3 then
          check_share(ctx, env, items, c)
        end
        if items then check_claims(ctx, env, items, c) end
      end
    end
  end,
}
