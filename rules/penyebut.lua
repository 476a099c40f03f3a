-- rules/penyebut.lua — a capaian whose table offers several denominators.
--
-- Real tables hold more than one target or pagu: the annual target beside
-- the end-of-RPJMD/Renstra target (target_akhir), the pagu before and
-- after revision (pagu_awal, pagu). A "Capaian thd Target Akhir RPJMD"
-- column, a capaian with only an end-of-plan target beside it, and a
-- budget % in a table with both pagu columns are recomputed here against
-- every candidate, with every formula in lib.formula (the budget: realisasi
-- / pagu only), rounded half-up or truncated at the precision written. A
-- value is flagged only when no candidate reproduces it; the table says
-- once which denominator the report used. rules/capaian.lua judges the
-- plain capaian against the annual target and the budget % of a table
-- with one pagu; it leaves these columns to this file.
local formula = lib.formula
local text = lib.text

local function text_pair(id, en) return { id = id, en = en } end

local report_year
local perf_candidates = { target = true, target_akhir = true }
local budget_candidates = { pagu = true, pagu_awal = true }

-- The capaian columns this rule judges in table t, each with its
-- numerator column, candidate denominator columns and formulas.
local function plans(t)
  local cols = t:columns()
  local by_role = {}
  for i, c in ipairs(cols) do
    by_role[c.role] = by_role[c.role] or {}
    table.insert(by_role[c.role], i)
  end
  -- the candidates, the natural one (first role) first: on equal values
  -- the report is taken to mean it
  local function list(roles, first)
    local out = {}
    for i, c in ipairs(cols) do if c.role == first then out[#out + 1] = i end end
    for i, c in ipairs(cols) do if roles[c.role] and c.role ~= first then out[#out + 1] = i end end
    return out
  end
  -- several realisasi columns ("Realisasi 2014 | Realisasi 2015 | 2016
  -- Realisasi"): the one of the given year, else of the report year, else
  -- one without a year, else the last
  local function current(list_, year)
    if not list_ then return nil end
    local plain, of_report
    for _, i in ipairs(list_) do
      if year and cols[i].year == year then return { i } end
      if report_year and cols[i].year == report_year and not of_report then of_report = i end
      if not cols[i].year and not plain then plain = i end
    end
    return { of_report or plain or list_[#list_] }
  end
  local out = {}
  local real_budget = current(by_role.realisasi_anggaran)
  if by_role.realisasi then
    local cands = list(perf_candidates, "target_akhir")
    local judged = {}
    for _, i in ipairs(by_role.capaian_akhir or {}) do judged[#judged + 1] = i end
    if not by_role.target and by_role.target_akhir then
      for _, i in ipairs(by_role.capaian or {}) do judged[#judged + 1] = i end
    end
    for _, i in ipairs(judged) do
      -- "Capaian s.d. 2016 thd ...": the realisasi of 2016
      local real = current(by_role.realisasi, cols[i].year)
      out[#out + 1] = { capaian = i, numerator = real[1], candidates = cands, formulas = formula.list, budget = false }
    end
  end
  if real_budget and by_role.pagu_awal then
    for _, i in ipairs(by_role.capaian_anggaran or {}) do
      out[#out + 1] = { capaian = i, numerator = real_budget[1], candidates = list(budget_candidates, "pagu"),
                        formulas = { formula.by_key.higher }, budget = true }
    end
  end
  return out, cols
end

-- The first (candidate, formula, mode) that reproduces the reported cv.
local function reproduce(plan, row, rv, cv)
  for _, col in ipairs(plan.candidates) do
    local tv = row:num(col)
    if tv then
      for _, f in ipairs(plan.formulas) do
        for _, mode in ipairs({ "half_up", "truncate" }) do
          local v = formula.value(f, tv, rv, cv:scale(), mode)
          if v and v == cv then return col, f, mode end
        end
      end
    end
  end
end

return {
  rules = {
    {
      id = "penyebut.none", severity = "error",
      title = text_pair("Capaian tidak sesuai dengan penyebut mana pun",
                        "Capaian matches none of the candidate denominators"),
      explanation = text_pair("Tabel ini memuat lebih dari satu target atau pagu (misalnya target tahunan dan target akhir RPJMD/Renstra, atau pagu awal dan pagu perubahan). Capaian dihitung ulang terhadap setiap kandidat dengan setiap rumus yang dikenal, dibulatkan atau dipotong pada presisi yang tertulis; tidak ada yang menghasilkan nilai yang dilaporkan.",
                              "The table holds more than one target or pagu (e.g. the annual and the end-of-RPJMD/Renstra target, or the pagu before and after revision). The capaian was recomputed against every candidate with every known formula, rounded or truncated at the precision written; none gives the reported value."),
      message = text_pair("Kolom \"{column}\": dilaporkan {reported}, tetapi realisasi {realisasi} memberi {tried}.",
                          "Column \"{column}\": reported {reported}, but realisasi {realisasi} gives {tried}."),
      fix = text_pair("Periksa angka realisasi, target/pagu yang dipakai, dan hitung ulang capaiannya.",
                      "Check the realisasi, which target/pagu was meant, and recompute the capaian."),
      example = "Klaten 2016, Tabel 3.4 (fixtures/klaten-2016): capaian terhadap target akhir RPJMD.",
    },
    {
      id = "penyebut.used", severity = "info",
      title = text_pair("Penyebut yang dipakai laporan", "Denominator the report used"),
      explanation = text_pair("Bila tabel memuat beberapa target atau pagu, laporan ini menyebut kolom mana yang menghasilkan capaian yang dilaporkan, supaya pembaca tahu dasar perhitungannya.",
                              "When a table holds several targets or pagu, this says which column gives the reported capaian, so that the reader knows what it is measured against."),
      message = text_pair("Kolom \"{column}\" dihitung terhadap {used} ({count} dari {rows} baris yang dapat dihitung ulang).",
                          "Column \"{column}\" is computed against {used} ({count} of {rows} recomputable rows)."),
      fix = text_pair("Tidak perlu diubah; sebutkan dasar perhitungan di judul kolom bila belum jelas.",
                      "Nothing to change; name the basis in the column header if it is not clear."),
    },
  },

  begin = function(ctx, report)
    report_year = report.year
  end,

  check_table = function(ctx, t)
    local ps, cols = plans(t)
    for _, plan in ipairs(ps) do
      local used, order, rows = {}, {}, 0
      for _, row in t:rows() do
        local cv, rv = row:num(plan.capaian), row:num(plan.numerator)
        if row.kind ~= "group" and cv and rv then
          rows = rows + 1
          local col, f, mode = reproduce(plan, row, rv, cv)
          -- for coverage and the working paper: the cell, recomputed from
          -- the candidate that reproduces it (else the natural one)
          local rec_col, rec_f = col or plan.candidates[1], f or formula.by_key.higher
          local tv = rec_col and row:num(rec_col)
          local expected = tv and formula.value(rec_f, tv, rv, cv:scale(), "half_up")
          if expected then
            ctx:recomputed(row, plan.capaian, { formula = rec_f.key, target = rec_col,
                                                realisasi = plan.numerator, expected = expected })
          end
          if col then
            local key = cols[col].header .. (f.key ~= "higher" and (" · " .. f.name.id) or "")
                        .. (mode == "truncate" and " · dipotong" or "")
            if not used[key] then used[key] = 0; order[#order + 1] = key end
            used[key] = used[key] + 1
          else
            local tried = {}
            for _, c in ipairs(plan.candidates) do
              local tv = row:num(c)
              if tv and not tv:is_zero() then
                local v = formula.value(formula.by_key.higher, tv, rv, cv:scale(), "half_up")
                tried[#tried + 1] = string.format("%s / %s × 100 = %s%% (\"%s\")", text.num(rv, t.style),
                  text.num(tv, t.style), text.num(v, t.style), cols[c].header)
              end
            end
            if #tried > 0 then
              ctx:emit("penyebut.none", row, {
                cell = plan.capaian, column = cols[plan.capaian].header, reported = text.pct(cv, t.style),
                realisasi = text.num(rv, t.style), tried = table.concat(tried, "; "),
              })
            end
          end
        end
      end
      if #plan.candidates > 1 and #order > 0 then
        local parts = {}
        for _, key in ipairs(order) do parts[#parts + 1] = string.format("\"%s\" (%d)", key, used[key]) end
        local count = 0
        for _, n in pairs(used) do count = count + n end
        ctx:emit("penyebut.used", t, {
          column = cols[plan.capaian].header, used = table.concat(parts, ", "), count = count, rows = rows,
        })
      end
    end
  end,
}
