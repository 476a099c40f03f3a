-- rules/penyebut.lua — a capaian whose table offers several denominators.
--
-- Real tables hold more than one target or pagu: the annual target beside
-- the end-of-RPJMD/Renstra target (target_akhir), the pagu before and
-- after revision (pagu_awal, pagu); a quarterly table has no realisasi
-- column but TW I … TW IV, "s.d." and Jumlah columns. A "Capaian thd
-- Target Akhir RPJMD" column, a capaian with only an end-of-plan target
-- beside it, a budget % in a table with both pagu columns, and a capaian
-- over period columns are recomputed here against every candidate (and
-- every candidate numerator: the Jumlah, then the periods from the last), with every formula in lib.formula (the budget: realisasi
-- / pagu only), rounded half-up or truncated at the precision written. A
-- value is flagged only when no candidate reproduces it; the table says
-- once which denominator the report used. rules/capaian.lua judges the
-- plain capaian against the annual target and the budget % of a table
-- with one pagu; it leaves these columns to this file.
local formula = lib.formula
local text = lib.text
local ind = lib.indikator

local function text_pair(id, en) return { id = id, en = en } end

local report_year
local perf_candidates = { target = true, target_akhir = true }
local budget_candidates = { pagu = true, pagu_awal = true }

-- The capaian columns this rule judges in table t, each with its
-- candidate numerator columns (realisasi, or the Jumlah, cumulative and
-- period columns), candidate denominator columns and formulas.
-- The columns without which plans(t) has nothing: a capaian akhir, a
-- target akhir, months or quarters or their Jumlah, a pagu awal
-- (capaian_akhir, target_akhir, periode, jumlah, pagu_awal: check_table
-- asks for them one by one).

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
      out[#out + 1] = { capaian = i, numerators = real, candidates = cands, formulas = formula.list, budget = false }
    end
  end
  -- no realisasi column, but months or quarters (and their Jumlah, and
  -- "s.d." columns): the capaian may be the Jumlah, a cumulative or the
  -- last period against the target; every one is a candidate numerator
  if not by_role.realisasi and (by_role.periode or by_role.jumlah) and (by_role.target or by_role.target_akhir) then
    -- the Jumlah first, then the periods from the last one back
    local nums = {}
    for _, i in ipairs(by_role.jumlah or {}) do nums[#nums + 1] = i end
    local periods = by_role.periode or {}
    for k = #periods, 1, -1 do nums[#nums + 1] = periods[k] end
    for _, i in ipairs(by_role.capaian or {}) do
      out[#out + 1] = { capaian = i, numerators = nums, candidates = list(perf_candidates, "target"),
                        formulas = formula.list, budget = false }
    end
  end
  if real_budget and by_role.pagu_awal then
    for _, i in ipairs(by_role.capaian_anggaran or {}) do
      out[#out + 1] = { capaian = i, numerators = real_budget, candidates = list(budget_candidates, "pagu"),
                        formulas = { formula.by_key.higher }, budget = true }
    end
  end
  return out, cols
end

-- The first (candidate, formula, mode, numerator) that reproduces the
-- reported cv; numerators other than the plan's own are tried after it.
local function reproduce(plan, row, cv)
  for _, num in ipairs(plan.numerators) do
    local rv = row:num(num)
    if rv then
      for _, col in ipairs(plan.candidates) do
        local tv = row:num(col)
        if tv then
          for _, f in ipairs(plan.formulas) do
            for _, mode in ipairs({ "half_up", "truncate" }) do
              local v = formula.value(f, tv, rv, cv:scale(), mode)
              if v and v == cv then return col, f, mode, num end
            end
          end
        end
      end
    end
  end
end

-- The first numerator with a number in this row: the realisasi, the
-- Jumlah, or the last period reached so far.
local function first_numerator(plan, row)
  for _, num in ipairs(plan.numerators) do
    if row:num(num) then return num end
  end
end

return {
  rules = {
    {
      id = "penyebut.none", severity = "error",
      fields = { "column", "reported", "realisasi", "tried" },
      title = text_pair("Capaian tidak sesuai dengan penyebut mana pun",
                        "Capaian matches none of the candidate denominators"),
      explanation = text_pair("Tabel ini memuat lebih dari satu target atau pagu (misalnya target tahunan dan target akhir RPJMD/Renstra, atau pagu awal dan pagu perubahan), atau realisasi per triwulan/bulan tanpa kolom realisasi. Capaian dihitung ulang terhadap setiap kandidat (dan dari setiap kolom realisasi yang mungkin: Jumlah, s.d., triwulan terakhir) dengan setiap rumus yang dikenal, dibulatkan atau dipotong pada presisi yang tertulis; tidak ada yang menghasilkan nilai yang dilaporkan.",
                              "The table holds more than one target or pagu (e.g. the annual and the end-of-RPJMD/Renstra target, or the pagu before and after revision), or quarterly/monthly realisasi without a realisasi column. The capaian was recomputed against every candidate (and from every possible realisasi column: Jumlah, s.d., the last quarter) with every known formula, rounded or truncated at the precision written; none gives the reported value."),
      message = text_pair("Kolom \"{column}\": dilaporkan {reported}, tetapi realisasi {realisasi} memberi {tried}.",
                          "Column \"{column}\": reported {reported}, but realisasi {realisasi} gives {tried}."),
      fix = text_pair("Periksa angka realisasi, target/pagu yang dipakai, dan hitung ulang capaiannya.",
                      "Check the realisasi, which target/pagu was meant, and recompute the capaian."),
      example = "Klaten 2016, Tabel 3.4 (fixtures/klaten-2016): capaian terhadap target akhir RPJMD.",
    },
    {
      id = "penyebut.used", severity = "info",
      fields = { "column", "used", "count", "rows" },
      title = text_pair("Penyebut yang dipakai laporan", "Denominator the report used"),
      explanation = text_pair("Bila tabel memuat beberapa target atau pagu, laporan ini menyebut kolom mana yang menghasilkan capaian yang dilaporkan, supaya pembaca tahu dasar perhitungannya.",
                              "When a table holds several targets or pagu, this says which column gives the reported capaian, so that the reader knows what it is measured against."),
      message = text_pair("Kolom \"{column}\" dihitung terhadap {used} ({count} dari {rows} baris yang dapat dihitung ulang).",
                          "Column \"{column}\" is computed against {used} ({count} of {rows} recomputable rows)."),
      fix = text_pair("Tidak perlu diubah; sebutkan dasar perhitungan di judul kolom bila belum jelas.",
                      "Nothing to change; name the basis in the column header if it is not clear."),
    },
  },

  -- (no begin: the year is read where it is used, from ctx.report; a
  -- hook that only kept it cost a protected call per report)
  check_table = function(ctx, t)
    -- every plan needs one of these columns: a table without them (most
    -- tables) is not read column by column
    -- (by the table's roles, lib.indikator.roles: one t:col per role
    -- was most of what the rule cost a table)
    -- (one test per role: a loop over a list of them was some 50 Lua
    -- instructions for every table)
    local roles = ind.roles(t)
    if not (roles.capaian_akhir or roles.target_akhir or roles.periode or roles.jumlah or roles.pagu_awal) then return end
    report_year = ctx.report.year
    local ps, cols = plans(t)
    for _, plan in ipairs(ps) do
      local used, order, rows = {}, {}, 0
      for _, row in t:rows() do
        local cv, num = row:num(plan.capaian), first_numerator(plan, row)
        if row.kind ~= "group" and cv and num then
          rows = rows + 1
          local col, f, mode, by = reproduce(plan, row, cv)
          -- for coverage and the working paper: the cell, recomputed from
          -- what reproduces it (else the natural candidate)
          local rec_col, rec_f, rec_num = col or plan.candidates[1], f or formula.by_key.higher, by or num
          local tv, rv = rec_col and row:num(rec_col), row:num(rec_num)
          local expected = tv and formula.value(rec_f, tv, rv, cv:scale(), "half_up")
          if expected then
            ctx:recomputed(row, plan.capaian, { formula = rec_f.key, target = rec_col,
                                                realisasi = rec_num, expected = expected })
          end
          if col then
            local key = (#plan.numerators > 1 and (cols[by].header .. " / ") or "") .. cols[col].header
                        .. (f.key ~= "higher" and (" · " .. f.name.id) or "")
                        .. (mode == "truncate" and " · dipotong" or "")
            if not used[key] then used[key] = 0; order[#order + 1] = key end
            used[key] = used[key] + 1
          else
            local tried = {}
            for _, c in ipairs(plan.candidates) do
              local t_v = row:num(c)
              if t_v and not t_v:is_zero() then
                local v = formula.value(formula.by_key.higher, t_v, rv, cv:scale(), "half_up")
                tried[#tried + 1] = string.format("%s / %s × 100 = %s%% (\"%s\")", text.num(rv, t.style),
                  text.num(t_v, t.style), text.num(v, t.style), cols[c].header)
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
      if (#plan.candidates > 1 or #plan.numerators > 1) and #order > 0 then
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
