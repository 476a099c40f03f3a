-- rules/lib/polarity.lua — the direction of an indicator: is a higher
-- realisasi better ("higher") or worse ("lower")?
--
-- An explicit column (Arah, Polaritas, Sifat) wins; else the name is read
-- against a lexicon of lower-is-better subjects (penduduk miskin, kasus
-- kekerasan, angka kematian, ...), except that "... yang tertangani /
-- ditindaklanjuti / diselesaikan" turns such a subject into a
-- higher-is-better indicator. The caller is told which, so findings can
-- say when a direction was inferred.
local M = {}

-- lib.text is looked up at call time: library files load in name order.
local function normalize(s) return lib.text.normalize(s) end

-- Subjects where less is better (DOMAIN.md, "Polarity").
M.lower_terms = {
  "penduduk miskin", "kemiskinan", "pengangguran",
  "kasus kekerasan", "kekerasan terhadap", "kasus", "angka kematian", "kematian",
  "prevalensi", "stunting", "gizi buruk", "kecelakaan", "kriminalitas",
  "kdrt", "kerawanan", "temuan", "tunggakan", "waktu pelayanan",
  "lama pelayanan", "angka putus sekolah", "buta aksara", "tingkat inflasi",
}

-- Phrases that make the indicator count what was handled, so more is better.
M.handled_terms = {
  "tertangani", "ditangani", "ditindaklanjuti", "tindak lanjut", "diselesaikan",
  "terselesaikan", "yang mendapat", "dilayani", "terlayani", "direhabilitasi",
}

-- Values of an Arah/Polaritas column.
local column_values = {
  ["positif"] = "higher", ["+"] = "higher", ["naik"] = "higher", ["meningkat"] = "higher",
  ["maximize"] = "higher", ["maksimal"] = "higher", ["higher"] = "higher", ["tinggi"] = "higher",
  ["semakin tinggi semakin baik"] = "higher", ["higher is better"] = "higher",
  ["negatif"] = "lower", ["-"] = "lower", ["turun"] = "lower", ["menurun"] = "lower",
  ["minimize"] = "lower", ["minimal"] = "lower", ["lower"] = "lower", ["rendah"] = "lower",
  ["semakin rendah semakin baik"] = "lower", ["lower is better"] = "lower",
}

local function find_term(name, terms)
  for _, term in ipairs(terms) do
    if string.find(name, term, 1, true) then return term end
  end
  return nil
end

-- Names repeat across the tables of one report; the cache is bounded so a
-- million distinct names do not pile up.
local cache, cached = {}, 0

-- direction(name, column_text) -> "higher"|"lower", how, term
--   how: "column" (from the Arah column), "inferred" (lexicon), "default"
function M.direction(name, column_text)
  if column_text and column_text ~= "" then
    local v = column_values[string.lower(column_text)] or column_values[normalize(column_text)]
    if v then return v, "column", column_text end
  end
  local hit = cache[name or ""]
  if hit then return hit[1], hit[2], hit[3] end
  local n = normalize(name)
  local dir, how, term = "higher", "default", nil
  local lower_term = find_term(n, M.lower_terms)
  if lower_term then
    local handled = find_term(n, M.handled_terms)
    if handled then
      dir, how, term = "higher", "inferred", handled
    else
      dir, how, term = "lower", "inferred", lower_term
    end
  end
  if cached >= 4096 then cache, cached = {}, 0 end
  cache[name or ""] = { dir, how, term }
  cached = cached + 1
  return dir, how, term
end

local DIR = {
  higher = { id = "lebih tinggi lebih baik", en = "higher is better" },
  lower = { id = "lebih rendah lebih baik", en = "lower is better" },
}

-- describe(dir, how, term) -> the direction and where it came from, in
-- Indonesian and in English, for finding messages. `how` is what
-- direction() returned, or "budget" (realisasi / pagu).
function M.describe(dir, how, term)
  local d = DIR[dir]
  if how == "column" then
    return d.id .. " (menurut kolom Arah: " .. term .. ")", d.en .. " (per the Arah column: " .. term .. ")"
  elseif how == "inferred" then
    return d.id .. " (disimpulkan dari nama indikator: \"" .. term .. "\")",
           d.en .. " (inferred from the indicator name: \"" .. term .. "\")"
  elseif how == "budget" then
    return "realisasi / pagu", "realisasi / pagu"
  end
  return d.id .. " (anggapan bawaan: nama indikator tidak menunjukkan arah)",
         d.en .. " (default: the indicator name shows no direction)"
end

return M
