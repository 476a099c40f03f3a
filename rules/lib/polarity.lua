-- rules/lib/polarity.lua — the direction of an indicator: is a higher
-- realisasi better ("higher") or worse ("lower")? — decided from the
-- evidence the report gives, strongest first:
--
--   column     an Arah / Polaritas / Sifat column of the row;
--   settings   the settings file: lower_is_better = NAME; NAME ... and
--              higher_is_better = ... (lakip-audit.conf);
--   statement  a paragraph of the report that names the indicator and says
--              "semakin rendah semakin baik", "polaritas negatif", ..., or
--              gives it a lower-is-better formula ("untuk indikator X
--              dipakai rumus (2T − R) / T");
--   renstra    the report's Renstra/RPJMD trajectory: the indicator's yearly
--              targets fall (or rise) year after year (3 or more years,
--              never moving back, moving in at least two steps);
--   inferred   the lexicon: lower-is-better subjects (angka kematian,
--              kemiskinan, rumah tidak layak huni, waktu penyelesaian, ...)
--              unless a handled/reduced phrase (yang tertangani,
--              ditindaklanjuti, penurunan ...) makes the count one of
--              successes; a few phrases are lower-is-better whatever else the
--              name says (belum ditindaklanjuti, waktu penyelesaian);
--   default    nothing decides: higher is better.
--
-- capaian adds one more, per row: the formula the report demonstrably
-- applied (its value equals a recognised formula exactly); that is weighed
-- there, where the values are. Every finding names the source that decided.
local M = {}

-- lib.text and lib.indikator are looked up at call time: library files
-- load in name order.
local function normalize(s) return lib.text.normalize(s) end

-- Subjects where less is better (DOMAIN.md, "Polarity"), as substrings of
-- the normalised name (lower case, punctuation turned into spaces).
M.lower_terms = {
  -- poverty, work, inequality, prices
  "penduduk miskin", "kemiskinan", "keluarga miskin", "pengangguran", "tingkat pengangguran",
  "ketimpangan", "rasio gini", "indeks gini", "gini ratio", "inflasi", "rawan pangan",
  "daerah tertinggal", "desa tertinggal", "desa sangat tertinggal",
  -- health: deaths, illness, malnutrition
  "angka kematian", "kematian", "mortalitas", "angka kesakitan", "kesakitan", "morbiditas",
  "insiden", "incidence rate", "prevalensi", "stunting", "wasting", "balita pendek",
  "gizi buruk", "gizi kurang", "kurang gizi", "anemia", "bblr", "berat badan lahir rendah",
  "penderita", "penularan", "kejadian luar biasa", "klb",
  -- education
  "angka putus sekolah", "putus sekolah", "drop out", "angka mengulang", "mengulang kelas",
  "buta aksara", "buta huruf",
  -- security, crime, accidents, disasters
  "kasus kekerasan", "kekerasan terhadap", "kdrt", "kasus", "kriminalitas", "kejahatan",
  "tindak pidana", "gangguan kamtibmas", "kecelakaan", "fatalitas", "korban jiwa",
  "kebakaran", "kerawanan", "pelanggaran", "konflik sosial", "penyalahgunaan narkoba",
  "perkawinan anak", "perkawinan usia anak", "pernikahan dini", "pekerja anak",
  -- housing, environment, infrastructure
  "rumah tidak layak huni", "tidak layak huni", "rtlh", "kawasan kumuh", "permukiman kumuh",
  "luas kumuh", "genangan", "lahan kritis", "pencemaran", "jalan rusak", "rusak berat",
  -- administration and finance
  "temuan", "tunggakan", "sisa perkara", "perkara yang belum", "pengaduan yang belum",
  "kerugian negara", "waktu pelayanan", "lama pelayanan", "waktu tunggu", "waktu penyelesaian",
  "lama penyelesaian", "lama waktu", "rata rata waktu", "waktu rata rata",
}

-- Phrases that keep an indicator lower-is-better whatever handled phrase
-- also appears: "waktu penyelesaian" measures time, "temuan yang belum
-- ditindaklanjuti" counts what was not handled.
M.lower_always = {
  "belum ditindaklanjuti", "tidak ditindaklanjuti", "belum ditangani", "belum tertangani",
  "tidak tertangani", "belum diselesaikan", "belum terselesaikan", "belum tuntas",
  "tidak tuntas", "waktu penyelesaian", "lama penyelesaian", "waktu pelayanan",
  "lama pelayanan", "waktu tunggu", "sisa perkara",
}

-- Phrases that make the indicator count what was handled, covered or
-- reduced by the agency, so more is better.
M.handled_terms = {
  "tertangani", "ditangani", "penanganan", "ditindaklanjuti", "tindak lanjut",
  "diselesaikan", "terselesaikan", "penyelesaian", "yang mendapat", "mendapatkan",
  "menerima", "memperoleh", "dilayani", "terlayani", "pelayanan", "direhabilitasi",
  "rehabilitasi", "diperbaiki", "perbaikan", "penurunan", "pengurangan", "berkurangnya",
  "menurunnya", "cakupan", "terbebas", "bebas", "kesembuhan", "sembuh", "keberhasilan",
  "terlindungi", "dipulangkan", "tertolong", "terentaskan", "dientaskan", "pengentasan",
  "pencegahan", "terfasilitasi", "dibina", "terbina", "yang dibantu", "terbantu",
}

-- Values of an Arah/Polaritas column (lower case).
local column_values = {
  ["positif"] = "higher", ["+"] = "higher", ["naik"] = "higher", ["meningkat"] = "higher",
  ["maximize"] = "higher", ["maksimal"] = "higher", ["higher"] = "higher", ["tinggi"] = "higher",
  ["semakin tinggi semakin baik"] = "higher", ["higher is better"] = "higher",
  ["negatif"] = "lower", ["-"] = "lower", ["turun"] = "lower", ["menurun"] = "lower",
  ["minimize"] = "lower", ["minimal"] = "lower", ["lower"] = "lower", ["rendah"] = "lower",
  ["semakin rendah semakin baik"] = "lower", ["lower is better"] = "lower",
}

M.column_values = column_values

-- The first of `terms` that name contains (in C: one call for the whole
-- list, not one string.find per term).
local function find_term(name, terms)
  return lakip.find_any(name, terms)
end

-- The lexicon as loaded: copies (term sets), so that what direction()
-- remembers in `shared` (below) depends on the name alone — a rule that
-- changes M.lower_terms changes neither its own verdicts nor another
-- file's.
-- The lists this file searches, as term sets (lakip.terms: read out of a
-- Lua table once). Every file's instance of this module makes the same
-- lists (written above, and no rule runs before they are made), so each
-- set is made once per engine and kept in `shared`.
local sets = shared.term_sets or {}
shared.term_sets = sets
local function term_set(name, list)
  local set = sets[name]
  if not set then
    set = lakip.terms(list)
    sets[name] = set
  end
  return set
end

local lower_always, lower_terms, handled_terms =
  term_set("lower_always", M.lower_always), term_set("lower_terms", M.lower_terms),
  term_set("handled_terms", M.handled_terms)

-- The lexicon's verdict on a normalised name: dir, term (nil when it has
-- no opinion).
local function lexicon(n)
  local always = find_term(n, lower_always)
  if always then return "lower", always end
  local lower_term = find_term(n, lower_terms)
  if not lower_term then return nil end
  local handled = find_term(n, handled_terms)
  if handled then return "higher", handled end
  return "lower", lower_term
end

-- Names repeat across the tables of one report and across the rule files
-- that use this module: the verdicts are kept in `shared` (one store per
-- engine for every file's instance: sandbox.c), bounded so a million
-- distinct names do not pile up.
local store = shared.direction or { cache = {}, cached = 0 }
shared.direction = store

-- column_direction(text) -> "higher"|"lower" when an Arah column's text
-- says (column_values, as written or normalised), else nil. An Arah
-- column holds a handful of texts ("naik", "Turun", "-"): each text's
-- answer is kept in `shared` (bounded), worked out from a copy of
-- column_values made at load, so a file that changes M.column_values
-- changes no one's verdicts, its own included (as the lexicon above).
local column_copy = {}
for k, v in pairs(column_values) do column_copy[k] = v end
local column_store = shared.column_direction or { cache = {}, cached = 0 }
shared.column_direction = column_store

function M.column_direction(text)
  local v = column_store.cache[text]
  if v == nil then
    v = column_copy[string.lower(text)] or column_copy[lakip.normalize(text)] or false   -- (lib.text.normalize)
    if column_store.cached >= 4096 then column_store.cache, column_store.cached = {}, 0 end
    column_store.cache[text] = v
    column_store.cached = column_store.cached + 1
  end
  return v or nil
end

-- direction(name, column_text) -> "higher"|"lower", how, term: the Arah
-- column, else the lexicon.
--   how: "column" (from the Arah column), "inferred" (lexicon), "default"
function M.direction(name, column_text)
  if column_text and column_text ~= "" then
    local v = M.column_direction(column_text)
    if v then return v, "column", column_text end
  end
  local hit = store.cache[name or ""]
  if hit then return hit[1], hit[2], hit[3] end
  local dir, term = lexicon(lakip.normalize(name or ""))     -- lib.text.normalize, unchangeable here
  local how = dir and "inferred" or "default"
  dir = dir or "higher"
  if store.cached >= 4096 then store.cache, store.cached = {}, 0 end
  store.cache[name or ""] = { dir, how, term }
  store.cached = store.cached + 1
  return dir, how, term
end

-- Evidence from the report -----------------------------------------------

-- trend(values) -> "lower" when the decimals never rise and fall in at
-- least two steps, "higher" for the reverse, nil otherwise (fewer than 3
-- values, flat or nearly, or moving both ways).
function M.trend(values)
  if #values < 3 then return nil end
  local up, down = 0, 0
  for i = 2, #values do
    if values[i] > values[i - 1] then up = up + 1
    elseif values[i] < values[i - 1] then down = down + 1 end
  end
  -- one way only, and in at least two steps: a single step in a flat
  -- series (85, 85, 84, 84, 84) is a rebasing, not a direction
  if (up > 0) == (down > 0) or up + down < 2 then return nil end
  return down > 0 and "lower" or "higher"
end

-- "semakin rendah ... semakin baik" and its kin, as normalised text. A
-- paragraph that says both (a formula section explaining the two cases)
-- is about formulas, not about one indicator.
local lower_statements = term_set("lower_statements", {
  "semakin rendah semakin baik", "makin rendah makin baik", "semakin kecil semakin baik",
  "makin kecil makin baik", "semakin sedikit semakin baik", "polaritas negatif",
  "bersifat negatif", "indikator negatif", "arah negatif", "semakin rendah realisasi",
  "semakin kecil realisasi", "semakin tinggi realisasi menunjukkan semakin rendah",
  "lower is better",
})
local higher_statements = term_set("higher_statements", {
  "semakin tinggi semakin baik", "makin tinggi makin baik", "semakin besar semakin baik",
  "makin besar makin baik", "polaritas positif", "bersifat positif", "indikator positif",
  "arah positif", "semakin tinggi realisasi menunjukkan pencapaian kinerja yang semakin baik",
  "higher is better",
})

-- Every statement above has one of these words: a paragraph without any
-- of them (l: lower-cased) states no direction and need not be normalised.
local statement_marks = term_set("statement_marks", { "makin", "negatif", "positif", "better" })

-- What a paragraph has when it states a direction (statement_marks) or
-- declares a formula (lib.formula.declares needs "=", "rumus" or a times
-- sign: x, *, ×): the paragraphs gather() reads are those that hold one,
-- lower-cased (lakip.marked_paragraphs: the others are passed over in C).
local evidence_marks = { "makin", "negatif", "positif", "better", "=", "rumus", "x", "*", "\u{00D7}" }

local function may_state(l)
  return lakip.find_any(l, statement_marks) ~= nil
end

local function statement_dir(n)
  local lo = find_term(n, lower_statements)
  local hi = find_term(n, higher_statements)
  if lo and not hi then return "lower", lo end
  if hi and not lo then return "higher", hi end
  return nil
end

local function place(file, line) return lib.indikator.place(file, line) end

-- paragraph_statement(text) -> dir, term: the direction the words of a
-- paragraph with a statement's word or a formula's sign (evidence_marks)
-- state, if any. Asked once per such paragraph of a report and engine
-- (evidence() below is kept per report), so not remembered.
local function paragraph_statement(text)
  if may_state(string.lower(text)) then return statement_dir(lakip.normalize(text)) end
  return nil
end

-- The directions the settings file gives (lower_is_better = NAME; NAME),
-- as evidence entries: how = "settings".
local function settings_evidence(ev, options)
  if not options then return end
  for _, pair in ipairs({ { "lower_is_better", "lower" }, { "higher_is_better", "higher" } }) do
    local list = options[pair[1]]
    if list and list ~= "" then
      for name in string.gmatch(list, "[^;]+") do
        local key = lib.indikator.key(name)
        if key ~= "" then ev[key] = { dir = pair[2], how = "settings", term = pair[1], where = "lakip-audit.conf" } end
      end
    end
  end
end

-- evidence(report, options) -> { [indicator key] = {dir=, how=, where=,
-- term=} } from the settings file (options = ctx.options), statements and
-- Renstra trajectories, in that order of strength. Indicator keys are
-- lib.indikator.key. With `stated_only`, the trajectories are not read:
-- the settings and statements alone (what they decide is the same).
local function gather(report, options, stated_only)
  local ind = lib.indikator
  local ev = {}
  -- Renstra trajectories
  if not stated_only then
    for _, t in report:tables() do
      local years = ind.renstra_years(t)
      if years then
        for _, row in t:rows() do
          if row.kind == "data" then
            local values = {}
            for _, yc in ipairs(years) do
              local v = row:num(yc.col)            -- the cell's value when it is a number
              if v then values[#values + 1] = v end
            end
            local dir = M.trend(values)
            local key = dir and ind.key(row:text("indikator"))
            if dir and key ~= "" and not ev[key] then
              ev[key] = { dir = dir, how = "renstra", where = place(t.file, row.line),
                          term = years[1].year .. "–" .. years[#years].year }
            end
          end
        end
      end
    end
  end
  -- statements that name an indicator of the report's tables
  local said = {}
  -- (most paragraphs have neither a statement's word nor a formula's sign:
  -- only those that do are read)
  local marked = lakip.marked_paragraphs(report, evidence_marks)
  for i = 1, marked and #marked or 0 do
    local p = marked[i]
    local dir, term = paragraph_statement(p.text)
    if not dir then
      -- a formula section: "untuk indikator X dan Y dipakai rumus (2T − R) / T"
      local key = lib.formula.declares(p.text)
      if key then dir, term = "lower", "rumus " .. lib.formula.by_key[key].name.id end
    end
    if dir then said[#said + 1] = { p = p, key = " " .. ind.key(p.text) .. " ", dir = dir, term = term } end
  end
  if #said > 0 then
    -- every name of an indicator column (one C call per table), each
    -- once, padded with spaces to match whole words, and filed under its
    -- first word
    local names, by_first = {}, {}
    for _, t in report:tables() do
      local texts = t:col("indikator") and t:texts("indikator")
      if texts then
        for _, text in ipairs(texts) do
          local k = ind.key(text)
          if #k >= 12 and not names[k] then
            names[k] = true
            local first = string.match(k, "^%S+")
            local list = by_first[first]
            if not list then
              list = {}
              by_first[first] = list
            end
            list[#list + 1] = { k, " " .. k .. " " }
          end
        end
      end
    end
    -- a name is in a statement when " name " is in its padded key: such a
    -- place is a word of the key (after a space) that is the name's first
    -- word, so only the names filed under each word of the key are tried
    -- there, not every name along the whole paragraph
    for _, s in ipairs(said) do
      local key = s.key
      for at, word in string.gmatch(key, "()(%S+)") do
        local list = by_first[word]
        if list then
          for _, kp in ipairs(list) do
            if string.sub(key, at - 1, at + #kp[1]) == kp[2] then
              ev[kp[1]] = { dir = s.dir, how = "statement", where = place(s.p.file, s.p.line), term = s.term }
            end
          end
        end
      end
    end
  end
  settings_evidence(ev, options)
  return ev
end

-- capaian, kategori, klaim and renstra each weigh the evidence of the
-- report: it is gathered once per report and engine and kept in `shared`
-- (sound: it depends on the report, the settings and what this file made
-- when it loaded, nothing a rule can change), keyed by the report's first
-- table (the engine makes one view of a table per report, the same object
-- for every file, and drops it with the report; weak, so the entry goes
-- too) and the settings object. A report without tables has the settings'
-- evidence alone, gathered each time. The tables returned are shared by
-- those files: read them, do not change them. With `stated_only`, the
-- full evidence less its Renstra trajectories when that is known already:
-- what the trajectories decide is overridden by a statement or the
-- settings, never the other way round.
local evidence_store = shared.evidence or setmetatable({}, { __mode = "k" })
shared.evidence = evidence_store

function M.evidence(report, options, stated_only)
  if report.table_count == 0 then return gather(report, options, stated_only) end
  local first = report:table(1)
  local memo = evidence_store[first]
  if not memo or memo.options ~= options then
    memo = { options = options }
    evidence_store[first] = memo
  end
  if not stated_only then
    memo.full = memo.full or gather(report, options, false)
    return memo.full
  end
  if not memo.stated then
    if memo.full then
      local ev = {}
      for k, e in pairs(memo.full) do
        if e.how ~= "renstra" then ev[k] = e end
      end
      memo.stated = ev
    else
      memo.stated = gather(report, options, true)
    end
  end
  return memo.stated
end

-- decide(ev, name, column_text) -> dir, how, term, where: the Arah column
-- or the settings file, else the report's evidence (ev from evidence()),
-- else the lexicon, else the default.
function M.decide(ev, name, column_text)
  local dir, how, term = M.direction(name, column_text)
  if how == "column" or not ev then return dir, how, term end
  local e = ev[lib.indikator.key(name)]
  if e then return e.dir, e.how, e.term, e.where end
  return dir, how, term
end

local DIR = {
  higher = { id = "lebih tinggi lebih baik", en = "higher is better" },
  lower = { id = "lebih rendah lebih baik", en = "lower is better" },
}

-- describe(dir, how, term, where) -> the direction and where it came
-- from, in Indonesian and in English, for finding messages. `how` is what
-- direction()/decide() returned, or "budget" (realisasi / pagu).
function M.describe(dir, how, term, where)
  local d = DIR[dir]
  if how == "column" then
    return d.id .. " (menurut kolom Arah: " .. term .. ")", d.en .. " (per the Arah column: " .. term .. ")"
  elseif how == "settings" then
    return d.id .. " (menurut berkas pengaturan: " .. term .. ")", d.en .. " (per the settings file: " .. term .. ")"
  elseif how == "statement" then
    return d.id .. " (dinyatakan laporan, " .. where .. ": \"" .. term .. "\")",
           d.en .. " (stated by the report, " .. where .. ": \"" .. term .. "\")"
  elseif how == "renstra" then
    return d.id .. " (menurut deret target Renstra " .. term .. ", " .. where .. ")",
           d.en .. " (per the Renstra target series " .. term .. ", " .. where .. ")"
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
