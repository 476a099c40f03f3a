-- rules/duplikat.lua — rows repeated inside one table: the same indicator
-- listed twice (with the same numbers, or with different ones), and a row
-- whose target, realisasi and capaian are a copy of the row above although
-- it names another indicator (a copy-paste that was never filled in).
--
-- Names are matched with lib.indikator.loose_key (case, numbering,
-- punctuation, typos, word order, "%" for persentase ignored; nothing
-- fuzzy). Repeated names compare their numbers as
-- exact decimals: "6,50" = "6,5" and "50" = "50%". A copy is numbers
-- written identically (a copy-paste leaves the text as it was), which also
-- keeps the test cheap on a million-row export.
local ind = lib.indikator

local function text_pair(id, en) return { id = id, en = en } end

-- Columns that hold a row's numbers, and the header to name them by.
local number_roles = {
  target = true, realisasi = true, capaian = true, satuan = true, tahun = true,
  kondisi_awal = true, kondisi_akhir = true, pagu = true,
  realisasi_anggaran = true, capaian_anggaran = true,
}

local function number_columns(columns)
  local cols = {}
  for i = 1, #columns do              -- (a numeric loop: every table of every report)
    local c = columns[i]
    if number_roles[c.role] then
      cols[#cols + 1] = { index = i, role = c.role, name = c.year and (c.role .. " " .. c.year) or c.role }
    end
  end
  return cols
end

-- The columns where rows a and b differ, as "target 2019: 4 Kasus / 6 Kasus".
local function differences(a, b, cols)
  local out = {}
  for _, col in ipairs(cols) do
    -- two cells of one column written alike read alike (one style, one
    -- parse): the same, without their cell views (most of what a
    -- repeated indicator's finding cost the rule)
    if a:text(col.index) ~= b:text(col.index) then
      local ca, cb = a:cell(col.index), b:cell(col.index)
      local same = ind.same_value(ca, cb)
      if same and ca.kind == "value" then
        local ua, ub = ind.unit_of(ca), ind.unit_of(cb)
        same = ua == nil or ub == nil or ua == ub
      end
      if not same then
        out[#out + 1] = col.name .. ": " .. (ca.text ~= "" and ca.text or "—") .. " / " .. (cb.text ~= "" and cb.text or "—")
      end
    end
  end
  return out
end

-- The cells of a row's target, realisasi and capaian when the three are
-- numbers worth comparing: something was achieved, but not exactly the
-- target. A fully met target (realisasi = target, 100%) or nothing done
-- (realisasi 0, 0%) repeats naturally between indicators — on the seed 7
-- of the 8 adjacent pairs of different indicators with identical numbers
-- are 100/100/100% or 50/50/100% (all 50 villages) — so they prove nothing.
local function telling_triple(row, tc, rc, cc)
  local t, r, c = row:cell(tc), row:cell(rc), row:cell(cc)
  if t.kind ~= "value" or r.kind ~= "value" or c.kind ~= "value" then return nil end
  if t.value:is_zero() or r.value:is_zero() or c.value:is_zero() then return nil end
  if t.value == r.value or c.value == decimal.new(100) then return nil end
  return { t, r, c }
end

local function same_triple(x, y)
  for i = 1, 3 do
    if not ind.same_value(x[i], y[i]) then return false end
    if ind.unit_of(x[i]) ~= ind.unit_of(y[i]) then return false end
  end
  return true
end

local year                 -- the report year, to pick a year's columns

-- A name's key, lib.indikator.loose_key(name), remembered in C
-- (lakip.key_memo) for the names seen lately: it depends on the name
-- alone, and lakip.repeats asks it for every row of every table, where
-- calling loose_key again, or even looking the name up in a Lua table,
-- cost more than the scan.
local keys = lakip.key_memo(ind.loose_key)

return {
  rules = {
    {
      id = "duplikat.same", severity = "warning",
      fields = { "first_line", "first_indicator", "values" },
      title = text_pair("Indikator tercantum dua kali dengan angka yang sama",
                        "Indicator listed twice with the same numbers"),
      explanation = text_pair(
        "Satu tabel memuat indikator yang sama dua kali (nama dibandingkan tanpa membedakan huruf besar, penomoran, tanda baca, salah ketik yang lazim, urutan kata, % untuk persentase dan singkatan yang hanya punya satu arti seperti Ops = operasional: lib.indikator.loose_key), dengan angka yang sama persis. Baris ganda menambah jumlah indikator dan ikut terhitung dua kali dalam rata-rata capaian. Nama yang sama di bawah kelompok, sasaran atau program yang berbeda (mis. satu indikator per kecamatan) dianggap dua indikator.",
        "One table lists the same indicator twice (names compared ignoring case, numbering, punctuation, common typos, word order, % for persentase and abbreviations with one meaning such as Ops = operasional: lib.indikator.loose_key), with exactly the same numbers. A doubled row inflates the number of indicators and counts twice in an average capaian. The same name under different group rows, sasaran or programs (one indicator per kecamatan, say) counts as two indicators."),
      message = text_pair("Baris ini mengulang baris {first_line} (\"{first_indicator}\") dengan angka yang sama: {values}.",
                          "This row repeats line {first_line} (\"{first_indicator}\") with the same numbers: {values}."),
      fix = text_pair("Hapus baris ganda, atau ganti nama dan angkanya bila yang dimaksud indikator lain.",
                      "Delete the doubled row, or correct its name and numbers if another indicator was meant."),
      example = "Tabel Urusan Sosial, baris 547 dan 548: Meningkatnya Kualitas Seni Baca Al-qur'an, 53 org / 0 org / 0%, dua kali.",
    },
    {
      id = "duplikat.conflict", severity = "error",
      fields = { "first_line", "differences" },
      title = text_pair("Indikator tercantum dua kali dengan angka yang berbeda",
                        "Indicator listed twice with different numbers"),
      explanation = text_pair(
        "Satu tabel memuat indikator yang sama dua kali dengan target, realisasi atau capaian yang berbeda. Satu indikator hanya punya satu nilai per tahun: salah satu baris keliru, atau namanya seharusnya berbeda.",
        "One table lists the same indicator twice with different target, realisasi or capaian. An indicator has one value per year: one of the rows is wrong, or its name should differ."),
      message = text_pair("Indikator yang sama dengan baris {first_line}, tetapi angkanya berbeda (baris {first_line} / baris ini): {differences}.",
                          "Same indicator as line {first_line}, but different numbers (line {first_line} / this row): {differences}."),
      fix = text_pair("Tentukan angka yang benar dan hapus baris lainnya, atau beri nama yang membedakan kedua indikator.",
                      "Decide which numbers are right and delete the other row, or name the two indicators apart."),
      example = "Tabel Urusan Pemberdayaan Perempuan dan Perlindungan Anak, baris 595 dan 596: Jumlah Kasus Kekerasan Terhadap Anak dan Perempuan; target 4 Kasus, realisasi 14 Kasus, 89,58% lalu target 6 Kasus, realisasi 5 Kasus, 116,66%.",
    },
    {
      id = "duplikat.copy", severity = "warning",
      fields = { "values", "first_line", "first_indicator" },
      title = text_pair("Angka sama persis dengan baris di atasnya (diduga salinan)",
                        "Numbers identical to the row above (suspected copy)"),
      explanation = text_pair(
        "Dua indikator yang berbeda, berurutan, dengan target, realisasi dan capaian yang ditulis sama persis, padahal capaiannya bukan 0% atau 100%. Target yang tercapai penuh (100/100/100%) atau kegiatan yang tidak terlaksana (0%) lazim berulang dan tidak dilaporkan; capaian parsial yang sama persis pada dua indikator berbeda hampir selalu baris yang disalin dan belum diisi.",
        "Two different indicators, one after the other, with target, realisasi and capaian written exactly the same, where the capaian is neither 0% nor 100%. Fully met targets (100/100/100%) and activities not carried out (0%) repeat naturally and are not reported; the same partial achievement on two different indicators is almost always a copied row left unfilled."),
      message = text_pair("Target, realisasi dan capaian ({values}) sama persis dengan baris {first_line} (\"{first_indicator}\"), padahal indikatornya berbeda.",
                          "Target, realisasi and capaian ({values}) are exactly those of line {first_line} (\"{first_indicator}\"), a different indicator."),
      fix = text_pair("Periksa data sumber dan isi angka indikator ini sendiri.",
                      "Check the source data and fill in this indicator's own numbers."),
      example = "Tabel Urusan Sosial, baris 512 dan 513: Persentase PMKS yang tertangani dan Persentase keluarga miskin yang mendapat bantuan, keduanya 90% / 50,3% / 55,88%.",
    },
  },

  -- (no begin: the year is read where it is used, from ctx.report; a
  -- hook that only kept it cost a protected call per report)
  check_table = function(ctx, t)
    local roles = ind.roles(t)          -- (t:col's answers, without a call per role)
    local ic = roles.indikator
    if not ic then return end
    year = ctx.report.year
    local vc = ind.value_columns(t, year)
    local tc, rc, cc = vc.target, vc.realisasi, vc.capaian
    -- A table without number columns has nothing to compare: value_columns
    -- says it has some for nearly every table, number_columns for the
    -- others. The list of them is made only when a row is found (most
    -- tables have none): making it for every table cost more than the scan.
    local cols
    if not (tc or rc or cc or vc.satuan) then
      cols = number_columns(t:columns())
      if #cols == 0 then return end
    end

    -- which rows repeat a name above them in the same section, and which
    -- carry the row above's target, realisasi and capaian as written
    -- (as lakip.same_as_above compares them) under another name: found
    -- in C over every row (lakip.repeats; a name's key from the memo
    -- `keys`; a section is the row's group, sasaran and program,
    -- normalised), so that a row view is made only for a row found
    local found = lakip.repeats(t, ic, keys, roles.sasaran, roles.program, tc, rc, cc)
    if found[1] == nil then return end
    cols = cols or number_columns(t:columns())
    for k = 1, #found, 3 do
      local i, what, j = found[k], found[k + 1], found[k + 2]
      local row = t:row(i)
      if what == 1 then                 -- the same indicator as row j, in the same section
        local f = t:row(j)
        local diff = differences(f, row, cols)
        if #diff > 0 then
          ctx:emit("duplikat.conflict", row, {
            first_line = f.line, first_indicator = f:text(ic),
            differences = table.concat(diff, "; "),
          })
        else
          local values = {}
          for _, col in ipairs(cols) do
            local c = row:text(col.index)
            if c ~= "" then values[#values + 1] = c end
          end
          ctx:emit("duplikat.same", row, {
            first_line = f.line, first_indicator = f:text(ic),
            values = table.concat(values, " / "),
          })
        end
      else                              -- the numbers of row j, the row above, under another name
        local above = t:row(j)
        local a = telling_triple(above, tc, rc, cc)
        local b = a and telling_triple(row, tc, rc, cc)
        if b and same_triple(a, b) then
          ctx:emit("duplikat.copy", row, {
            first_line = above.line, first_indicator = above:text(ic),
            values = row:text(tc) .. " / " .. row:text(rc) .. " / " .. row:text(cc),
          })
        end
      end
    end
  end,
}
