-- rules/klaim.lua — what the narrative claims about the indicators of its
-- tables, judged against those tables:
--   klaim.comparison  "lebih rendah dari target", "di bawah target",
--                     "target tercapai", "belum mencapai target" for an
--                     indicator whose realisasi says otherwise (the
--                     achievement judged with the indicator's direction,
--                     lib.polarity);
--   klaim.count       "sebanyak 4 indikator mencapai target dan 1 indikator
--                     belum mencapai target", "Dari 5 indikator" against the
--                     table right above;
--   klaim.base        a rate written per another base than the table's
--                     ("per 100.000" for an indicator the table gives per
--                     1.000 KH, "per 1.000" for one it gives in %);
--   klaim.target      "target 0,60" in a sentence about an indicator whose
--                     table target for the report year is another number;
--   klaim.trend       "meningkat / menurun dibandingkan tahun lalu" against
--                     the table's columns for the report year and the one
--                     before.
--
-- A sentence is about an indicator when it contains the indicator's whole
-- name (lib.indikator.key: case, numbering, punctuation and a few typos
-- aside) and no other indicator's; a sentence that names another year than
-- the report's, or a Renstra/RPJMD end target, is about something else and
-- is left alone. Prose is read conservatively: a claim the rule cannot
-- place is not judged.
local ind = lib.indikator
local text = lib.text
local polarity              -- lib.polarity, taken by settle: made in this file's sandbox when first needed

local function text_pair(id, en) return { id = id, en = en } end

local year
local evidence, evidence_of  -- lib.polarity.evidence of the report (evidence_of: its arguments), made on first need
local rows                 -- indicator rows with target and realisasi: {key=, ...}
local rows_by_head         -- the first word of a row's key -> the row's indexes in rows
local tables_by_file       -- file -> { {line=, rows=} } tables with a capaian column

-- Claims about realisasi against target, as phrases of the normalised
-- sentence (lib.text.normalize: lower case, punctuation as spaces).
local claims = {
  { kind = "below", "lebih rendah dari target", "lebih rendah daripada target", "di bawah target",
    "dibawah target", "lebih kecil dari target", "kurang dari target" },
  { kind = "above", "lebih tinggi dari target", "lebih tinggi daripada target", "di atas target",
    "diatas target", "lebih besar dari target" },
  { kind = "missed", "belum mencapai target", "tidak mencapai target", "target belum tercapai",
    "target tidak tercapai", "belum memenuhi target", "tidak memenuhi target" },
  { kind = "met", "target tercapai", "telah mencapai target", "sudah mencapai target",
    "berhasil mencapai target", "memenuhi target", "melampaui target", "melebihi target" },
}

local function place(file, line) return ind.place(file, line) end

-- Sentences of a paragraph: split after ". " before a capital or digit,
-- never inside numbers ("1.000", "0,56"). Second result: where each starts.
local function sentences(s)
  local out, starts, start = {}, {}, 1
  local stop = string.find(s, ".", 1, true)
  while stop do
    local after = string.match(s, "^%s+[%u%d]()", stop + 1)
    if after then
      out[#out + 1], starts[#out + 1] = string.sub(s, start, stop), start
      start = stop + 1
    end
    stop = string.find(s, ".", after or stop + 1, true)
  end
  out[#out + 1], starts[#out + 1] = string.sub(s, start), start
  return out, starts
end

-- Whether l holds `word` inside l[a..b]: its first place from a ends by b.
local function within(l, word, a, b)
  local at = string.find(l, word, a, true)
  return at ~= nil and at + #word - 1 <= b
end

-- Whether l[a..b] holds a rate "per N" (string.find(l[a..b], "per%s*%d")),
-- tried at each "per" of it that a space or a digit follows (most are
-- words: "perempuan", "persentase").
local function rate_within(l, a, b)
  local at = string.find(l, "per", a, true)
  while at and at + 2 <= b do
    local c = string.byte(l, at + 3)
    if c and (c == 32 or (c >= 9 and c <= 13) or (c >= 48 and c <= 57)) then
      local _, e = string.find(l, "^per%s*%d", at)
      if e and e <= b then return true end
    end
    at = string.find(l, "per", at + 1, true)
  end
  return false
end

local function digit_at(s, i)
  local c = string.byte(s, i)
  return c ~= nil and c >= 48 and c <= 57
end

-- Whether s names a year (a run of four digits, 1990 to 2100) other than
-- the report's. Such a run starts with 19, 20 or 21: those are found with
-- plain searches, not a pattern tried at every byte.
local function other_year_named(s)
  for _, head in ipairs({ "19", "20", "21" }) do
    local at = string.find(s, head, 1, true)
    while at do
      if (at == 1 or not digit_at(s, at - 1)) and digit_at(s, at + 2) and digit_at(s, at + 3)
         and not digit_at(s, at + 4) then
        local n = tonumber(string.sub(s, at, at + 3))
        if n >= 1990 and n <= 2100 and n ~= year then return true end
      end
      at = string.find(s, head, at + 1, true)
    end
  end
  return false
end

-- The one indicator row a sentence names (its whole key), or nil. Only
-- the rows whose key starts with a word of the sentence can be named
-- (rows_by_head); they are tried in table order.
local function named_row(key)
  local tried, seen = {}, {}
  for w in string.gmatch(key, "%S+") do
    local list = not seen[w] and rows_by_head[w]
    seen[w] = true
    if list then
      for _, i in ipairs(list) do tried[#tried + 1] = i end
    end
  end
  table.sort(tried)
  local hit
  for _, i in ipairs(tried) do
    local r = rows[i]
    if string.find(key, r.padded, 1, true) then
      if hit and hit.key ~= r.key then
        -- a longer name containing the shorter one is the one meant
        if string.find(r.padded, hit.padded, 1, true) then hit = r
        elseif not string.find(hit.padded, r.padded, 1, true) then return nil end
      else
        hit = hit or r
      end
    end
  end
  return hit
end

-- A row's indicator as a finding names it: without its numbering (made
-- for a row a sentence names).
local function row_label(r)
  if not r.label then r.label = (string.gsub(r.name, "^%s*%d+%.?%s*", "")) end
  return r.label
end

-- A row's direction (dir, how, term, where: lib.polarity.decide), decided
-- when a claim about it is judged: most rows are never named.
local function settle(r)
  if not r.how then
    polarity = polarity or lib.polarity
    if not evidence then evidence = polarity.evidence(evidence_of.report, evidence_of.options) end
    r.dir, r.how, r.term, r.where = polarity.decide(evidence, r.name, r.arah)
  end
  return r
end

local function achieved(r)
  settle(r)
  if r.dir == "lower" then return r.realisasi <= r.target end
  return r.realisasi >= r.target
end

local function judge_claim(kind, r)
  if kind == "below" then return r.realisasi < r.target end
  if kind == "above" then return r.realisasi > r.target end
  if kind == "met" then return achieved(r) end
  return not achieved(r)
end

local claim_words = {
  below = { id = "realisasi di bawah target", en = "realisasi below the target" },
  above = { id = "realisasi di atas target", en = "realisasi above the target" },
  met = { id = "target tercapai", en = "the target met" },
  missed = { id = "target belum tercapai", en = "the target missed" },
}

local function short(s)
  s = string.gsub(s, "%s+", " ")
  if #s > 200 then s = string.sub(s, 1, 197) .. "…" end
  return s
end

-- Clauses of a sentence: split before ", dan", ", sedangkan", ", serta",
-- ", sementara", ", namun" and at ";", where prose moves to another subject.
local clause_breaks = { ", dan ", ", sedangkan ", ", serta ", ", sementara ", ", namun ", "; " }

-- The text of the clauses of s that name row r (its whole key); a clause
-- naming no indicator belongs to the subject before it unless the sentence
-- went on to another subject (a break word), so it is left out.
local function own_clauses(s, r)
  local cuts, low = {}, string.lower(s)
  for _, w in ipairs(clause_breaks) do
    local from = 1
    while true do
      local at = string.find(low, w, from, true)
      if not at then break end
      cuts[#cuts + 1] = at
      from = at + 1
    end
  end
  if #cuts == 0 then return s end
  table.sort(cuts)
  local out, start = {}, 1
  cuts[#cuts + 1] = #s + 1
  for _, c in ipairs(cuts) do
    local part = string.sub(s, start, c - 1)
    if string.find(" " .. ind.key(part) .. " ", r.padded, 1, true) then out[#out + 1] = part end
    start = c
  end
  return table.concat(out, " ")
end

-- n: the sentence normalised, with a space either side
local function check_sentence(ctx, p, s, loc, n)
  if other_year_named(s) then return end
  if string.find(n, " renstra ", 1, true) or string.find(n, " rpjmd ", 1, true)
     or string.find(n, " akhir periode ", 1, true) then return end
  -- all that is judged below needs "target" (every claim phrase has it)
  -- or a rate "per N": without them, which row is named does not matter
  local l = string.lower(s)
  if not (string.find(n, "target", 1, true) or string.find(l, "target", 1, true)
          or (string.find(l, "per", 1, true) and string.find(l, "per%s*%d"))) then
    return
  end
  local key = " " .. ind.key(s) .. " "
  local r = named_row(key)
  if not r then return end
  local fields = {
    indicator = row_label(r), target = r.target_text, realisasi = r.realisasi_text,
    table_place = place(r.file, r.line), quote = short(s),
  }
  -- the direction, worded when a finding needs it (false until then, so
  -- the fields keep their order)
  fields.dir_id, fields.dir_en = false, false
  local function emit(rule)
    if not fields.dir_id then
      settle(r)
      fields.dir_id, fields.dir_en = polarity.describe(r.dir, r.how, r.term, r.where)
    end
    ctx:emit(rule, loc, fields)
  end
  -- comparisons with the target
  local judged = {}
  for _, c in ipairs(claims) do
    for _, phrase in ipairs(c) do
      local at = not judged[c.kind] and string.find(n, " " .. phrase .. " ", 1, true)
      -- "capaian ... di bawah target" on a lower-is-better indicator may
      -- speak of the achievement, not the number: not judged
      if at and (c.kind == "below" or c.kind == "above") and settle(r).dir == "lower"
         and string.find(string.sub(n, 1, at), " capaian", 1, true) then at = nil end
      if at then
        judged[c.kind] = true
        -- "belum mencapai target" also contains "mencapai target": the longer phrase wins
        local shadowed = (c.kind == "met" and (judged.missed))
        if not shadowed then ctx:compared({ file = p.file }) end   -- the sentence with its table row
        if not shadowed and not judge_claim(c.kind, r) then
          fields.claim_id, fields.claim_en = claim_words[c.kind].id, claim_words[c.kind].en
          fields.phrase = phrase
          emit("klaim.comparison")
        end
      end
    end
  end
  -- the target stated: "target 0,60", "target sebesar 72%" -- read only in
  -- the clauses that name the indicator: "Kemiskinan 6,04% dari target
  -- 6,28%, dan pengangguran 6,28% dari target 6,60%" states two targets of
  -- two indicators, the second named short
  local named = own_clauses(s, r)
  local low = string.lower(named)
  for a, b in string.gmatch(low, "()target%s*()") do
    local rest = string.sub(named, b)
    local skip = string.match(rest, "^sebesar%s+") or string.match(rest, "^yaitu%s+")
                 or string.match(rest, "^yang ditetapkan%s+") or ""
    local raw, after = string.match(rest, "^(%d[%d%.,]*)%s*(%a*)", #skip + 1)
    -- "target 5 tahun ke depan" is a period, not the target
    if after == "tahun" or after == "bulan" or after == "triwulan" or after == "semester" then raw = nil end
    if raw then
      raw = string.gsub(raw, "[%.,]$", "")
      local v = text.read_number(raw)
      if v and v ~= r.target then
        fields.stated = raw
        emit("klaim.target")
        break
      end
    end
  end
  -- a rate base other than the table's
  if r.base then
    for base in string.gmatch(low, "per%s*(%d[%d%.]*)") do
      local u = text.rate_unit("per " .. base)
      if u and u ~= r.base then
        fields.base = r.base_text
        fields.stated_base = "per " .. string.gsub(base, "%.$", "")
        emit("klaim.base")
        break
      end
    end
  end
end

-- klaim.trend: "meningkat / turun dibandingkan tahun lalu" against the
-- table's own columns for the report year and the year before.
local trends               -- { {key=, label=, prev=, cur=, prev_text=, cur_text=, file=, line=} }

local up_words = { "meningkat", "naik", "bertambah", "kenaikan", "peningkatan" }
local down_words = { "menurun", "turun", "berkurang", "penurunan" }

local function has_word(n, words)
  for _, w in ipairs(words) do
    if string.find(n, " " .. w .. " ", 1, true) then return w end
  end
  return nil
end

local function collect_trends(report)
  trends = {}
  for _, t in report:tables() do
    if t:col("indikator") then
      local by_role = {}
      for i, c in ipairs(t:columns()) do
        -- realisasi columns only: a year's capaian is an achievement, and
        -- "Capaian (%) 2015 … 2018" rows mix values and percentages
        if c.role == "realisasi" and c.year then
          by_role[c.role] = by_role[c.role] or {}
          by_role[c.role][c.year] = i
        end
      end
      local cols = by_role.realisasi
      local prev, cur = cols and cols[year - 1], cols and cols[year]
      if prev and cur then
        for _, row in t:rows() do
          local label = row:text("indikator")
          local key = ind.key(label)
          local pc, cc = row:cell(prev), row:cell(cur)
          if row.kind == "data" and #key >= 8 and pc.kind == "value" and cc.kind == "value" then
            trends[#trends + 1] = {
              key = key, padded = " " .. key .. " ", label = (string.gsub(label, "^%s*%d+%.?%s*", "")), file = t.file, line = row.line,
              prev = pc.value, cur = cc.value, prev_text = pc.text, cur_text = cc.text,
            }
          end
        end
      end
    end
  end
end

local function check_trend(ctx, s, loc, n)
  if #trends == 0 then return end
  local earlier = tostring(year - 1)
  if not (string.find(n, " tahun lalu ", 1, true) or string.find(n, " tahun sebelumnya ", 1, true)
          or string.find(n, " " .. earlier .. " ", 1, true)) then return end
  for y in string.gmatch(s, "%f[%d](%d%d%d%d)%f[%D]") do
    local v = tonumber(y)
    if v >= 1990 and v <= 2100 and v ~= year and v ~= year - 1 then return end
  end
  local key = " " .. ind.key(s) .. " "
  local hit
  for _, r in ipairs(trends) do
    if string.find(key, r.padded, 1, true) then
      if hit and hit.key ~= r.key then return end
      hit = hit or r
    end
  end
  if not hit then return end
  -- the change words outside the indicator's own name ("Persentase
  -- penurunan ..."), and not about the capaian (an achievement, whose
  -- change may run against the value's)
  local rest = string.gsub(key, " " .. hit.key:gsub("%p", "%%%0") .. " ", " ", 1)
  if string.find(rest, " capaian", 1, true) then return end      -- capaian, capaiannya
  local up, down = has_word(rest, up_words), has_word(rest, down_words)
  if (up and down) or not (up or down) then return end
  local ok = (up and hit.cur > hit.prev) or (down and hit.cur < hit.prev)
  if ok then return end
  ctx:emit("klaim.trend", loc, {
    indicator = hit.label, word = up or down, prev = hit.prev_text, cur = hit.cur_text,
    year = year, previous_year = year - 1, table_place = place(hit.file, hit.line), quote = short(s),
  })
end

-- Whether n (normalised) has a number right before " indikator ", which
-- both counts below read (" N indikator ... target ", " dari N indikator "):
-- looked for at each " indikator ", not with a pattern tried at every byte.
local function counts_indicators(n)
  local at = string.find(n, " indikator ", 1, true)
  while at do
    local c = at > 1 and string.byte(n, at - 1)
    if c and c >= 48 and c <= 57 then return true end
    at = string.find(n, " indikator ", at + 1, true)
  end
  return false
end

-- "Dari 5 indikator ..., sebanyak 4 indikator mencapai target dan 1
-- indikator belum mencapai target" against the table above the paragraph.
local function check_counts(ctx, p, s, loc, n)
  local list = tables_by_file[p.file]
  if not list then return end
  local tbl
  for _, t in ipairs(list) do
    if t.line < p.line then tbl = t end
  end
  if not tbl or #tbl.rows < 2 then return end
  if not string.find(n, "indikator", 1, true) or not counts_indicators(n) then return end
  -- the table's rows that met and missed their target, counted when a
  -- count is stated (their directions are decided then)
  local met, missed
  local function tally()
    if met then return end
    met, missed = 0, 0
    for _, r in ipairs(tbl.rows) do
      if achieved(r) then met = met + 1 else missed = missed + 1 end
    end
  end
  local function say(kind, stated, actual)
    ctx:emit("klaim.count", loc, {
      stated = stated, actual = actual, kind_id = kind.id, kind_en = kind.en,
      total = #tbl.rows, table_place = place(p.file, tbl.line), quote = short(s),
      met = met, missed = missed,
    })
  end
  for count, rest in string.gmatch(n, " (%d+) indikator ([%a%s]-) target ") do
    local c = tonumber(count)
    local words = " " .. rest .. " "
    if #rest <= 40 then
      tally()
      ctx:recomputed({ file = p.file })          -- the count, from the table
      if string.find(words, " belum ", 1, true) or string.find(words, " tidak ", 1, true) then
        if c ~= missed then say({ id = "belum mencapai target", en = "missed their target" }, c, missed) end
      elseif string.find(words, " mencapai ", 1, true) or string.find(words, " memenuhi ", 1, true)
             or string.find(words, " melampaui ", 1, true) or string.find(words, " melebihi ", 1, true) then
        if c ~= met then say({ id = "mencapai target", en = "met their target" }, c, met) end
      end
    end
  end
  local total = string.match(n, " dari (%d+) indikator ")
  if total and tonumber(total) ~= #tbl.rows and string.find(n, "target", 1, true) then
    tally()
    say({ id = "indikator seluruhnya", en = "indicators in all" }, tonumber(total), #tbl.rows)
  end
end

return {
  rules = {
    {
      id = "klaim.comparison", severity = "warning",
      fields = { "claim_id", "phrase", "table_place", "target", "realisasi", "dir_id", "quote", "claim_en", "dir_en" },
      title = text_pair("Narasi membandingkan dengan target secara keliru", "The narrative compares with the target wrongly"),
      explanation = text_pair(
        "Kalimat yang menyebut nama lengkap suatu indikator tabel menyatakan hubungan realisasinya dengan target (\"lebih rendah dari target\", \"di bawah target\", \"target tercapai\", \"belum mencapai target\"), tetapi angka tabel mengatakan sebaliknya. \"Di bawah/di atas target\" membandingkan angkanya; \"tercapai/belum mencapai\" dinilai menurut arah indikator (lebih rendah lebih baik: tercapai bila realisasi tidak melebihi target).",
        "A sentence that names a table's indicator in full states how its realisasi relates to the target (\"lebih rendah dari target\", \"di bawah target\", \"target tercapai\", \"belum mencapai target\"), but the table's numbers say otherwise. \"Below/above the target\" compares the numbers; \"met/missed\" is judged by the indicator's direction (lower is better: met when realisasi does not exceed the target)."),
      message = text_pair("Narasi menyebut {claim_id} (\"{phrase}\") untuk {indicator}, padahal tabel ({table_place}) mencatat target {target} dan realisasi {realisasi}; indikator ini {dir_id}. Kalimat: “{quote}”",
                          "The narrative says {claim_en} (\"{phrase}\") for {indicator}, but the table ({table_place}) has target {target} and realisasi {realisasi}; the indicator is {dir_en}. Sentence: “{quote}”"),
      fix = text_pair("Perbaiki kalimatnya sesuai angka tabel, atau perbaiki angka tabelnya.", "Correct the sentence to the table's numbers, or the table."),
    },
    {
      id = "klaim.count", severity = "warning",
      fields = { "stated", "kind_id", "table_place", "actual", "total", "met", "missed", "quote", "kind_en" },
      title = text_pair("Jumlah indikator yang disebut narasi tidak sesuai dengan tabel", "Count of indicators in the narrative differs from the table"),
      explanation = text_pair(
        "Kalimat \"N indikator mencapai target\", \"N indikator belum mencapai target\" atau \"dari N indikator\" dibandingkan dengan tabel capaian tepat di atasnya: indikator tercapai bila realisasinya mencapai target menurut arah indikator.",
        "A sentence \"N indikator mencapai target\", \"N indikator belum mencapai target\" or \"dari N indikator\" is compared with the capaian table right above it: an indicator is met when its realisasi reaches the target by the indicator's direction."),
      message = text_pair("Narasi menyebut {stated} indikator {kind_id}, padahal tabel di {table_place} memuat {actual} ({total} indikator: {met} tercapai, {missed} belum). Kalimat: “{quote}”",
                          "The narrative says {stated} indicators {kind_en}, but the table at {table_place} has {actual} ({total} indicators: {met} met, {missed} missed). Sentence: “{quote}”"),
      fix = text_pair("Hitung ulang dari tabel dan perbaiki kalimatnya.", "Recount from the table and correct the sentence."),
    },
    {
      id = "klaim.base", severity = "warning",
      fields = { "table_place", "base", "stated_base", "quote" },
      title = text_pair("Satuan angka per-sekian berbeda dengan tabel", "Rate base differs from the table"),
      explanation = text_pair(
        "Indikator yang dinyatakan tabel per 1.000 (atau per 100.000, per 10.000) ditulis narasi dengan basis lain. Angka per 1.000 dan per 100.000 berbeda seratus kali lipat; pembaca tidak dapat membandingkannya.",
        "An indicator the table gives per 1.000 (or per 100.000, per 10.000) is written in the narrative on another base. Rates per 1.000 and per 100.000 differ a hundredfold; readers cannot compare them."),
      message = text_pair("Tabel ({table_place}) menyatakan {indicator} {base}, tetapi narasi menulis {stated_base}. Kalimat: “{quote}”",
                          "The table ({table_place}) gives {indicator} {base}, but the narrative writes {stated_base}. Sentence: “{quote}”"),
      fix = text_pair("Pakai satu basis untuk indikator ini.", "Use one base for this indicator."),
    },
    {
      id = "klaim.trend", severity = "warning",
      fields = { "word", "previous_year", "table_place", "prev", "cur", "year", "quote" },
      title = text_pair("Perbandingan dengan tahun lalu bertentangan dengan tabel", "Comparison with last year contradicts the table"),
      explanation = text_pair(
        "Kalimat yang menyebut nama lengkap suatu indikator mengatakan nilainya meningkat atau menurun dibandingkan tahun lalu, sedangkan tabel yang memuat kolom tahun laporan dan tahun sebelumnya untuk indikator itu menunjukkan arah sebaliknya (atau tidak berubah). Kata perubahan di dalam nama indikator (\"Persentase penurunan …\") dan kalimat tentang capaian tidak dinilai.",
        "A sentence that names an indicator in full says its value rose or fell compared with last year, while the table with the report year's and the previous year's columns for that indicator shows the opposite (or no change). Change words inside the indicator's name (\"Persentase penurunan …\") and sentences about the capaian are not judged."),
      message = text_pair("Narasi menyebut {indicator} \"{word}\" dibandingkan tahun {previous_year}, padahal tabel ({table_place}) mencatat {prev} ({previous_year}) dan {cur} ({year}). Kalimat: “{quote}”",
                          "The narrative says {indicator} \"{word}\" compared with {previous_year}, but the table ({table_place}) has {prev} ({previous_year}) and {cur} ({year}). Sentence: “{quote}”"),
      fix = text_pair("Perbaiki kalimatnya atau angka tabelnya.", "Correct the sentence or the table."),
    },
    {
      id = "klaim.target", severity = "warning",
      fields = { "stated", "table_place", "target", "quote" },
      title = text_pair("Target dalam narasi berbeda dengan tabel", "Target in the narrative differs from the table"),
      explanation = text_pair(
        "Kalimat tentang suatu indikator tabel menyebut \"target X\", sedangkan target tahun laporan di tabel adalah angka lain. Hanya anak kalimat yang menyebut indikator itu yang dibaca (\"…dari target 6,28%, dan pengangguran … dari target 6,60%\" menyebut dua target dua indikator). Kalimat yang menyebut tahun lain atau target akhir Renstra/RPJMD tidak dibandingkan.",
        "A sentence about a table's indicator says \"target X\" while the table's target for the report year is another number. Only the clauses that name the indicator are read (\"…dari target 6,28%, dan pengangguran … dari target 6,60%\" states two targets of two indicators). Sentences that name another year or the Renstra/RPJMD end target are not compared."),
      message = text_pair("Narasi menyebut target {stated} untuk {indicator}, padahal tabel ({table_place}) mencatat target {target}. Kalimat: “{quote}”",
                          "The narrative gives the target {stated} for {indicator}, but the table ({table_place}) has the target {target}. Sentence: “{quote}”"),
      fix = text_pair("Samakan targetnya.", "Use one target."),
    },
  },

  -- (finish reads only the narrative: not called for a report without one)
  needs = { finish = { paragraphs = 1 } },

  finish = function(ctx, report)
    if report.paragraph_count == 0 then return end    -- a spreadsheet: no narrative
    year = report.year
    evidence, evidence_of = nil, { report = report, options = ctx.options }
    rows, rows_by_head, tables_by_file = {}, {}, {}
    local units = {}          -- satuan -> { rate base or false, whether it is "%" }: units repeat
    for _, t in report:tables() do
      local cols = ind.value_columns(t, year)
      if t:col("indikator") and cols.target and cols.realisasi and not ind.other_year(t, year) then
        local own = {}
        local file, has_arah = t.file, t:col("arah")
        -- the names of the data rows in one call (false for another row):
        -- a row is made, and its cells read, only for a name long enough
        for i, label in ipairs(t:texts("indikator", "data")) do
          local key = label and ind.key(label)
          local row = key and #key >= 8 and t:row(i)
          local tc, rc = row and row:cell(cols.target), row and row:cell(cols.realisasi)
          if row and tc.kind == "value" and rc.kind == "value" and not text.is_average_label(label) then
            local satuan = cols.satuan and row:text(cols.satuan) or ""
            local unit = units[satuan]
            if not unit then
              unit = { base = text.rate_unit(satuan) or false, percent = text.unit(satuan) == "%" }
              units[satuan] = unit
            end
            local base = unit.base or nil
            -- a percentage is a rate per 100: "per 1.000" in the text is another base
            if not base and (unit.percent or rc.percent or tc.percent) then
              base = "per 100"
              satuan = "%"
            end
            local r = {
              key = key, padded = " " .. key .. " ", file = file, line = row.line,   -- label: row_label
              target = tc.value, realisasi = rc.value, target_text = tc.text, realisasi_text = rc.text,
              name = label, arah = has_arah and row:text("arah") or nil,    -- for settle()
              base = base, base_text = base and satuan or nil,
            }
            rows[#rows + 1] = r
            local head = string.match(key, "^%S+")
            rows_by_head[head] = rows_by_head[head] or {}
            table.insert(rows_by_head[head], #rows)
            own[#own + 1] = r
          end
        end
        if cols.capaian and #own > 0 then
          local list = tables_by_file[t.file] or {}
          tables_by_file[t.file] = list
          list[#list + 1] = { line = t.line, rows = own }
        end
      end
    end
    if year then collect_trends(report) else trends = {} end
    if #rows == 0 and #trends == 0 then return end
    local earlier = year and tostring(year - 1)
    local count_words, trend_words = lakip.terms({ "target", "indikator" }), lakip.terms({ "lalu", "sebelumnya", earlier })
    for _, p in report:paragraphs() do
      local numbers = text.find_digit(p.text, 1)
      -- what each check needs before it reads a sentence, looked for in
      -- the whole paragraph at once (lower-cased: a sentence's normalised
      -- text has a word only where its lower-cased text has it):
      -- check_sentence "target" or a rate "per N", check_counts
      -- "indikator", check_trend "tahun lalu", "tahun sebelumnya" or last
      -- year. A paragraph with none of them is not split into sentences.
      local l = string.lower(p.text)
      local may_claim = numbers and #rows > 0 and (lakip.find_any(l, count_words) or rate_within(l, 1, #l))
      local may_trend = #trends > 0 and lakip.find_any(l, trend_words)
      local list, starts = {}, {}
      if may_claim or may_trend then list, starts = sentences(p.text) end
      for i, s in ipairs(list) do
        -- the same for each sentence, from where its words lie in the
        -- paragraph lower-cased (each check's words in its normalised
        -- text: there only where the lower-cased text has them). A
        -- sentence with none of them is not normalised.
        local a = starts[i]
        local b = a + #s - 1
        local claim = may_claim and (within(l, "target", a, b) or rate_within(l, a, b))
        local count = may_claim and within(l, "indikator", a, b)
        local trend = may_trend and ((within(l, "tahun", a, b) and (within(l, "lalu", a, b) or within(l, "sebelumnya", a, b)))
                                     or within(l, earlier, a, b))
        if claim or count or trend then
          local loc = { file = p.file, line = p.line }
          -- the sentence normalised, once for the three checks
          local n = " " .. text.normalize(s) .. " "
          if claim then check_sentence(ctx, p, s, loc, n) end
          if count then check_counts(ctx, p, s, loc, n) end
          if trend then check_trend(ctx, s, loc, n) end   -- "meningkat dibandingkan tahun lalu" needs no number
        end
      end
    end
  end,
}
