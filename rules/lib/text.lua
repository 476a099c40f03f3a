-- rules/lib/text.lua — text helpers shared by the rules: normalising
-- indicator names and units for comparison, and formatting decimals the
-- way the report writes them.
local M = {}

local lower, gsub, find, match = string.lower, string.gsub, string.find, string.match

-- Lower-case, markup and punctuation turned into spaces, spaces collapsed.
-- "1. Persentase  PMKS yang Tertangani;" -> "1 persentase pmks yang tertangani"
-- It runs for every row, paragraph and sentence: lakip.normalize does in C
-- what string.lower, then gsub "<[^>]*>" (when there is a "<") and
-- "[%p%s]+" with " ", then trimming one space at either end did.
function M.normalize(s)
  if not s then return "" end
  return lakip.normalize(s)
end

-- Scanning a whole text with a pattern that starts with a class ("%d",
-- "[%.!%?]...") costs a pattern match at every byte; the helpers below
-- find the same places with plain searches (memchr) instead.

-- The first digit of s at or after init (string.find(s, "%d", init)), or
-- nil: lakip.find_digit, in C.
function M.find_digit(s, init)
  return lakip.find_digit(s, init)
end

-- The next end of a sentence in s from pos: a ".", "!" or "?" followed by
-- spaces and a capital letter; a, b as string.find(s, "[%.!%?]%s+%u", pos):
-- lakip.sentence_end, in C.
function M.sentence_end(s, pos)
  return lakip.sentence_end(s, pos)
end

-- Unit spellings that mean the same thing. Keys are lower-case as the
-- number parser gives them.
local unit_synonyms = {
  org = "orang", ["orang"] = "orang", jiwa = "orang", peserta = "orang",
  kk = "kk", ["kepala keluarga"] = "kk",
  kpm = "kpm",
  dok = "dokumen", dokumen = "dokumen",
  keg = "kegiatan", kegiatan = "kegiatan",
  kejadian = "kejadian",
  kasus = "kasus",
  unit = "unit", buah = "unit",
  bln = "bulan", bulan = "bulan",
  kec = "kecamatan", kecamatan = "kecamatan",
  desa = "desa",
  persen = "%", ["%"] = "%",
}

-- The canonical spelling of a unit ("Org" -> "orang"); unknown units are
-- returned normalised.
function M.unit(u)
  if u and find(u, "^%s*%%%s*$") then return "%" end
  u = M.normalize(u)
  return unit_synonyms[u] or u
end

-- A decimal as the table writes it: "105,24" (or "105.24" for tables in
-- English style), thousands grouped from 1.000 up: "2.322.775.000".
-- Grouping is asked for always: a number under 1.000 has no thousands to
-- group (d:format puts a separator only before a group of three integer
-- digits), so the output is what comparing d with ±1000 first gave, without
-- two comparisons for every number of every message.
function M.num(d, style)
  return d:format(style or "id", true)
end

function M.pct(d, style)
  return M.num(d, style) .. "%"
end

-- Half a unit of the last written digit of decimal d: 0,005 for 52,62,
-- 0,5 for 90. The values a rounded number stands for lie within it.
-- One per scale (0 to 18), made on first use: a decimal is a value no rule
-- can change, so every caller can share it, and a message's rounding
-- check does not build and parse a string for it each time.
local half_units = {}
function M.half_unit(d)
  local scale = d:scale()
  local h = half_units[scale]
  if not h then
    h = decimal.new("0." .. string.rep("0", scale) .. "5")
    half_units[scale] = h
  end
  return h
end

-- The digits of an integer part written with thousands separators `sep`
-- ("14.896" -> "14896"), or nil when the grouping is not regular.
local function ungroup(s, sep)
  if find(s, "^%d+$") then return s end
  local esc = "%" .. sep
  local head = match(s, "^(%d%d?%d?)" .. esc)
  if not head then return nil end
  local rest = string.sub(s, #head + 1)
  if gsub(rest, esc .. "%d%d%d", "") ~= "" then return nil end
  return head .. gsub(rest, esc, "")
end

-- A decimal from number text as a sentence writes it ("14.896", "0,17",
-- "Rp" amounts' digits "3.218.842.549,-"), or nil when it cannot be read
-- one way (or has more digits than a decimal holds). In Indonesian style
-- (default) a comma is the decimal mark and dots group thousands; ",-"
-- means no cents. Never a float.
function M.read_number(raw, style)
  -- ",-", ",—" and ",–" end with "-" or the dashes' last byte (\148, \147)
  local last = string.byte(raw, -1)
  if last == 45 or last == 148 or last == 147 then
    raw = gsub(gsub(gsub(raw, ",%-+$", ""), ",\u{2014}$", ""), ",\u{2013}$", "")
  end
  local dec, grp = ",", "."
  if style == "en" then dec, grp = ".", "," end
  local int, frac = raw, nil
  local at = find(raw, dec, 1, true)
  if at then
    int, frac = string.sub(raw, 1, at - 1), string.sub(raw, at + 1)
    if not find(frac, "^%d+$") then return nil end
  end
  if int == "" then return nil end
  local digits = ungroup(int, grp)
  if not digits then return nil end
  return (decimal.parse(frac and (digits .. "." .. frac) or digits))
end

-- The unit of a rate, with its base written without grouping: "per 1.000
-- KH" and "per 1000" -> "per 1000", "per mil" / "‰" -> "per 1000", "per
-- 100.000 penduduk" -> "per 100000"; nil when s is not a rate.
function M.rate_unit(s)
  if not s then return nil end
  local l = lower(s)
  if find(l, "\u{2030}", 1, true) then return "per 1000" end
  if not find(l, "per", 1, true) then return nil end     -- every other form has "per": one plain search
  if find(l, "per%s*mil%f[%A]") or find(l, "permil", 1, true) then return "per 1000" end
  local base = match(l, "per%s*(%d[%d%.]*)")
  if not base then return nil end
  base = gsub(gsub(base, "%.$", ""), "%.", "")
  return "per " .. base
end

-- Labels of a summary row that averages the rows above it ("Rata-rata",
-- "Rata-rata Capaian Kinerja", "Capaian Rata-rata"), after normalising and
-- dropping numbering. "Rata-rata Kelompok Binaan LPM" is an indicator.
local average_labels = {}
for _, w in ipairs({
  "rata rata", "rata rata capaian", "rata rata capaian kinerja", "rata rata capaian sasaran",
  "rata rata capaian indikator", "rata rata capaian kinerja sasaran", "capaian rata rata",
  "nilai rata rata", "rata rata tingkat capaian", "rerata", "rerata capaian",
  "average", "average achievement",
}) do average_labels[w] = true end

-- Every label above has one of these words: a name without them is not
-- one (one search, before the numbering is stripped). Checked here, so
-- that a label added without them cannot be missed.
local average_marks = { "rata", "average" }
for w in pairs(average_labels) do
  assert(lakip.find_any(w, average_marks), "average label without a mark: " .. w)
end

function M.is_average_label(s)
  if not s or s == "" then return false end
  local n = M.normalize(s)
  if not lakip.find_any(n, average_marks) then return false end
  n = gsub(n, "^[%d%s]+", "")
  return average_labels[n] or false
end

return M
