-- rules/satuan.lua — target and realisasi of one row must be in the same
-- unit: "100 kk" against "100 org" compares households with people
-- (satuan.mismatch), and "0,85" against "85%" a fraction of one with a
-- percentage (satuan.scale). Spellings of one unit ("org", "orang",
-- "Orang") are not findings.
local text = lib.text
local ind = lib.indikator

local function text_pair(id, en) return { id = id, en = en } end

-- satuan.scale: one of the two written as a fraction of one ("0,85"), the
-- other in percent ("85%"): the capaian divides numbers a hundred times
-- apart. Recognised by the numbers, not the names: a value below 1 written
-- with at least two decimals, against a value at least 30 times larger
-- that is within a factor of three of the fraction × 100 (0,00725 against
-- 1,93 reads 0,725% against 1,93%). Two cells that both carry "%" are two
-- percentages (a shifted decimal point is capaian.decimal-shift's), and
-- values whose ratio is plausible as written (0,20 against 0,16) are left
-- alone. Exact decimals only.
local ONE, THIRTY, HUNDRED, THREE = decimal.new(1), 30, 100, 3

local function fraction_against(frac, other)
  if frac:sign() <= 0 or frac >= ONE or frac:scale() < 2 then return false end
  if other < ONE or other < frac * THIRTY then return false end
  local aligned = frac * HUNDRED
  return other * THREE >= aligned and other <= aligned * THREE
end

-- The report year, for the table's own year columns (lib.indikator):
-- read by check_row from ctx.report.
local year
-- per table: the target, target_akhir, realisasi and capaian columns. A
-- table's view is its report's, so an entry goes with its report's views
-- (weak keys) rather than being emptied by a begin hook: that cost a
-- protected call per report, for the few rows check_row sees.
local columns = setmetatable({}, { __mode = "k" })

local function cols_of(t)
  local c = columns[t]
  if c == nil then
    local vc = ind.value_columns(t, year)
    c = { target = vc.target, realisasi = vc.realisasi, capaian = vc.capaian,
          target_akhir = ind.roles(t).target_akhir, capaian_akhir = ind.roles(t).capaian_akhir }
    columns[t] = c
  end
  return c
end

-- When the row's printed capaian is the quotient of the two numbers as
-- written, the note says so and gives the capaian on one scale.
local function capaian_note(row, col, frac_val, pct_val, frac_is_target, style)
  if not col then return "", "" end
  local c = row:cell(col)
  if not c or c.kind ~= "value" then return "", "" end
  local p = c.value:scale()
  local t, r = frac_val, pct_val
  if not frac_is_target then t, r = pct_val, frac_val end
  local raw = (r * 100):div(t, p, "half_up")
  local at, ar = t, r
  if frac_is_target then at = t * 100 else ar = r * 100 end
  local aligned = (ar * 100):div(at, p, "half_up")
  if raw and aligned and c.value == raw then
    return "; capaian " .. c.text .. " adalah hasil bagi kedua angka apa adanya, sehingga tidak bermakna (pada satu skala: "
             .. text.pct(aligned, style) .. ")",
           "; the capaian " .. c.text .. " is the quotient of the two numbers as written, so it is meaningless (on one scale: "
             .. text.pct(aligned, style) .. ")"
  end
  return "", ""
end

-- The pair's reading, or nil: which cell is the fraction, and the note on
-- the capaian computed from it.
local function scale_pair(t, row, tcol, rcol, ccol, label)
  local tc, rc = row:cell(tcol), row:cell(rcol)
  if not tc or not rc or tc.kind ~= "value" or rc.kind ~= "value" then return nil end
  if (tc.percent and rc.percent) or tc.currency or rc.currency then return nil end
  local frac_is_target
  if fraction_against(tc.value, rc.value) then frac_is_target = true
  elseif fraction_against(rc.value, tc.value) then frac_is_target = false
  else return nil end
  local fc = frac_is_target and tc or rc
  local pc = frac_is_target and rc or tc
  local note_id, note_en = capaian_note(row, ccol, fc.value, pc.value, frac_is_target, t.style)
  return {
    tc = tc, rc = rc, fc = fc, pc = pc, label = label, frac_is_target = frac_is_target,
    col = frac_is_target and tcol or rcol, note_id = note_id, note_en = note_en,
    hundred = text.num((fc.value * 100):round(math.max(fc.value:scale() - 2, 0)), t.style),
  }
end

local function emit_scale(ctx, row, pairs_)
  local p = pairs_[1]
  local which_id = p.frac_is_target and string.lower(p.label.id) or "realisasi"
  local which_en = p.frac_is_target and string.lower(p.label.en) or "realisasi"
  local other_id = p.frac_is_target and "realisasi" or string.lower(p.label.id)
  local other_en = p.frac_is_target and "realisasi" or string.lower(p.label.en)
  local fields = {
    target = p.tc.text, realisasi = p.rc.text, target_id = p.label.id, target_en = p.label.en,
    fraction = p.fc.text, percent = p.pc.text, hundred = p.hundred,
    which_id = which_id, which_en = which_en, other_id = other_id, other_en = other_en,
    capaian_id = p.note_id, capaian_en = p.note_en, also_id = "", also_en = "", cell = p.col,
  }
  -- the end-of-period target on the same fraction scale: one finding
  local q = pairs_[2]
  if q then
    fields.also_id = "; " .. string.lower(q.label.id) .. " " .. q.fc.text .. " juga (= " .. q.hundred .. ")" .. q.note_id
    fields.also_en = "; so is the " .. string.lower(q.label.en) .. " " .. q.fc.text .. " (= " .. q.hundred .. ")" .. q.note_en
  end
  ctx:emit("satuan.scale", row, fields)
end

return {
  rules = {
    {
      id = "satuan.mismatch", severity = "warning",
      fields = { "target", "realisasi", "target_unit", "realisasi_unit" },
      title = { id = "Satuan target dan realisasi berbeda", en = "Target and realisasi in different units" },
      explanation = {
        id = "Target dan realisasi pada satu baris ditulis dengan satuan yang berbeda, sehingga capaiannya membandingkan dua hal yang berbeda. Ejaan lain dari satuan yang sama (org/orang) tidak dianggap berbeda.",
        en = "The row's target and realisasi carry different units, so its capaian compares two different things. Other spellings of one unit (org/orang) do not count as different.",
      },
      message = { id = "Target {target} dan realisasi {realisasi}: satuan \"{target_unit}\" tidak sama dengan \"{realisasi_unit}\".",
                  en = "Target {target} and realisasi {realisasi}: unit \"{target_unit}\" is not \"{realisasi_unit}\"." },
      fix = { id = "Samakan satuannya, atau pisahkan menjadi dua indikator.", en = "Use one unit, or split the indicator in two." },
      example = "Tabel Urusan Sosial, baris 515: Jumlah PMKS yang mendapat bantuan UEP/KUBE, target 100 kk, realisasi 100 org.",
    },
    {
      id = "satuan.scale", severity = "warning",
      fields = { "target", "realisasi", "target_id", "target_en", "fraction", "percent", "hundred",
                 "which_id", "which_en", "other_id", "other_en", "capaian_id", "capaian_en", "also_id", "also_en" },
      title = text_pair("Target dan realisasi pada skala berbeda (pecahan dan persen)",
                        "Target and realisasi on different scales (a fraction and a percentage)"),
      explanation = text_pair(
        "Salah satu dari target dan realisasi ditulis sebagai pecahan dari satu (0,85) dan yang lain dalam persen (85 atau 85%), sehingga capaiannya membagi dua angka yang berbeda seratus kali lipat: hasilnya salah atau tidak bermakna. Dikenali dari angkanya: nilai di bawah 1 dengan sedikitnya dua desimal, terhadap nilai yang sedikitnya 30 kali lebih besar dan tidak lebih dari tiga kali berbeda dengan pecahan itu × 100 (target 0,00725 terhadap realisasi 1,93% dibaca 0,725% terhadap 1,93%). Kedua sel yang sama-sama bertanda % dianggap dua persentase, dan nilai yang perbandingannya masuk akal apa adanya (0,20 terhadap 0,16) tidak dilaporkan. Target akhir periode (RPJMD/Renstra) diperiksa dengan cara yang sama, dalam temuan yang sama bila target tahunannya juga pecahan. Bila capaian yang tertulis adalah hasil bagi kedua angka apa adanya, temuan menyebutkannya beserta capaian pada satu skala.",
        "One of target and realisasi is written as a fraction of one (0,85) and the other in percent (85 or 85%), so the capaian divides two numbers a hundred times apart: it is wrong or meaningless. Recognised by the numbers: a value below 1 with at least two decimals, against a value at least 30 times larger and within a factor of three of that fraction × 100 (a target of 0,00725 against a realisasi of 1,93% reads 0,725% against 1,93%). Two cells that both carry % are taken as two percentages, and values whose ratio is plausible as written (0,20 against 0,16) are not reported. The end-of-period (RPJMD/Renstra) target is checked the same way, in the same finding when the year's target is a fraction too. When the printed capaian is the quotient of the two numbers as written, the finding says so and gives the capaian on one scale."),
      message = text_pair("{target_id} {target} dan realisasi {realisasi} tidak pada skala yang sama: {which_id} {fraction} tampaknya ditulis pada skala 0–1 (= {hundred} pada skala 0–100), {other_id} {percent} pada skala 0–100 (persen){capaian_id}{also_id}.",
                          "{target_en} {target} and realisasi {realisasi} are not on one scale: the {which_en} {fraction} looks written on a 0–1 scale (= {hundred} on a 0–100 scale), the {other_en} {percent} on a 0–100 scale (percent){capaian_en}{also_en}."),
      fix = text_pair("Tulis target dan realisasi pada skala yang sama (keduanya dalam persen, atau keduanya pecahan) dan hitung ulang capaiannya.",
                      "Write target and realisasi on one scale (both in percent, or both as fractions) and recompute the capaian."),
    },
  },

  -- check_row acts only on data rows whose target and realisasi carry
  -- units of different spelling (satuan.mismatch) or that hold a cell
  -- written "0,…" / "0.…" (satuan.scale: a fraction of one is written so):
  -- the engine tests that in C (docs/RULES.md)
  rows = { only = { { kind = "data", units_differ = { "target", "realisasi" } },
                    { kind = "data", text_starts = { "0,", "0." } } } },

  check_row = function(ctx, t, row)
    if row.kind ~= "data" then return end
    local tc, rc = row:cell("target"), row:cell("realisasi")
    if tc and rc and tc.unit ~= "" and rc.unit ~= "" and text.unit(tc.unit) ~= text.unit(rc.unit) then
      ctx:emit("satuan.mismatch", row, {
        target = tc.text, realisasi = rc.text, target_unit = tc.unit, realisasi_unit = rc.unit,
      })
    end
    year = ctx.report.year
    local c = cols_of(t)
    if not c.realisasi then return end
    local found = {}
    if c.target then
      found[#found + 1] = scale_pair(t, row, c.target, c.realisasi, c.capaian, text_pair("Target", "Target"))
    end
    if c.target_akhir then
      found[#found + 1] = scale_pair(t, row, c.target_akhir, c.realisasi, c.capaian_akhir,
                                     text_pair("Target akhir periode", "End-of-period target"))
    end
    if #found > 0 then emit_scale(ctx, row, found) end
  end,
}
