-- rules/penomoran.lua — numbering and form of a table:
--   penomoran.row            row numbers (the No column) skipped or repeated;
--   penomoran.colnum         a column-number row "(1) (2) (4) (5)" with a gap;
--   penomoran.empty          a row with an indicator or program but no target,
--                            realisasi or budget figures;
--   penomoran.share-over-100 a "Persentase …" (a share of a whole) realised
--                            above 100%;
--   penomoran.prose          ordinals in the narrative ("yang pertama …, yang
--                            kedua …, yang kedua …") that repeat or skip;
--   penomoran.percent-sign   a "Persentase …" value written without % in a
--                            column where the other percentages carry it.
-- Mistyped values ("100%%", "94,%") are angka.malformed's, not repeated here.
local text = lib.text
local ind = lib.indikator

local function text_pair(id, en) return { id = id, en = en } end

-- penomoran.row: the numbers of a table must run 1, 2, 3 …; a number may
-- restart at 1 (a new group). A table whose numbering does not start at 1
-- (an excerpt), goes backwards to anything but 1, or has anomalies in more
-- than a third of its steps is not a numbering this rule understands and
-- is left alone. The plain row numbers ("7", "7.", "(7)", "7)"; not
-- sub-numbers "2.1", letters "a." or roman numerals, which are left out of
-- the sequence) are read in C by t:row_number_breaks, which gives them
-- only when a step is neither the next number nor a restart at 1 (most
-- tables have nothing for the loop below to find); a row is looked at
-- only where the numbering goes wrong.
local function check_rows(ctx, t)
  local nums, at = t:row_number_breaks("no")
  if not nums or #nums < 3 or nums[1] ~= 1 then return end
  local found = {}
  -- one test for the usual step (the next number), the others only when
  -- it fails: a restart at 1, going back, a repeat or a gap
  local prev = nums[1]
  for i = 2, #nums do
    local cur = nums[i]
    if cur ~= prev + 1 and cur ~= 1 then
      if cur < prev then return end
      found[#found + 1] = i          -- cur == prev, or cur > prev + 1
    end
    prev = cur
  end
  if #found * 3 > #nums - 1 then return end
  for _, i in ipairs(found) do
    local prev, cur = nums[i - 1], nums[i]
    local prev_line, row = t:row(at[i - 1]).line, t:row(at[i])
    local fields = { number = tostring(cur), previous = tostring(prev), previous_line = prev_line }
    if cur == prev then
      fields.what_id = "berulang, sudah dipakai di baris " .. prev_line
      fields.what_en = "repeated, already used on line " .. prev_line
    else
      local missing = {}
      for k = prev + 1, cur - 1 do missing[#missing + 1] = tostring(k) end
      local m = table.concat(missing, ", ")
      fields.what_id = "sesudah nomor " .. prev .. " (baris " .. prev_line .. ") langsung nomor " .. cur
        .. "; nomor " .. m .. " tidak ada"
      fields.what_en = "number " .. cur .. " follows number " .. prev .. " (line " .. prev_line
        .. "); number " .. m .. " is missing"
    end
    ctx:emit("penomoran.row", row, fields)
  end
end

-- penomoran.colnum: the "(1) (2) (3) …" row under the header numbers the
-- columns so the text can refer to them; a gap means a column was removed
-- or a number mistyped. Blank cells (a column the row leaves unnumbered)
-- are skipped; a number that repeats or goes backwards counts too.
local function check_colnum(ctx, t)
  -- (t:colnum_line() from lakip.table_heads: a C call, not a method
  -- looked up on the view, for every table; most have no such row)
  local _, _, _, line = lakip.table_heads(t)
  if not line then return end
  local shown, nums = {}, {}
  for _, c in ipairs(t:columns()) do
    local s = c.colnum or ""
    if s ~= "" then shown[#shown + 1] = s end
    local n = s:match("^%s*%(?%s*(%d+)")
    if n then nums[#nums + 1] = math.tointeger(tonumber(n)) end
  end
  if #nums < 3 then return end
  local missing, repeated = {}, {}
  for i = 2, #nums do
    if nums[i] > nums[i - 1] + 1 then
      for k = nums[i - 1] + 1, nums[i] - 1 do missing[#missing + 1] = "(" .. k .. ")" end
    elseif nums[i] <= nums[i - 1] then
      repeated[#repeated + 1] = "(" .. nums[i] .. ")"
    end
  end
  if #missing == 0 and #repeated == 0 then return end
  local id_parts, en_parts = {}, {}
  if #missing > 0 then
    id_parts[#id_parts + 1] = "kolom " .. table.concat(missing, ", ") .. " tidak ada"
    en_parts[#en_parts + 1] = "column " .. table.concat(missing, ", ") .. " is missing"
  end
  if #repeated > 0 then
    id_parts[#id_parts + 1] = table.concat(repeated, ", ") .. " berulang atau mundur"
    en_parts[#en_parts + 1] = table.concat(repeated, ", ") .. " repeats or goes backwards"
  end
  ctx:emit("penomoran.colnum", t, {
    line = line, numbers = table.concat(shown, " "),
    what_id = table.concat(id_parts, "; "), what_en = table.concat(en_parts, "; "),
  })
end

-- penomoran.empty: the figures a row of this table should carry, per
-- table: { {role=, header=}, … } (built once; check_row runs per row).
local measure_roles = { "target", "realisasi", "pagu", "realisasi_anggaran" }
local measures_of = setmetatable({}, { __mode = "k" })

local function measures(t)
  local m = measures_of[t]
  if m then return m end
  m = {}
  local cols = t:columns()
  for _, role in ipairs(measure_roles) do
    local i = t:col(role)
    if i then
      local h = cols[i].header
      m[#m + 1] = { role = role, header = (h and h ~= "") and h or role }
    end
  end
  measures_of[t] = m
  return m
end

local function check_empty(ctx, t, row)
  if row.kind ~= "data" then return end
  local m = measures(t)
  if #m == 0 then return end
  local label = row.label
  if not label or label == "" then return end
  local empty = {}
  for _, e in ipairs(m) do
    if row:text(e.role) == "" then empty[#empty + 1] = "\"" .. e.header .. "\"" end
  end
  if #empty == 0 then return end
  if #empty == #m and text.is_average_label(label) then return end   -- rata.lua's row
  ctx:emit("penomoran.empty", row, { columns = table.concat(empty, ", "), label = label })
end

-- penomoran.share-over-100: "Persentase X" is a part of a whole, which
-- cannot exceed 100%. Names that measure a change or a comparison
-- ("Persentase peningkatan …", "Persentase capaian …") can, and are left
-- out, as are values in another unit (satuan.mismatch's business).
local share_starts = { "persentase", "persentasi", "prosentase", "presentase" }
local not_share = {
  "peningkatan", "pertumbuhan", "kenaikan", "penurunan", "capaian", "realisasi", "perbandingan",
  "rasio", "laju", "perubahan", "terhadap target", "pencapaian", "kinerja",
}

local share_marks = lakip.terms({ "persen", "prosen", "presen" })
local not_share_set = lakip.terms(not_share)

local function share_label(label)
  -- cheap look at the start first: check_row runs on every row
  local head = label:sub(1, 24):lower()
  if not lakip.find_any(head, share_marks) then return false end
  local n = text.normalize(label):gsub("^%d+ ", "")
  local share = false
  for _, w in ipairs(share_starts) do
    if n:sub(1, #w + 1) == w .. " " then share = true end
  end
  if not share then return false end
  return not lakip.find_any(n, not_share_set)
end

-- Labels recur (every table, every report of a long-form file): the
-- verdict is kept per label, the cache bounded like lib.polarity's.
local share_cache, share_cached = {}, 0
local function is_share(label)
  local v = share_cache[label]
  if v == nil then
    v = share_label(label)
    if share_cached >= 4096 then share_cache, share_cached = {}, 0 end
    share_cache[label] = v
    share_cached = share_cached + 1
  end
  return v
end

local hundred = decimal.new(100)

local function check_share(ctx, t, row)
  if row.kind ~= "data" or not t:col("realisasi") then return end
  local label = row.label
  if not label or not is_share(label) then return end
  local c = row:cell("realisasi")
  if c.kind ~= "value" or c.value <= hundred then return end
  if not (c.percent or c.unit == "" or text.unit(c.unit) == "%") then return end
  ctx:emit("penomoran.share-over-100", row, { realisasi = c.text, label = label })
end

-- penomoran.empty and penomoran.share-over-100 act only on data rows
-- with an empty figure (check_empty) or with a realisasi above 100 and
-- a label holding "persen", "prosen" or "presen" (check_share: a share's
-- name starts so): those rows are found in C over the table, and a row
-- view made only for them. (Declared as rows.only for check_row, the
-- engine tested every row of every table against both, ~300
-- instructions a row, a tenth of what the whole audit spent in rules on
-- a long-form export.) Every row either check can report on is found;
-- each is run on the rows found for it, in row order.
local function check_figures(ctx, t)
  local r = ind.roles(t)
  local empty = lakip.rows_empty(t, "data", r.target, r.realisasi, r.pagu, r.realisasi_anggaran)
  local above = r.realisasi and lakip.rows_above(t, "data", r.realisasi, 100, "persen", "prosen", "presen")
  if empty[1] == nil and (not above or above[1] == nil) then return end
  above = above or {}
  local a, b = 1, 1
  while empty[a] or above[b] do
    local i = math.min(empty[a] or math.maxinteger, above[b] or math.maxinteger)
    local row = t:row(i)
    if empty[a] == i then check_empty(ctx, t, row); a = a + 1 end
    if above[b] == i then check_share(ctx, t, row); b = b + 1 end
  end
end

-- penomoran.prose: "yang pertama", "yang kedua", ... within one section
-- (the paragraphs under one heading) must count up by one. "pertama"
-- starts a new enumeration; a section with a single ordinal says nothing.
local ordinals = {
  pertama = 1, kedua = 2, ketiga = 3, keempat = 4, kelima = 5, keenam = 6, ketujuh = 7,
  kedelapan = 8, kesembilan = 9, kesepuluh = 10,
}
local ordinal_names = {}
for w, n in pairs(ordinals) do ordinal_names[n] = w end

local function check_prose(ctx, report)
  if report.paragraph_count == 0 then return end   -- a spreadsheet: nothing read
  local section, last
  for _, p in report:paragraphs() do
    local key = (p.file or "") .. "\0" .. (p.heading or "")
    if key ~= section then section, last = key, nil end
    local low = string.lower(p.text)
    -- the matches string.gmatch(low, "()%f[%a]yang%s+(%a+)%s*(%a*)") gives,
    -- in order: a match starts at a "yang", so the pattern is tried
    -- (anchored) at each "yang" found plainly, and after a match the search
    -- goes on past its end, as gmatch's does
    local at = string.find(low, "yang", 1, true)
    while at do
      local _, e, pos, w, after = string.find(low, "^()%f[%a]yang%s+(%a+)%s*(%a*)", at)
      at = string.find(low, "yang", (e or at) + 1, true)
      local n = w and ordinals[w]
      if after == "kali" or after == "kalinya" then n = nil end    -- "yang kedua kalinya": twice
      if n then
        if n == 1 then
          last = { n = 1, line = p.line }
        elseif last and n ~= last.n + 1 then
          local quote = string.sub(p.text, pos, pos + 60):gsub("%s+", " ")
          ctx:emit("penomoran.prose", { file = p.file, line = p.line }, {
            word = w, previous = ordinal_names[last.n], previous_line = last.line,
            expected = ordinal_names[last.n + 1] or tostring(last.n + 1),
            move_id = n <= last.n and "mengulang" or "melompati",
            move_en = n <= last.n and "repeats" or "skips",
            quote = quote,
          })
          last = { n = n, line = p.line }
        elseif last then
          last = { n = n, line = p.line }
        end
      end
    end
  end
end

-- penomoran.percent-sign: in one value column, the "Persentase" rows that
-- write their value with % set the table's form; a bare number among them
-- (at least two with %, fewer bare ones than with %) slipped.
local percent_roles = { "target", "realisasi" }
local percent_census = lakip.cell_census{ roles = percent_roles, kind = "data", count = { "percent" } }

local function check_percent_signs(ctx, t)
  -- fewer than two data values with % in a column: nothing slipped there
  -- (counted first over every target and realisasi column at once)
  -- (the one count asked for: no table of them all for every table)
  -- (lakip.count_cells stops at the second: t:summary's census read the
  -- role names and every cell of every table)
  if lakip.count_cells(t, percent_census, 2) < 2 then return end
  local slips, order, others = {}, {}, 0
  local labels                 -- of the data rows, read once (t:labels): a row view only for a share
  for _, role in ipairs(percent_roles) do
    local col = t:col(role)
    if col and t:summary(col, "data", "percent") >= 2 then
      local with, bare = 0, {}
      labels = labels or t:labels("data")
      for i, label in ipairs(labels) do
        if label and is_share(label) then
          local row = t:row(i)
          local c = row:cell(col)
          if c.kind == "value" then
            if c.percent then with = with + 1
            elseif c.unit == "" then bare[#bare + 1] = { row = row, cell = c } end
          end
        end
      end
      if with >= 2 and #bare > 0 and #bare < with then
        local header = t:columns()[col].header
        header = (header and header ~= "") and header or role
        if with > others then others = with end
        for _, x in ipairs(bare) do
          local list = slips[x.row.line]
          if not list then
            list = { row = x.row }
            slips[x.row.line] = list
            order[#order + 1] = x.row.line
          end
          list[#list + 1] = "\"" .. header .. "\" " .. x.cell.text
        end
      end
    end
  end
  if #order > 1 then table.sort(order) end
  for _, line in ipairs(order) do
    local x = slips[line]
    ctx:emit("penomoran.percent-sign", x.row, {
      values = table.concat(x, ", "), others = others, label = x.row.label,
    })
  end
end

return {
  rules = {
    {
      id = "penomoran.prose", severity = "info",
      fields = { "word", "move_id", "previous", "previous_line", "expected", "quote", "move_en" },
      title = text_pair("Urutan dalam narasi mengulang atau melompat", "Ordinals in the narrative repeat or skip"),
      explanation = text_pair(
        "Narasi yang membahas indikator satu per satu (\"yang pertama …, yang kedua …\") dalam satu bagian harus berurutan. Urutan yang berulang atau melompat biasanya berarti satu indikator terlewat dibahas, atau teks disalin dari bagian lain.",
        "Narrative that discusses indicators one by one (\"yang pertama …, yang kedua …\") within one section must count up. A repeated or skipped ordinal usually means an indicator was not discussed, or text was copied from another section."),
      message = text_pair("\"yang {word}\" {move_id} urutan: sebelumnya \"yang {previous}\" (baris {previous_line}), seharusnya \"yang {expected}\". Teks: “{quote}…”",
                          "\"yang {word}\" {move_en} the order: the previous was \"yang {previous}\" (line {previous_line}), expected \"yang {expected}\". Text: “{quote}…”"),
      fix = text_pair("Perbaiki urutannya, atau bahas indikator yang terlewat.", "Fix the order, or discuss the indicator left out."),
      example = "Baris 614: \"yang kedua Tingkat Partisipasi Perempuan …\" sesudah \"yang ketiga\" di baris 612.",
    },
    {
      id = "penomoran.percent-sign", severity = "info",
      fields = { "values", "others" },
      title = text_pair("Persentase ditulis tanpa %", "Percentage written without %"),
      explanation = text_pair(
        "Dalam satu kolom, indikator \"Persentase …\" lainnya menulis nilainya dengan %, tetapi baris ini menulis angka polos: bentuknya tergelincir, atau angkanya sebenarnya jumlah (50 desa), bukan persentase.",
        "In one column the other \"Persentase …\" indicators write their value with %, but this row writes a bare number: the form slipped, or the number is really a count (50 villages), not a percentage."),
      message = text_pair("{values} tanpa %, padahal {others} baris persentase lain di kolom yang sama memakai %.",
                          "{values} without %, while {others} other percentage rows of the same column carry %."),
      fix = text_pair("Tambahkan % bila itu persentase; bila jumlah, ganti nama indikatornya.", "Add % if it is a percentage; if it is a count, rename the indicator."),
      example = "Tabel Urusan Pemberdayaan Masyarakat Dan Desa, baris 629: Persentase Desa yang memiliki RKPDesa, target dan realisasi 50 tanpa %, sedangkan baris 628 dan 630 menulis 100% dan 47%.",
    },
    {
      id = "penomoran.row", severity = "warning",
      fields = { "number", "what_id", "what_en" },
      title = text_pair("Nomor baris terlewati atau berulang", "Row number skipped or repeated"),
      explanation = text_pair(
        "Nomor pada kolom No semestinya berurutan 1, 2, 3, …; nomor yang terlewati dapat berarti satu baris (sasaran, program) hilang dari tabel, nomor yang berulang berarti salah ketik atau baris ganda. Penomoran yang dimulai lagi dari 1 untuk kelompok baru bukan temuan, dan nomor yang tertulis di dalam teks indikator (\"1. Persentase …\") tidak diperiksa. Tabel yang penomorannya tidak dimulai dari 1 atau tidak beraturan dilewati.",
        "The numbers of the No column should run 1, 2, 3, …; a skipped number can mean a row (a sasaran, a program) is missing from the table, a repeated one a typo or a duplicated row. Numbering that restarts at 1 for a new group is not a finding, and numbers inside the indicator text (\"1. Persentase …\") are not checked. Tables whose numbering does not start at 1 or is irregular are skipped."),
      message = text_pair("Nomor baris {number}: {what_id}.", "Row number {number}: {what_en}."),
      fix = text_pair("Perbaiki penomoran, atau tambahkan baris yang hilang.", "Fix the numbering, or add the missing row."),
      example = "Tabel Realisasi Anggaran, baris 667: sesudah nomor 1 (baris 666) langsung nomor 3; nomor 2 tidak ada.",
    },
    {
      id = "penomoran.colnum", severity = "info",
      fields = { "numbers", "what_id", "what_en" },
      title = text_pair("Nomor kolom tidak berurutan", "Column numbers have a gap"),
      explanation = text_pair(
        "Baris nomor kolom di bawah kepala tabel (\"(1) (2) (3) …\") dipakai untuk merujuk kolom. Nomor yang terlewati menandakan kolom yang dihapus (mis. Satuan) tanpa menomori ulang, atau salah ketik; rujukan ke kolom menjadi membingungkan. Sel yang tidak bernomor dilewati.",
        "The column-number row under the header (\"(1) (2) (3) …\") lets the text refer to columns. A skipped number means a column (e.g. Satuan) was removed without renumbering, or a typo; references to columns become confusing. Unnumbered cells are skipped."),
      message = text_pair("Nomor kolom {numbers}: {what_id}.", "Column numbers {numbers}: {what_en}."),
      fix = text_pair("Nomori kolom berurutan.", "Number the columns consecutively."),
      example = "Tabel Urusan Sosial, baris 508 (juga baris 586 dan 627): nomor kolom (1) (2) (4) (5) (6); kolom (3) tidak ada.",
    },
    {
      id = "penomoran.empty", severity = "warning",
      fields = { "label", "columns" },
      title = text_pair("Baris tanpa angka target/realisasi", "Row without target/realisasi figures"),
      explanation = text_pair(
        "Baris data yang bernama (indikator, program atau sasaran) tidak berisi angka pada kolom target, realisasi, pagu atau realisasi anggaran tabelnya. Kinerja atau anggarannya tidak dapat dinilai; bila sasaran itu memang tidak beranggaran, tuliskan \"-\" atau 0 dan jelaskan.",
        "A named data row (indicator, program or sasaran) has no figure in the table's target, realisasi, pagu or budget-realisation column. Its performance or budget cannot be assessed; if the sasaran really has no budget, write \"-\" or 0 and say why."),
      message = text_pair("\"{label}\" tidak berisi angka pada kolom {columns}.", "\"{label}\" has no figure in column(s) {columns}."),
      fix = text_pair("Isi kolom {columns}, atau tulis \"-\" dan jelaskan di narasi.",
                      "Fill in {columns}, or write \"-\" and explain in the narrative."),
      example = "Tabel Realisasi Anggaran, baris 672: \"7. Meningkatnya kepuasan masyarakat atas pelayanan OPD\" tanpa program, rencana anggaran dan realisasi anggaran.",
    },
    {
      id = "penomoran.share-over-100", severity = "warning",
      fields = { "label", "realisasi" },
      title = text_pair("Persentase bagian melebihi 100%", "A share above 100%"),
      explanation = text_pair(
        "Indikator \"Persentase …\" mengukur bagian dari keseluruhan (desa, PMKS, kasus yang tertangani) dan tidak dapat melebihi 100%. Realisasi di atas 100 biasanya berarti pembilang dan penyebut tertukar, penyebutnya salah, atau yang ditulis adalah capaian, bukan realisasi. Indikator perubahan atau perbandingan (\"Persentase peningkatan …\", \"Persentase capaian …\") dan nilai bersatuan lain tidak diperiksa.",
        "A \"Persentase …\" indicator measures a part of a whole (villages, PMKS, cases handled) and cannot exceed 100%. A realisasi above 100 usually means numerator and denominator were swapped, the denominator is wrong, or the capaian was written in place of the realisasi. Indicators of change or comparison (\"Persentase peningkatan …\", \"Persentase capaian …\") and values in other units are not checked."),
      message = text_pair("\"{label}\" adalah persentase bagian dari keseluruhan, tetapi realisasinya {realisasi}.",
                          "\"{label}\" is a share of a whole, but its realisasi is {realisasi}."),
      fix = text_pair("Periksa pembilang dan penyebutnya; bila yang ditulis adalah capaian, pindahkan ke kolom capaian.",
                      "Check the numerator and denominator; if the value is the capaian, move it to the capaian column."),
      example = "Laporan contoh lolos: tidak ada realisasi \"Persentase …\" di atas 100 (mis. baris 526, Persentase PMKS yang mendapat bantuan asistensi, realisasi 96,66%); capaian 111% di baris 509 adalah capaian, bukan realisasi.",
    },
  },

  check_table = function(ctx, t)
    check_rows(ctx, t)
    check_colnum(ctx, t)
    check_percent_signs(ctx, t)
    check_figures(ctx, t)
  end,

  -- (finish reads only the narrative: not called for a report without one)
  needs = { finish = { paragraphs = 1 } },

  finish = function(ctx, report)
    check_prose(ctx, report)
  end,

}
