-- rules/lib/text.lua — text helpers shared by the rules: normalising
-- indicator names and units for comparison, and formatting decimals the
-- way the report writes them.
local M = {}

local lower, gsub, find, match = string.lower, string.gsub, string.find, string.match

-- Lower-case, markup and punctuation turned into spaces, spaces collapsed.
-- "1. Persentase  PMKS yang Tertangani;" -> "1 persentase pmks yang tertangani"
-- (one pass per step: it runs for every row of every table)
function M.normalize(s)
  if not s then return "" end
  s = lower(s)
  if find(s, "<", 1, true) then s = gsub(s, "<[^>]*>", " ") end
  s = gsub(s, "[%p%s]+", " ")
  return (match(s, "^ ?(.-) ?$"))
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
  u = M.normalize(u)
  return unit_synonyms[u] or u
end

-- A decimal as the table writes it: "105,24" (or "105.24" for tables in
-- English style), thousands grouped from 1.000 up: "2.322.775.000".
function M.num(d, style)
  return d:format(style or "id", d >= 1000 or d <= -1000)
end

function M.pct(d, style)
  return M.num(d, style) .. "%"
end

return M
