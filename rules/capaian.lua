-- rules/capaian.lua — recompute every capaian (%) from its target and
-- realisasi, and every budget % from pagu and realisasi anggaran.
--
-- A reported value is right when it equals the exact value rounded half-up
-- at the precision it is written with ("111%" is judged to 0 decimals,
-- "55,88%" to 2). Otherwise the rule looks for the formula that does
-- reproduce it and says which: truncation, another direction's formula,
-- the percentage-only formula on a count, target/realisasi swapped, a cap
-- at 100, a shifted decimal, or values the table shows rounded; else it is
-- an arithmetic error.
--
-- Direction (lib.polarity): the Arah column, the report's own statement,
-- its Renstra trajectory, the lexicon, the default — and, per row, the
-- formula the report demonstrably applied. When only the lexicon or the
-- default decides and the value is exactly another direction's formula,
-- that is not an error: capaian.direction-assumed (info) says how the
-- report treats the indicator.
--
-- Formula policy: the lower-is-better formula in force is the one the
-- report applies consistently (at least two rows that only it explains,
-- and more than half of such rows), else the one it declares, else
-- --lower-formula, else (2 × target − realisasi) / target. Lower-is-better
-- rows are judged in finish(), when the whole report has been seen; a
-- declared formula the rows do not follow is capaian.policy-mismatch.
local formula = lib.formula
local polarity = lib.polarity
local text = lib.text

-- Column sets that hold a target, an outcome and the % between them.
local measures = {
  { target = "target", realisasi = "realisasi", capaian = "capaian", budget = false,
    id = "Capaian", en = "Capaian" },
  { target = "pagu", realisasi = "realisasi_anggaran", capaian = "capaian_anggaran", budget = true,
    id = "Capaian anggaran", en = "Budget absorption" },
}

local lower_key            -- the lower-is-better formula in force (set in finish)
local lower_source_id, lower_source_en
local count_key            -- the lower-is-better formula for counts
local declared_key, declared_at, configured
local deferred = {}        -- lower-is-better rows, judged in finish()
local votes = {}           -- lower formula key -> rows only it explains
-- lib.polarity.evidence(report, ctx.options) of the report begin() was
-- given, made on first need (evidence_of)
local evidence_report, evidence_options, evidence
local function evidence_of()
  if not evidence then evidence = polarity.evidence(evidence_report, evidence_options) end
  return evidence
end
local plans = setmetatable({}, { __mode = "k" })
-- The plans made, by t:columns() and report year: tables whose columns
-- say the same (every report of a long-form export) share that list, and
-- a plan depends only on the columns' roles and years and on the report
-- year, so each such table gets the plan made for the first.
local plans_by_columns = setmetatable({}, { __mode = "k" })
-- Per file: rows truncated, and rows where rounding mattered and was done
-- right; finish() summarises a file that truncates throughout.
local truncation = {}

local function tally(file)
  local t = truncation[file]
  if not t then
    t = { truncated = {}, rounded = 0 }
    truncation[file] = t
  end
  return t
end

-- t[k], a table made on first use (for the texts kept below).
local function kept(t, k)
  local v = t[k]
  if v == nil then
    v = {}
    t[k] = v
  end
  return v
end

-- A count rather than a percentage: "Jumlah ...", or a unit that is not %
-- (percent: the target or the realisasi is written as a percentage;
-- jumlah: the row's label opens with "jumlah", after digits, punctuation
-- and spaces, in any case — lakip.row_measure tells; unit: the target's
-- unit, else the realisasi's). Each unit's canonical spelling being "%" is
-- kept for the units seen lately, bounded.
local unit_pct, nunit = {}, 0
local function is_count(jumlah, percent, u)
  if percent then return false end
  if jumlah then return true end
  if u == "" then return false end
  local pct = unit_pct[u]
  if pct == nil then
    pct = text.unit(u) == "%"
    if nunit >= 4096 then unit_pct, nunit = {}, 0 end
    unit_pct[u], nunit = pct, nunit + 1
  end
  return not pct
end

local report_year

-- The columns of each measure; when a table has several of a role
-- ("Realisasi 2018 | Realisasi 2019"), the one labelled with the report
-- year (t:col with a year, in C). Made once per table and report year
-- for tables of the same t:columns() (plans_by_columns): asking for that
-- shared list costs less than the eight t:col calls of a plan. The list
-- is asked through lib.indikator.columns, which keeps the last table's:
-- the families after this one that ask it of the same table (pk,
-- renstra, konsistensi ...) then get it without asking the table again.
local function plan_for(t)
  local p = plans[t]
  if p then return p end
  local columns = lib.indikator.columns(t)
  local by_year = plans_by_columns[columns]
  p = by_year and by_year[report_year or false]
  if p then
    plans[t] = p
    return p
  end
  if not by_year then
    by_year = {}
    plans_by_columns[columns] = by_year
  end
  p = {}
  by_year[report_year or false] = p
  for mi = 1, #measures do          -- (numeric loops here and below: every judged row, every report)
    local m = measures[mi]
    local tcol, rcol, ccol = t:col(m.target, report_year), t:col(m.realisasi, report_year),
                             t:col(m.capaian, report_year)
    -- with a pagu before and after revision, rules/penyebut.lua tries both
    if tcol and rcol and ccol and not (m.budget and t:col("pagu_awal")) then
      local x = { m = m, target = tcol, realisasi = rcol, capaian = ccol }
      p[#p + 1] = x
      if not m.budget then p.capaian = x end
    end
  end
  p.arah = t:col("arah")                  -- (an index: read without the role's lookup)
  plans[t] = p
  return p
end

local function emit(ctx, id, row, m, f, fields)
  fields.measure_id, fields.measure_en = m.id, m.en
  fields.formula = f.name.id
  fields.cell = fields.cell or m.capaian   -- a workbook finding points at the capaian cell
  ctx:emit(id, row, fields)
end

local half_unit = text.half_unit

-- The values behind a cell: exact for a whole number (a count or a target
-- set as 90), within half a unit of the last digit when it has decimals.
local function bounds(d)
  if d:scale() == 0 then return d, d end
  local h = half_unit(d)
  return d - h, d + h
end

-- Every formula of lib.formula tried on a row at once, in C
-- (lakip.formula_matches): bit BIT[f] of the answer when formula f
-- rounded half-up at the reported precision gives the reported value,
-- bit BIT[f] + 1 when truncated does. The same exact arithmetic the
-- decimals below do, without a decimal and a metamethod call for every
-- step; nil when a step overflows, and then the decimals below run as
-- they always did (and raise where they raised).
local FORMULAS = lakip.formulas(formula.list)
local BIT, INDEX = {}, {}
for i, f in ipairs(formula.list) do BIT[f], INDEX[f] = 2 * (i - 1), i end

-- rounded_inputs(f, tv, rv, cv) -> lo, hi (decimals, for display) when
-- formula f reaches the reported cv from some target and realisasi that
-- the table's rounded values stand for; nil otherwise. Every formula is
-- monotone in each input where its denominator is positive, so its range
-- over the box of inputs is spanned by the four corners; comparisons are
-- made as cross products, exactly.
local function rounded_inputs(f, tv, rv, cv)
  -- worked out in C with the same decimal steps (lakip.rounded_reach):
  -- false when f does not reach cv, nil when a step overflows, and then
  -- the decimals below do it as before (and raise where they raised)
  local lo, hi, tlo, thi, rlo, rhi = lakip.rounded_reach(FORMULAS, INDEX[f], tv, rv, cv)
  if lo == false then return nil end
  if lo ~= nil then return lo, hi, tlo, thi, rlo, rhi end
  if tv:scale() == 0 and rv:scale() == 0 then return nil end
  local tlo, thi = bounds(tv)
  local rlo, rhi = bounds(rv)
  local h = half_unit(cv)
  local clo, chi = cv - h, cv + h
  local above, below = false, false        -- some corner >= clo, some <= chi
  local corners = {}
  local ts, rs = { tlo, thi }, { rlo, rhi }
  for ti = 1, 2 do
    local t = ts[ti]
    for ri = 1, 2 do
      local r = rs[ri]
      local num, den = f.parts(t, r)
      if den:sign() <= 0 then return nil end
      if num >= clo * den then above = true end
      if num <= chi * den then below = true end
      corners[#corners + 1] = { num, den }
    end
  end
  if not (above and below) then return nil end
  local p = cv:scale() + 2
  -- rounding noise, not a licence: when the inputs' rounding can move the
  -- capaian by more than one percentage point (one decimal on small
  -- values: 5,8 and 8,0 span 135,9 … 140,0), the shown values are too
  -- coarse to excuse a difference and the row is judged as written
  local lo_num, lo_den, hi_num, hi_den
  for ci = 1, #corners do
    local c = corners[ci]
    if not lo_num or c[1] * lo_den < lo_num * c[2] then lo_num, lo_den = c[1], c[2] end
    if not hi_num or c[1] * hi_den > hi_num * c[2] then hi_num, hi_den = c[1], c[2] end
  end
  if hi_num * lo_den - lo_num * hi_den > lo_den * hi_den then return nil end
  local lo, hi
  local unit = decimal.new("0." .. string.rep("0", p - 1) .. "1")   -- one unit of the p-th digit
  for ci = 1, #corners do
    local c = corners[ci]
    local v = c[1]:div(c[2], p, "truncate")
    if not lo or v < lo then lo = v end
    if v * c[2] ~= c[1] then v = v + unit end  -- round the upper end up
    if not hi or v > hi then hi = v end
  end
  return lo, hi, tlo, thi, rlo, rhi
end

-- The lower-is-better formulas that reproduce cv exactly (rounded half-up).
local function lower_matches(tv, rv, cv, counted)
  local keys = {}
  local list = formula.list
  local mask = lakip.formula_matches(FORMULAS, tv, rv, cv)
  for i = 1, #list do
    local f = list[i]
    if f.direction == "lower" and not (f.percent_only and counted) then
      if mask then
        if (mask >> BIT[f]) & 1 == 1 then keys[#keys + 1] = f.key end
      else
        local v = formula.value(f, tv, rv, cv:scale(), "half_up")
        if v and v == cv then keys[#keys + 1] = f.key end
      end
    end
  end
  return keys
end

-- num, den of formula f for target tv and realisasi rv; nil when the
-- denominator is 0 (formula.value gives nil then, whatever the rounding).
local function parts_of(f, tv, rv)
  local num, den = f.parts(tv, rv)
  if den:is_zero() then return nil end
  return num, den
end

local MODES = { "half_up", "truncate" }
local SHIFTS = { 10, 100 }
local HUNDRED = decimal.new(100)

-- formula.computation(f, tv, rv, p, style) from f's parts in hand (num,
-- den: den not 0) and num / den rounded half-up at p: what it would make
-- of them, without working them out again.
local function computation_of(f, tv, rv, num, den, rounded, p, style)
  local s = f.show(tv, rv, style) .. " = "
  if rounded * den == num then return s .. text.pct(rounded, style) end
  return s .. formula.exact_text(num, den, p, style) .. "% ≈ " .. text.pct(rounded, style)
end

-- The words for a row's direction: polarity.describe and the notes made
-- of it, { id, en, note_id, note_en }, kept per dir, how, term and where
-- (a handful of combinations; a wrong row of every report words one).
-- Bounded like the jumlah labels.
local DIR_WORDS, ndir = {}, 0
local function dir_words(dir, how, term, where, budget)
  -- found without a call when made before (every wrong row but the first
  -- of its kind)
  local w = DIR_WORDS[how]
  w = w and w[dir]
  w = w and w[term or false]
  w = w and w[where or false]
  w = w and w[budget]
  if w then return w end
  if ndir >= 4096 then DIR_WORDS, ndir = {}, 0 end
  local by_budget = kept(kept(kept(kept(DIR_WORDS, how), dir), term or false), where or false)
  w = by_budget[budget]
  if not w then
    local dir_id, dir_en = polarity.describe(dir, how, term, where)
    w = { dir_id, dir_en,
          budget and "" or (" Arah indikator: " .. dir_id .. "."),
          budget and "" or (" Direction: " .. dir_en .. ".") }
    by_budget[budget], ndir = w, ndir + 1
  end
  return w
end

local function vote(keys)
  if #keys == 1 then votes[keys[1]] = (votes[keys[1]] or 0) + 1 end
end

-- A row judged with decimals, step by step, when lakip.diagnose (judge,
-- below) gives nil or false: the formula in force `expected` on the
-- row's values, and when it does not give the reported value, what does.
local function judge_decimals(ctx, t, row, cols, d, expected)
  local m = cols.m
  local tv, rv, cv = d.tv, d.rv, d.cv
  local p = cv:scale()
  local style = t.style
  local dir, how, term, where = d.dir, d.how, d.term, d.where
  local counted = d.counted

  -- the expected formula's parts once, for every rounding tried below
  local enum, eden = parts_of(expected, tv, rv)
  local e = enum and enum:div(eden, p, "half_up")
  if e then                                      -- for the working paper and the coverage, right or wrong
    ctx:recomputed(row, cols.capaian, { formula = expected.key, target = cols.target,
                                        realisasi = cols.realisasi, expected = e })
  else
    ctx:not_checkable(row)                       -- a zero denominator: undefined
  end
  if e and e == cv then                          -- the common case: right
    if enum:div(eden, p, "truncate") ~= e then
      local tl = tally(t.file)
      tl.rounded = tl.rounded + 1                -- rounded up where truncating would not have
    end
    return
  end

  local w = dir_words(dir, how, term, where, m.budget)
  local fields = {
    reported = d.ctext, target = d.ttext, realisasi = d.rtext,
    dir_id = w[1], dir_en = w[2], direction = dir, direction_source = how,
    dir_note_id = w[3], dir_note_en = w[4],
    source_id = lower_source_id, source_en = lower_source_en,
  }
  if not e then
    if tv:is_zero() then
      emit(ctx, "capaian.zero-target", row, m, expected, fields)
    end
    return                                       -- realisasi 0 under target/realisasi: undefined
  end
  fields.expected = text.pct(e, style)
  fields.computation = computation_of(expected, tv, rv, enum, eden, e, p, style)

  -- 1. the right formula, truncated instead of rounded
  local tr = enum:div(eden, p, "truncate")
  if tr == cv then
    if ctx.options.rounding == "truncation-ok" then return end   -- the configured policy accepts it
    emit(ctx, "capaian.truncated", row, m, expected, fields)
    local rows = tally(t.file).truncated
    rows[#rows + 1] = row.line
    return
  end

  -- 2. another formula reproduces it (rounded or truncated)
  local weak = how == "inferred" or how == "default"
  -- for a higher-is-better row, target / realisasi first: when it and a
  -- lower-is-better formula give the same value (realisasi near the
  -- target), "swapped" is the more specific diagnosis
  local candidates = formula.list
  if dir == "higher" then candidates = formula.swapped_first end
  -- which formulas give cv at all, in C: the decimals are worked out
  -- below only for the one that does (nil: all of them, as before)
  local mask = lakip.formula_matches(FORMULAS, tv, rv, cv)
  for ci = 1, #candidates do
    local f = candidates[ci]
    local num, den
    if f ~= expected and (not mask or (mask >> BIT[f]) & 3 ~= 0) then num, den = parts_of(f, tv, rv) end
    if num then
      for mi = 1, 2 do
        local mode = MODES[mi]
        local v = num:div(den, p, mode)
        if v == cv then
          local id
          if f.percent_only and counted then id = "capaian.count-formula"
          elseif f.direction ~= dir and weak and not m.budget then id = "capaian.direction-assumed"
          elseif dir == "higher" and f.key == "t/r" then id = "capaian.swapped"
          elseif f.direction ~= dir then id = "capaian.direction"
          else id = "capaian.formula-mismatch" end
          fields.applied_formula = f.name.id
          fields.applied_computation = computation_of(f, tv, rv, num, den,
                                                      mi == 1 and v or num:div(den, p, "half_up"), p, style)
          fields.rounding_id = mode == "truncate" and ", lalu dipotong" or ""
          fields.rounding_en = mode == "truncate" and ", then truncated (not rounded)" or ""
          fields.treated_id = f.direction == "lower" and "lebih rendah lebih baik" or "lebih tinggi lebih baik"
          fields.treated_en = f.direction == "lower" and "lower is better" or "higher is better"
          emit(ctx, id, row, m, expected, fields)
          return
        end
      end
    end
  end

  -- 3. the values behind the rounded target and realisasi reach it
  local lo, hi, tlo, thi, rlo, rhi = rounded_inputs(expected, tv, rv, cv)
  if lo then
    fields.interval = text.num(lo, style) .. " … " .. text.num(hi, style)
    fields.target_range = text.num(tlo, style) .. " … " .. text.num(thi, style)
    fields.realisasi_range = text.num(rlo, style) .. " … " .. text.num(rhi, style)
    emit(ctx, "capaian.rounded-inputs", row, m, expected, fields)
    return
  end

  -- 4. capped at 100
  if cv == HUNDRED and e > cv then
    emit(ctx, "capaian.capped", row, m, expected, fields)
    return
  end

  -- 5. decimal point shifted by one or two places: in C (lakip.shifted,
  -- the same steps; most arithmetic errors get this far), nil when a step
  -- overflows, and then the decimals below (which raise where they raised)
  local shift = lakip.shifted(enum, eden, cv)
  if shift == nil then
    shift = false
    for ki = 1, 2 do
      local k = SHIFTS[ki]
      local up, down = (enum * k):div(eden, p, "half_up"), enum:div(eden * k, p, "half_up")
      if up == cv or down == cv then
        shift = k
        break
      end
    end
  end
  if shift then
    fields.shift = shift == 10 and "1" or "2"
    emit(ctx, "capaian.decimal-shift", row, m, expected, fields)
    return
  end

  -- 6. nothing explains it
  emit(ctx, "capaian.arithmetic", row, m, expected, fields)
end

-- judge(): the formula in force tried on the row, and when it does not
-- give the reported value, what does. The decimals and the message's
-- texts are worked out in C (lakip.diagnose, one call with the same
-- decimal steps in the same order, and the texts lib.formula and lib.text
-- would write); judge_decimals above works a row out as it always did
-- when that gives nil (a step overflows: the decimals raise where they
-- raised) or false (a zero denominator).
--
-- A wrong row's fields go in a table kept for its diagnosis (the code
-- lakip.diagnose gives), with the same keys every time, each set afresh:
-- ctx:emit copies what it is given and keeps nothing, so no finding sees
-- another's fields, and a row does not make and collect a table of some
-- twenty fields. The same for ctx:recomputed's spec, which it reads at
-- once.
local T_R = INDEX[formula.by_key["t/r"]]
local SPEC, FIELDS = {}, { {}, {}, {}, {}, {}, {} }
local DIAGNOSED = { [1] = "capaian.truncated", [3] = "capaian.rounded-inputs", [4] = "capaian.capped",
                    [5] = "capaian.decimal-shift", [6] = "capaian.arithmetic" }

-- The row's measure comes as values (measure(), below), not a table: most
-- rows are judged at once, and only a deferred one is kept.
local function judge(ctx, t, row, cols, cv, tv, rv, ctext, ttext, rtext, dir, how, term, where, counted)
  local m = cols.m
  local expected = dir == "higher" and formula.by_key.higher or formula.by_key[lower_key]
  if expected.percent_only and counted then expected = formula.by_key[count_key] end
  local code, e, expected_text, computation, x, y, z =
    lakip.diagnose(FORMULAS, INDEX[expected], dir == "higher" and T_R or 0, tv, rv, cv, t.style)
  if not code then
    return judge_decimals(ctx, t, row, cols, { cv = cv, tv = tv, rv = rv, ctext = ctext, ttext = ttext,
                                               rtext = rtext, dir = dir, how = how, term = term, where = where,
                                               counted = counted }, expected)
  end
  local spec = SPEC                              -- for the working paper and the coverage, right or wrong
  spec.formula, spec.target, spec.realisasi, spec.expected = expected.key, cols.target, cols.realisasi, e
  ctx:recomputed(row, cols.capaian, spec)
  if code == 0 then                              -- the common case: right
    if expected_text then                        -- (0, e, rounded: the third value says it)
      local tl = tally(t.file)
      tl.rounded = tl.rounded + 1                -- rounded up where truncating would not have
    end
    return
  end
  -- 1. the right formula, truncated instead of rounded
  if code == 1 and ctx.options.rounding == "truncation-ok" then return end   -- the configured policy accepts it

  local w = dir_words(dir, how, term, where, m.budget)
  local fields = FIELDS[code]
  fields.reported, fields.target, fields.realisasi = ctext, ttext, rtext
  fields.dir_id, fields.dir_en, fields.direction, fields.direction_source = w[1], w[2], dir, how
  fields.dir_note_id, fields.dir_note_en = w[3], w[4]
  fields.source_id, fields.source_en = lower_source_id, lower_source_en
  fields.expected, fields.computation = expected_text, computation
  fields.measure_id, fields.measure_en, fields.formula, fields.cell = m.id, m.en, expected.name.id, m.capaian
  local id = DIAGNOSED[code]
  if code == 2 then
    -- 2. another formula reproduces it (rounded or truncated): formula x,
    -- y 1 rounded half-up, 2 truncated; z its computation
    local f = formula.list[x]
    local weak = how == "inferred" or how == "default"
    if f.percent_only and counted then id = "capaian.count-formula"
    elseif f.direction ~= dir and weak and not m.budget then id = "capaian.direction-assumed"
    elseif dir == "higher" and f.key == "t/r" then id = "capaian.swapped"
    elseif f.direction ~= dir then id = "capaian.direction"
    else id = "capaian.formula-mismatch" end
    fields.applied_formula, fields.applied_computation = f.name.id, z
    fields.rounding_id = y == 2 and ", lalu dipotong" or ""
    fields.rounding_en = y == 2 and ", then truncated (not rounded)" or ""
    fields.treated_id = f.direction == "lower" and "lebih rendah lebih baik" or "lebih tinggi lebih baik"
    fields.treated_en = f.direction == "lower" and "lower is better" or "higher is better"
  elseif code == 3 then
    -- 3. the values behind the rounded target and realisasi reach it
    fields.interval, fields.target_range, fields.realisasi_range = x, y, z
  elseif code == 5 then
    -- 5. decimal point shifted by one or two places
    fields.shift = x == 10 and "1" or "2"
  end
  -- (4. capped at 100; 6. nothing explains it)
  ctx:emit(id, row, fields)
  if code == 1 then
    local rows = tally(t.file).truncated
    rows[#rows + 1] = row.line
  end
end

-- The direction a row's measure is judged in, and whether it is a count:
-- dir, how, term, where, counted. arah: the Arah cell's text (nil without
-- the column). The label is read (worked out in C on each read) only when
-- the Arah column does not decide: polarity.decide weighs it then, and
-- with the Arah column deciding the lexicon's verdict was not used.
local function weigh(row, m, arah, percent, unit, jumlah)
  if m.budget then return "higher", "budget" end
  local counted = is_count(jumlah, percent, unit)
  local dir = arah and arah ~= "" and polarity.column_direction(arah)
  if dir then return dir, "column", arah, nil, counted end
  -- the report's evidence is read only for rows the column does not decide
  local d, how, term, where = polarity.decide(evidence_of(), row.label, arah)
  return d, how, term, where, counted
end

-- The row's values and direction; lower-is-better rows wait for the
-- formula policy, the others are judged at once. The cells' values and
-- texts come from lakip.row_measure (no table per cell).
local function check_measure(ctx, t, row, cols, arah_col)
  local m = cols.m
  local cv, tv, rv, ctext, ttext, rtext, percent, unit, jumlah, arah =
    lakip.row_measure(row, cols.capaian, cols.target, cols.realisasi, arah_col)
  if cv == nil then return end                   -- no number in the capaian cell
  if not cv then
    ctx:not_checkable(row)                       -- a capaian without both of its numbers
    return
  end
  local dir, how, term, where, counted = weigh(row, m, arah, percent, unit, jumlah)
  if dir == "lower" then
    deferred[#deferred + 1] = { t = t, row = row, cols = cols,
                                d = { cv = cv, tv = tv, rv = rv, ctext = ctext, ttext = ttext, rtext = rtext,
                                      dir = dir, how = how, term = term, where = where, counted = counted } }
    vote(lower_matches(tv, rv, cv, counted))
    return
  end
  if not m.budget and (how == "default" or how == "inferred") then
    -- a row the report treats as lower-is-better also shows its formula
    local e = formula.value(formula.by_key.higher, tv, rv, cv:scale(), "half_up")
    if not (e and e == cv) then vote(lower_matches(tv, rv, cv, counted)) end
  end
  judge(ctx, t, row, cols, cv, tv, rv, ctext, ttext, rtext, dir, how, term, where, counted)
end

local function source_name(key) return formula.by_key[key].name.id end

-- An integer's text, for the policy's sentences (every report writes a
-- few): made once per value, not by a concatenation every time. Only for
-- integers (row counts): a float key would find its integer's text.
local INT = setmetatable({}, { __index = function(t, k)
  local s = tostring(k)
  if math.type(k) == "integer" then t[k] = s end
  return s
end })

local function at(p) return lib.indikator.place(p.file, p.line) end

-- The policy's sentences, kept as made: every report of a long-form file
-- gets a note, and its words repeat from report to report (the same
-- formula, a few row counts), so each is built once, not concatenated
-- anew per report. APPLIED[n][total]: the source of a formula the rows
-- settled (not the one declared); NOTES[lower][count][source][rows]: the
-- note's two texts. Bounded like the jumlah labels: emptied past 4096.
local APPLIED, NOTES, nkept = {}, {}, 0

-- The earlier of two rows of the report, in table and row order.
local function first_of(a, b)
  local ta, tb = a.table.index, b.table.index
  if ta ~= tb then return ta < tb and a or b end
  return a.index < b.index and a or b
end

-- The lower-is-better formula in force for a report that declares none,
-- and the note that says so: what the slow path below (policy) makes of
-- the same inputs, kept per --lower-formula, formula the rows settled,
-- its rows, all rows that vote and rows judged with it (the key, an
-- integer, while each count is under 2^20). Every report of a long-form
-- file settles a formula, and most settle one of a few outcomes; none of
-- those depends on anything else (without a declaration there is no
-- place to name). SETTLED[configured][applied][key] = { lower_key,
-- source_id, source_en, count_key, note }. Counted in nkept, emptied
-- with the texts.
local SETTLED = {}
local COUNT_LIMIT = 1 << 20

-- The lower-is-better formula in force (lower_key, lower_source_id and
-- _en, count_key) from the rows' verdict `applied` (n of total votes) and
-- the declaration; emits capaian.policy-mismatch when the report declares
-- one formula and consistently applies another. Returns the note for
-- ndeferred rows judged with it (nil when there are none).
local function policy(ctx, applied, n, total, ndeferred)
  if applied and declared_key and applied ~= declared_key then
    ctx:emit("capaian.policy-mismatch", { file = declared_at.file, line = declared_at.line }, {
      declared = source_name(declared_key), formula = source_name(applied),
      count = n, total = total,
    })
  end
  if nkept >= 4096 then APPLIED, NOTES, SETTLED, nkept = {}, {}, {}, 0 end
  if applied then
    lower_key = applied
    local decl_id, decl_en = "", ""
    if declared_key == applied then
      decl_id = "; sama dengan yang dinyatakan, " .. at(declared_at)
      decl_en = "; as declared, " .. at(declared_at)
      lower_source_id = "diterapkan laporan pada " .. INT[n] .. " dari " .. INT[total] .. " baris yang rumusnya dapat dikenali" .. decl_id
      lower_source_en = "applied by the report in " .. INT[n] .. " of " .. INT[total] .. " rows whose formula can be told" .. decl_en
    else
      local by_total = kept(APPLIED, n)
      local texts = by_total[total]
      if not texts then
        texts = { "diterapkan laporan pada " .. INT[n] .. " dari " .. INT[total] .. " baris yang rumusnya dapat dikenali",
                  "applied by the report in " .. INT[n] .. " of " .. INT[total] .. " rows whose formula can be told" }
        by_total[total], nkept = texts, nkept + 1
      end
      lower_source_id, lower_source_en = texts[1], texts[2]
    end
  elseif declared_key then
    lower_key = declared_key
    lower_source_id = "dinyatakan laporan, " .. at(declared_at)
    lower_source_en = "declared by the report, " .. at(declared_at)
  elseif configured and configured ~= "" then
    lower_key = configured
    lower_source_id, lower_source_en = "dari --lower-formula", "from --lower-formula"
  else
    lower_key = "2t-r"
    lower_source_id, lower_source_en = "rumus bawaan; laporan tidak menyatakan rumus", "default; the report declares none"
  end
  -- counts cannot use the percentage-only formula
  count_key = formula.by_key[lower_key].percent_only
    and ((configured and configured ~= "" and configured ~= "100-r") and configured or "2t-r")
    or lower_key
  -- the report header says which formula judged the lower-is-better rows
  -- and where it came from
  if ndeferred > 0 then
    -- (the Indonesian source names the English one: one key for both)
    local by_rows = kept(kept(kept(NOTES, lower_key), count_key), lower_source_id)
    local note = by_rows[ndeferred]
    if not note then
      local counts_id, counts_en = "", ""
      if count_key ~= lower_key then
        counts_id = "; untuk jumlah: " .. source_name(count_key)
        counts_en = "; for counts: " .. source_name(count_key)
      end
      note = {
        id = "Rumus indikator lebih rendah lebih baik: " .. source_name(lower_key) .. " (" .. lower_source_id .. ")"
             .. counts_id .. "; " .. INT[ndeferred] .. " baris.",
        en = "Formula for lower-is-better indicators: " .. source_name(lower_key) .. " (" .. lower_source_en .. ")"
             .. counts_en .. "; " .. INT[ndeferred] .. " rows.",
      }
      by_rows[ndeferred], nkept = note, nkept + 1
    end
    return note
  end
  return nil
end

-- The lower-is-better formula in force, from the votes and the
-- declaration (policy above; without a declaration, SETTLED's outcome
-- when the same inputs were settled before), the note on it, and
-- capaian.policy when the rows settled a formula other than the one that
-- would otherwise apply. The votes are the engine's (taken.votes) and
-- check_row's (votes).
local function settle_policy(ctx, taken)
  local ndeferred = #deferred + taken.rows
  local best, n, total = nil, 0, 0
  local list = formula.list
  local tv = taken.votes
  if next(votes) == nil then votes = tv              -- (the engine's alone: most reports)
  else
    for key, k in pairs(tv) do votes[key] = (votes[key] or 0) + k end
  end
  for i = 1, #list do
    local f = list[i]
    local v = votes[f.key] or 0
    total = total + v
    if v > n then best, n = f.key, v end
  end
  local applied = best and n >= 2 and n * 2 > total and best or nil
  local note
  if not declared_key and total < COUNT_LIMIT and ndeferred < COUNT_LIMIT then
    local by_applied = kept(kept(SETTLED, configured or false), applied or false)
    local key = (n << 40) | (total << 20) | ndeferred
    local s = by_applied[key]
    if s then
      lower_key, lower_source_id, lower_source_en, count_key, note = s[1], s[2], s[3], s[4], s[5]
    else
      note = policy(ctx, applied, n, total, ndeferred)
      by_applied[key] = { lower_key, lower_source_id, lower_source_en, count_key, note }
      nkept = nkept + 1
    end
  else
    note = policy(ctx, applied, n, total, ndeferred)
  end
  if note then ctx:note("capaian.policy", note) end
  -- when the rows themselves settled a formula other than the one that
  -- would otherwise apply (declared, configured, default), say so once
  -- more as a finding, at the declaration
  if applied and ndeferred > 0 and applied ~= (declared_key or (configured ~= "" and configured) or "2t-r") then
    local first = deferred[1] and deferred[1].row
    if taken.first and not (first and first_of(first, taken.first) == first) then first = taken.first end
    local where = declared_at and { file = declared_at.file, line = declared_at.line }
                  or { file = first.table.file, line = first.line }
    ctx:emit("capaian.policy", where, {
      formula = source_name(lower_key), count_formula = source_name(count_key),
      source_id = lower_source_id, source_en = lower_source_en, rows = ndeferred,
    })
  end
end

local function text_pair(id, en) return { id = id, en = en } end

-- A row the engine took and the formula in force does not reproduce:
-- judged as check_row's deferred rows are.
local function judge_taken(ctx, row)
  local t = row.table
  local plan = plan_for(t)
  local cols = plan.capaian
  local cv, tv, rv, ctext, ttext, rtext, percent, unit, jumlah, arah =
    lakip.row_measure(row, cols.capaian, cols.target, cols.realisasi, plan.arah)
  judge(ctx, t, row, cols, cv, tv, rv, ctext, ttext, rtext, weigh(row, cols.m, arah, percent, unit, jumlah))
end

-- The right rows, declared as data (docs/RULES.md, "Checks declared as
-- data"): a capaian that is realisasi / target × 100 rounded half-up at
-- its written precision, on a row its Arah column calls higher-is-better
-- (or a budget %, always realisasi / pagu), is right, and judge() would
-- only record it (ctx:recomputed, and in the truncation tally whether
-- rounding decided it). The engine checks those rows in C, records them
-- the same way and calls check_row for every other row; finish() adds the
-- rows it passed to the tally (ctx:passed). Plans, group rows and the
-- year-labelled column are the same as plan_for's and check_row's.
--
-- A row its Arah column calls lower-is-better waits for the formula
-- policy (finish): the engine takes it (`deferred`) with every
-- lower-is-better formula tried, as check_measure would defer and vote it,
-- and finish() settles it (ctx:deferred, ctx:settle). count_label is
-- is_count's label test ("^[%d%p%s]*jumlah"); a row whose target or
-- realisasi carries a unit of its own stays with check_row. In a table
-- without an Arah column the row's label stands for it (by_label): begin()
-- gives each label's class, the direction polarity.decide gives the label.
local higher_words, lower_words = {}, {}
for word, dir in pairs(polarity.column_values) do
  local list = dir == "higher" and higher_words or lower_words
  list[#list + 1] = word
end
table.sort(higher_words)
table.sort(lower_words)
local lower_formulas = {}
for _, f in ipairs(formula.list) do
  if f.direction == "lower" then
    lower_formulas[#lower_formulas + 1] = { key = f.key, num = f.num, den = f.den, percent_only = f.percent_only }
  end
end

local row_checks = {}
for _, m in ipairs(measures) do
  local f = formula.by_key.higher
  row_checks[#row_checks + 1] = {
    name = m.budget and "anggaran" or "capaian",
    columns = { target = m.target, realisasi = m.realisasi },
    reported = m.capaian,
    prefer_report_year = true,
    unless_column = m.budget and "pagu_awal" or nil,
    num = f.num, den = f.den, rounding = "half_up", compare = "equal",
    when = not m.budget and { column = "arah", one_of = higher_words } or nil,
    record = { formula = f.key, target = "target", realisasi = "realisasi" },
    count_rounded = true,
    deferred = not m.budget and { when = { column = "arah", one_of = lower_words },
                                  formulas = lower_formulas, count_label = "jumlah" } or nil,
    by_label = not m.budget or nil,
  }
end

return {
  rows = { checks = row_checks, ignore_kinds = { "group" }, skip_other_tables = true },

  rules = {
    {
      id = "capaian.arithmetic", severity = "error",
      fields = { "measure_id", "reported", "computation", "dir_note_id", "measure_en", "dir_note_en", "expected" },
      title = text_pair("Capaian tidak sesuai dengan target dan realisasinya",
                        "Capaian does not follow from its target and realisasi"),
      explanation = text_pair(
        "Persentase capaian dihitung ulang dari target dan realisasi pada baris yang sama dengan rumus yang berlaku (arah indikator; rumus yang dinyatakan laporan untuk indikator lebih rendah lebih baik), dibulatkan setengah ke atas pada jumlah desimal yang tertulis. Tidak satu pun rumus yang dikenal, pembulatan atau pemotongan menghasilkan angka yang dilaporkan: ini salah hitung.",
        "The capaian % is recomputed from the row's target and realisasi with the applicable formula (by the indicator's direction; for lower-is-better indicators the formula the report declares), rounded half-up at the number of decimals written. No known formula, rounding or truncation gives the reported number: it is an arithmetic error."),
      message = text_pair("{measure_id} dilaporkan {reported}, padahal {computation}. Tidak ada rumus yang dikenal yang menghasilkan {reported}.{dir_note_id}",
                          "{measure_en} reported as {reported}, but {computation}. No known formula gives {reported}.{dir_note_en}"),
      fix = text_pair("Hitung ulang dan ganti {reported} dengan {expected}, atau perbaiki target/realisasi bila angka itu yang salah ketik.",
                      "Recompute and replace {reported} with {expected}, or correct the target/realisasi if that is the typo."),
      example = "Tabel REALISASI PERJANJIAN KINERJA (PK), baris 477: Persentase PMKS yang Tertangani, target 50, realisasi 52,62, dilaporkan 101,24%; 52,62 / 50 × 100 = 105,24%.",
    },
    {
      id = "capaian.truncated", severity = "info",
      fields = { "measure_id", "reported", "computation", "dir_note_id", "measure_en", "dir_note_en", "expected" },
      title = text_pair("Capaian dipotong, bukan dibulatkan", "Capaian truncated instead of rounded"),
      explanation = text_pair(
        "Angka yang dilaporkan sama dengan hasil rumus yang benar bila digit berikutnya dibuang, bukan dibulatkan. Selisihnya satu satuan pada digit terakhir; ini bukan salah hitung, tetapi tidak konsisten dengan pembulatan yang lazim.",
        "The reported number equals the right formula's result with the following digits dropped instead of rounded. It is one unit off in the last digit: not an arithmetic error, but inconsistent with normal rounding."),
      message = text_pair("{measure_id} dilaporkan {reported}: dipotong, bukan dibulatkan; {computation}.{dir_note_id}",
                          "{measure_en} reported as {reported}: truncated, not rounded; {computation}.{dir_note_en}"),
      fix = text_pair("Tulis {expected}.", "Write {expected}."),
      example = "Tabel Urusan Pemberdayaan Perempuan dan Perlindungan Anak, baris 587: 49,77 / 65 × 100 = 76,569…% ≈ 76,57%, dilaporkan 76,56%.",
    },
    {
      id = "capaian.truncation-pattern", severity = "info",
      fields = { "count", "lines", "rounded" },
      title = text_pair("Laporan memotong angka secara sistematis", "The report truncates throughout"),
      explanation = text_pair(
        "Bila sebuah berkas memotong nilai di banyak baris (sedikitnya tiga, dan lebih banyak daripada nilai yang dibulatkan ke atas dengan benar), itu kebiasaan penyusunan, bukan kekeliruan satu-satu. Satu temuan ini merangkum baris-barisnya; laporan teks dan HTML tidak lagi mengulang setiap baris, sedangkan JSON tetap memuat temuan per baris (capaian.truncated).",
        "When a file truncates in many rows (at least three, and more than it rounds up correctly), it is a drafting habit rather than one-off slips. This one finding lists the rows; the text and HTML reports no longer repeat each row, while JSON keeps the per-row findings (capaian.truncated)."),
      message = text_pair("Berkas ini memotong nilai alih-alih membulatkannya di {count} baris ({lines}); hanya {rounded} nilai yang dibulatkan ke atas dengan benar.",
                          "This file truncates instead of rounding in {count} rows ({lines}); only {rounded} values are correctly rounded up."),
      fix = text_pair("Bulatkan setengah ke atas di seluruh laporan (mis. =ROUND(x;2) di Excel, bukan =TRUNC).",
                      "Round half-up throughout the report (e.g. =ROUND(x;2) in Excel, not =TRUNC)."),
      example = "Laporan contoh: 15 nilai dipotong dan hanya 4 dibulatkan ke atas (mis. baris 495: 4,99 / 6,50 × 100 = 76,769…% ditulis 76,76%).",
    },
    {
      id = "capaian.direction", severity = "error",
      fields = { "measure_id", "reported", "applied_formula", "rounding_id", "applied_computation", "dir_id", "computation", "measure_en", "rounding_en", "dir_en", "formula", "expected" },
      title = text_pair("Rumus arah yang salah", "Formula of the wrong direction"),
      explanation = text_pair(
        "Angka yang dilaporkan dihasilkan oleh rumus untuk arah yang berlawanan (rumus 'lebih rendah lebih baik' untuk indikator yang makin tinggi makin baik, atau sebaliknya). Arah diambil dari kolom Arah/Polaritas bila ada, selain itu disimpulkan dari nama indikator, dan temuan menyebutkannya.",
        "The reported number comes from the formula for the opposite direction (a lower-is-better formula for a higher-is-better indicator, or the reverse). The direction comes from an Arah/Polaritas column when there is one, else it is inferred from the indicator name, and the finding says which."),
      message = text_pair("{measure_id} {reported} dihitung dengan rumus {applied_formula}{rounding_id}: {applied_computation}. Padahal indikator ini {dir_id}; seharusnya {computation}.",
                          "{measure_en} {reported} was computed with {applied_formula}{rounding_en}: {applied_computation}. But this indicator is {dir_en}; it should be {computation}."),
      fix = text_pair("Pakai rumus {formula}: {expected}. Bila arah indikator memang sebaliknya, nyatakan di kolom Arah.",
                      "Use {formula}: {expected}. If the indicator's direction is the other way, state it in an Arah column."),
    },
    {
      id = "capaian.direction-assumed", severity = "info",
      fields = { "treated_id", "applied_computation", "rounding_id", "dir_id", "treated_en", "rounding_en", "dir_en" },
      title = text_pair("Arah indikator tidak dinyatakan; laporan memperlakukannya sebaliknya",
                        "Direction not stated; the report treats the indicator the other way"),
      explanation = text_pair(
        "Arah indikator ini hanya disimpulkan dari namanya (atau anggapan bawaan), tidak dari kolom Arah, pernyataan laporan atau deret target Renstra. Angka yang dilaporkan sama persis dengan rumus yang dikenal untuk arah sebaliknya, jadi laporan memperlakukan indikator itu demikian. Ini bukan galat; nyatakan arahnya agar pembaca dan pemeriksa tidak perlu menebak.",
        "This indicator's direction is only inferred from its name (or the default), not from an Arah column, a statement of the report or its Renstra target series. The reported number is exactly a recognised formula of the other direction, so the report treats the indicator that way. This is not an error; state the direction so readers and reviewers need not guess."),
      message = text_pair("Arah indikator tidak dinyatakan; laporan memperlakukannya sebagai {treated_id}: {applied_computation}{rounding_id}. Nama indikator saja menunjukkan {dir_id}.",
                          "Direction not stated; the report treats this indicator as {treated_en}: {applied_computation}{rounding_en}. The name alone suggests {dir_en}."),
      fix = text_pair("Nyatakan arah indikator (kolom Arah/Polaritas atau kalimat \"semakin rendah semakin baik\").",
                      "State the indicator's direction (an Arah/Polaritas column or a sentence \"semakin rendah semakin baik\")."),
    },
    {
      id = "capaian.rounded-inputs", severity = "info",
      fields = { "measure_id", "reported", "computation", "target_range", "realisasi_range", "interval", "dir_note_id", "measure_en", "dir_note_en", "expected" },
      title = text_pair("Capaian dihitung dari nilai sebelum pembulatan", "Capaian computed from values before rounding"),
      explanation = text_pair(
        "Target dan realisasi di tabel ditulis dengan jumlah desimal tertentu; nilai sebenarnya berada dalam setengah satuan digit terakhir. Bila capaian yang dilaporkan dapat dicapai dari nilai-nilai dalam rentang itu (dihitung persis dengan aritmetika selang), capaian itu konsisten dengan masukan yang dibulatkan: bukan salah hitung. Bilangan bulat dianggap persis. Bila pembulatan masukan dapat menggeser capaian lebih dari satu poin persen (satu desimal pada nilai kecil), angka yang ditampilkan terlalu kasar untuk memaafkan selisih, dan baris dinilai seperti tertulis.",
        "Target and realisasi are shown at some number of decimals; the values behind them lie within half a unit of the last digit. When the reported capaian is reachable from values within those intervals (computed exactly with interval arithmetic), it is consistent with rounded inputs: not an arithmetic error. Whole numbers are taken as exact. When the inputs' rounding can move the capaian by more than one percentage point (one decimal on small values), the shown values are too coarse to excuse a difference and the row is judged as written."),
      message = text_pair("{measure_id} {reported} tidak sama dengan {computation}, tetapi dapat dicapai dari nilai sebelum pembulatan: target {target_range}, realisasi {realisasi_range} memberi {interval}%.{dir_note_id}",
                          "{measure_en} {reported} differs from {computation}, but is reachable from the values before rounding: target {target_range}, realisasi {realisasi_range} give {interval}%.{dir_note_en}"),
      fix = text_pair("Tulis target dan realisasi dengan desimal yang dipakai untuk menghitung, atau hitung capaian dari angka yang ditampilkan ({expected}).",
                      "Show target and realisasi with the decimals used in the computation, or compute the capaian from the numbers shown ({expected})."),
    },
    {
      id = "capaian.policy", severity = "info",
      fields = { "rows", "formula", "source_id", "count_formula", "source_en" },
      title = text_pair("Rumus yang dipakai untuk indikator lebih rendah lebih baik", "The formula used for lower-is-better indicators"),
      explanation = text_pair(
        "Satu catatan per laporan yang rumusnya untuk indikator lebih rendah lebih baik diketahui dari baris-barisnya sendiri (sedikitnya dua baris yang hanya dijelaskan rumus itu, dan lebih dari separuhnya) dan berbeda dengan rumus yang dinyatakan atau rumus bawaan: rumus itu yang dipakai untuk menilai semua baris tersebut (lihat capaian.policy-mismatch). Rumus yang dinyatakan laporan, --lower-formula atau rumus bawaan disebut dalam setiap temuan yang memakainya. Jumlah (bukan persentase) tidak memakai rumus (100 − realisasi) / (100 − target).",
        "One note per report whose formula for lower-is-better indicators is known from its own rows (at least two rows that only that formula explains, and more than half of them) and differs from the declared or default one: that formula judges all those rows (see capaian.policy-mismatch). A formula declared by the report, --lower-formula or the default is named in every finding that uses it. Counts (not percentages) never use (100 − realisasi) / (100 − target)."),
      message = text_pair("{rows} baris indikator lebih rendah lebih baik dinilai dengan rumus {formula} ({source_id}); untuk jumlah: {count_formula}.",
                          "{rows} lower-is-better rows are judged with {formula} ({source_en}); for counts: {count_formula}."),
    },
    {
      id = "capaian.policy-mismatch", severity = "warning",
      fields = { "declared", "formula", "count", "total" },
      title = text_pair("Rumus yang dinyatakan berbeda dengan yang diterapkan", "Declared formula differs from the one applied"),
      explanation = text_pair(
        "Laporan menyatakan satu rumus untuk indikator lebih rendah lebih baik, tetapi baris-barisnya secara konsisten (sedikitnya dua baris yang hanya dijelaskan rumus itu, dan lebih dari separuhnya) memakai rumus lain. Rumus yang diterapkan dipakai untuk menilai baris-baris; hanya baris yang menyimpang darinya yang menjadi temuan.",
        "The report declares one formula for lower-is-better indicators, but its rows consistently (at least two rows that only that formula explains, and more than half of them) apply another. The applied formula is used to judge the rows; only rows that deviate from it are findings."),
      message = text_pair("Laporan menyatakan rumus {declared}, tetapi menerapkan {formula} pada {count} dari {total} baris yang rumusnya dapat dikenali.",
                          "The report declares {declared} but applies {formula} in {count} of {total} rows whose formula can be told."),
      fix = text_pair("Samakan pernyataan rumus di Bab III dengan rumus yang dipakai.",
                      "Make the formula stated in Bab III the one used."),
    },
    {
      id = "capaian.count-formula", severity = "warning",
      fields = { "measure_id", "reported", "applied_formula", "rounding_id", "applied_computation", "dir_id", "formula", "computation", "measure_en", "rounding_en", "dir_en", "expected" },
      title = text_pair("Rumus khusus persentase dipakai untuk jumlah", "Percentage-only formula applied to a count"),
      explanation = text_pair(
        "Rumus (100 − realisasi) / (100 − target) hanya bermakna bila target dan realisasi adalah persentase yang dibatasi 100. Untuk jumlah (kasus, orang, desa) hasilnya tidak berarti: 14 kasus terhadap target 4 kasus menjadi 89,58%.",
        "The formula (100 − realisasi) / (100 − target) only means something when target and realisasi are percentages bounded by 100. For counts (cases, people, villages) its result is meaningless: 14 cases against a target of 4 becomes 89.58%."),
      message = text_pair("{measure_id} {reported} memakai rumus {applied_formula}{rounding_id}: {applied_computation}. Rumus itu hanya untuk persentase, padahal indikator ini jumlah. Indikator ini {dir_id}; dengan rumus {formula}: {computation}.",
                          "{measure_en} {reported} uses {applied_formula}{rounding_en}: {applied_computation}. That formula is for percentages only, but this indicator is a count. The indicator is {dir_en}; with {formula}: {computation}."),
      fix = text_pair("Hitung capaian jumlah dengan {formula} ({expected}), atau nyatakan indikatornya sebagai persentase.",
                      "Compute the count's capaian with {formula} ({expected}), or state the indicator as a percentage."),
      example = "Tabel Urusan Pemberdayaan Perempuan dan Perlindungan Anak, baris 595: Jumlah Kasus Kekerasan, target 4 kasus, realisasi 14 kasus, dilaporkan 89,58% = (100 − 14) / (100 − 4) × 100.",
    },
    {
      id = "capaian.formula-mismatch", severity = "warning",
      fields = { "formula", "source_id", "measure_id", "reported", "applied_formula", "rounding_id", "applied_computation", "computation", "source_en", "measure_en", "rounding_en" },
      title = text_pair("Rumus berbeda dengan yang dinyatakan laporan", "Formula differs from the one the report declares"),
      explanation = text_pair(
        "Untuk indikator 'lebih rendah lebih baik' ada tiga rumus yang lazim. Laporan menyatakan satu (atau konfigurasi menetapkannya), tetapi baris ini memakai yang lain. Laporan yang mencampur rumus tidak dapat dibandingkan antarbaris.",
        "Three formulas are common for lower-is-better indicators. The report declares one (or the configuration sets it), but this row applies another. A report that mixes formulas cannot be compared row to row."),
      message = text_pair("Rumus yang berlaku {formula} ({source_id}), tetapi {measure_id} {reported} dihitung dengan {applied_formula}{rounding_id}: {applied_computation}. Dengan rumus yang berlaku: {computation}.",
                          "The formula in force is {formula} ({source_en}), but {measure_en} {reported} was computed with {applied_formula}{rounding_en}: {applied_computation}. With the formula in force: {computation}."),
      fix = text_pair("Pakai satu rumus untuk semua indikator lebih rendah lebih baik, dan nyatakan rumusnya.",
                      "Use one formula for all lower-is-better indicators, and state it."),
    },
    {
      id = "capaian.swapped", severity = "error",
      fields = { "measure_id", "reported", "rounding_id", "applied_computation", "computation", "dir_note_id", "measure_en", "rounding_en", "dir_note_en", "expected" },
      title = text_pair("Target dan realisasi tertukar", "Target and realisasi swapped"),
      explanation = text_pair("Angka yang dilaporkan adalah target / realisasi × 100 untuk indikator yang makin tinggi makin baik: pembilang dan penyebut tertukar.",
                              "The reported number is target / realisasi × 100 for a higher-is-better indicator: numerator and denominator are swapped."),
      message = text_pair("{measure_id} {reported} adalah target / realisasi{rounding_id}: {applied_computation}. Target dan realisasi tertukar; seharusnya {computation}.{dir_note_id}",
                          "{measure_en} {reported} is target / realisasi{rounding_en}: {applied_computation}. Target and realisasi are swapped; it should be {computation}.{dir_note_en}"),
      fix = text_pair("Tulis {expected}.", "Write {expected}."),
    },
    {
      id = "capaian.capped", severity = "error",
      fields = { "measure_id", "reported", "computation", "dir_note_id", "measure_en", "dir_note_en", "expected" },
      title = text_pair("Capaian dibatasi 100%", "Capaian capped at 100%"),
      explanation = text_pair("Capaian dilaporkan 100% padahal realisasi melampaui target. Tidak ada aturan pembatasan capaian dalam laporan kinerja instansi; capaian di atas 100% dilaporkan apa adanya (pembatasan 120 pada SKP adalah skor, bukan capaian).",
                              "The capaian is reported as 100% although realisasi exceeds the target. No rule caps an agency report's capaian; values above 100% are reported as they are (the SKP cap of 120 is a score, not a capaian)."),
      message = text_pair("{measure_id} dilaporkan {reported}, padahal {computation}.{dir_note_id}",
                          "{measure_en} reported as {reported}, but {computation}.{dir_note_en}"),
      fix = text_pair("Tulis {expected}.", "Write {expected}."),
      example = "Tabel Urusan Pemberdayaan Perempuan dan Perlindungan Anak, baris 593: peringatan hari ibu, target 100 org, realisasi 150 orang, dilaporkan 100%; 150 / 100 × 100 = 150%.",
    },
    {
      id = "capaian.decimal-shift", severity = "error",
      fields = { "measure_id", "reported", "computation", "shift", "dir_note_id", "measure_en", "dir_note_en", "expected" },
      title = text_pair("Koma desimal bergeser", "Decimal point shifted"),
      explanation = text_pair("Angka yang dilaporkan sama dengan hasil hitung ulang dikali atau dibagi 10 atau 100: koma desimal salah tempat.",
                              "The reported number equals the recomputed value times or divided by 10 or 100: the decimal point is misplaced."),
      message = text_pair("{measure_id} dilaporkan {reported}, padahal {computation}: koma desimal bergeser {shift} tempat.{dir_note_id}",
                          "{measure_en} reported as {reported}, but {computation}: the decimal point is {shift} place(s) off.{dir_note_en}"),
      fix = text_pair("Tulis {expected}.", "Write {expected}."),
    },
    {
      id = "capaian.zero-target", severity = "warning",
      fields = { "measure_id", "reported", "realisasi", "measure_en" },
      title = text_pair("Persentase untuk target nol", "Percentage printed for a zero target"),
      explanation = text_pair("Dengan target 0 tidak ada rumus capaian yang dapat dihitung (pembagian dengan nol). Laporan biasanya menulis 'Tercapai' atau 'n/a'; persentase yang tertulis tidak berasal dari angka baris ini.",
                              "With a target of 0 no capaian formula can be computed (division by zero). Reports usually write 'Tercapai' or 'n/a'; a printed percentage does not come from this row's numbers."),
      message = text_pair("Target 0: {measure_id} tidak dapat dihitung, tetapi tertulis {reported} (realisasi {realisasi}).",
                          "Target 0: {measure_en} cannot be computed, yet {reported} is printed (realisasi {realisasi})."),
      fix = text_pair("Tulis 'Tercapai'/'Tidak tercapai' atau 'n/a', dan jelaskan di narasi.",
                      "Write 'Tercapai'/'Tidak tercapai' or 'n/a', and explain in the narrative."),
    },
  },

  begin = function(ctx, report)
    report_year = report.year
    declared_key, declared_at = formula.declared(report)
    configured = ctx.options.lower_formula
    evidence_report, evidence_options, evidence = report, ctx.options, nil
    -- begin runs once per report (a long-form file is many): nothing of the
    -- report before may leak into this one's findings (a table left empty
    -- by the report before is used again: most are)
    if deferred[1] then deferred = {} end
    if next(votes) ~= nil then votes = {} end
    if next(truncation) ~= nil then truncation = {} end
    lower_key, lower_source_id, lower_source_en, count_key = nil, nil, nil, nil
    -- in a table without an Arah column a row's direction is its label's
    -- (polarity.decide with no column text): one decision per label, and
    -- the engine takes the rows of each label as Arah rows (by_label)
    local classes
    for _, t in report:tables() do
      local plan = not t:col("arah") and plan_for(t)
      if plan and plan.capaian then
        classes = classes or {}
        for _, label in ipairs(t:labels()) do     -- every row's label, in one call
          if label and not classes[label] then
            classes[label] = polarity.decide(evidence_of(), label, nil) == "lower" and "deferred" or "when"
          end
        end
      end
    end
    if classes then ctx:classify("capaian", classes) end
  end,

  check_row = function(ctx, t, row)
    local plan = plan_for(t)
    if #plan == 0 or row.kind == "group" then return end
    for i = 1, #plan do check_measure(ctx, t, row, plan[i], plan.arah) end
  end,

  -- One finding for a file that truncates throughout: at least three
  -- truncated values and more truncated than correctly rounded up.
  finish = function(ctx)
    -- lower-is-better rows the engine took (their Arah column says so):
    -- their votes count, then the formula in force settles them, and the
    -- rows it does not reproduce are judged here with the ones deferred
    -- in check_row, in table and row order
    local taken = ctx:deferred("capaian")
    settle_policy(ctx, taken)
    local left = ctx:settle("capaian", lower_key, count_key)
    local i = 1
    for _, x in ipairs(deferred) do
      while left[i] and first_of(left[i], x.row) == left[i] do
        judge_taken(ctx, left[i])
        i = i + 1
      end
      local d = x.d
      judge(ctx, x.t, x.row, x.cols, d.cv, d.tv, d.rv, d.ctext, d.ttext, d.rtext, d.dir, d.how, d.term, d.where,
            d.counted)
    end
    for k = i, #left do judge_taken(ctx, left[k]) end
    if deferred[1] then deferred = {} end
    if next(truncation) == nil then return end     -- nothing judged truncated or rounded in Lua (most reports)
    -- only a file with at least three truncated rows can get the summary:
    -- the rows the engine passed (ctx:passed) are counted for those files
    -- alone, and a report without any (most, and most of those with a
    -- truncated row or two) asks the engine for nothing
    local files = {}
    for file, tl in pairs(truncation) do
      if #tl.truncated >= 3 then files[#files + 1] = file end
    end
    if #files == 0 then return end
    for ci = 1, #row_checks do
      for file, n in pairs(ctx:passed(row_checks[ci].name)) do
        local tl = truncation[file]
        if tl and #tl.truncated >= 3 then tl.rounded = tl.rounded + n.rounded end
      end
    end
    if #files > 1 then table.sort(files) end       -- a long-form report: one file
    for _, file in ipairs(files) do
      local tl = truncation[file]
      local n = #tl.truncated
      if n >= 3 and n > tl.rounded then
        table.sort(tl.truncated)
        local lines = {}
        for i, line in ipairs(tl.truncated) do lines[i] = tostring(line) end
        ctx:emit("capaian.truncation-pattern", { file = file, line = tl.truncated[1] }, {
          count = n, rounded = tl.rounded, lines = table.concat(lines, ", "),
          summarizes = "capaian.truncated",
        })
      end
    end
  end,
}
