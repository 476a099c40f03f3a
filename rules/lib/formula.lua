-- rules/lib/formula.lua — the capaian formulas in real use, as data, and
-- the one the report declares.
--
-- Every formula is a single exact division numerator / denominator, so a
-- value can be rounded or truncated at any precision without error. `num`
-- and `den` write parts() as expressions over target and realisasi for a
-- check declared as data (docs/RULES.md), evaluated by the engine in C.
-- `shown` is how a message writes the formula with the row's numbers,
-- {target} and {realisasi} standing for them as the table writes them;
-- show() writes it in Lua, lakip.diagnose (rules/capaian.lua) in C, so
-- the two cannot differ.
--   higher  realisasi / target × 100                (higher is better)
--   100-r   (100 − realisasi) / (100 − target) × 100 (lower is better; only
--           meaningful for percentages bounded by 100; the seed declares it)
--   2t-r    (2 × target − realisasi) / target × 100 (lower is better; the
--           most common)
--   t/r     target / realisasi × 100                (lower is better)
local M = {}

local function fmt(d, style) return lib.text.num(d, style) end

-- show(t, r, style) for a shown text: each placeholder replaced by its
-- number (a function replacement: the numbers are used as they are).
local function show_of(shown)
  return function(t, r, s)
    return (string.gsub(shown, "{(%a+)}", function(k) return fmt(k == "target" and t or r, s) end))
  end
end

M.list = {
  {
    key = "higher", direction = "higher",
    parts = function(t, r) return r * 100, t end,
    num = "realisasi * 100", den = "target",
    name = { id = "realisasi / target × 100", en = "realisasi / target × 100" },
    shown = "{realisasi} / {target} × 100",
  },
  {
    key = "100-r", direction = "lower", percent_only = true,
    parts = function(t, r) return (100 - r) * 100, 100 - t end,
    num = "(100 - realisasi) * 100", den = "100 - target",
    name = { id = "(100 − realisasi) / (100 − target) × 100", en = "(100 − realisasi) / (100 − target) × 100" },
    shown = "(100 − {realisasi}) / (100 − {target}) × 100",
  },
  {
    key = "2t-r", direction = "lower",
    parts = function(t, r) return (t * 2 - r) * 100, t end,
    num = "(target * 2 - realisasi) * 100", den = "target",
    name = { id = "(2 × target − realisasi) / target × 100", en = "(2 × target − realisasi) / target × 100" },
    shown = "(2 × {target} − {realisasi}) / {target} × 100",
  },
  {
    key = "t/r", direction = "lower",
    parts = function(t, r) return t * 100, r end,
    num = "target * 100", den = "realisasi",
    name = { id = "target / realisasi × 100", en = "target / realisasi × 100" },
    shown = "{target} / {realisasi} × 100",
  },
}

M.by_key = {}
for _, f in ipairs(M.list) do
  f.show = show_of(f.shown)
  M.by_key[f.key] = f
end

-- The list with target / realisasi first (capaian's order of diagnosis for
-- higher-is-better rows).
M.swapped_first = { M.by_key["t/r"] }
for _, f in ipairs(M.list) do
  if f.key ~= "t/r" then M.swapped_first[#M.swapped_first + 1] = f end
end

-- value(f, t, r, scale, mode) -> decimal, or nil when the denominator is 0.
function M.value(f, t, r, scale, mode)
  local num, den = f.parts(t, r)
  if den:is_zero() then return nil end
  return num:div(den, scale, mode)
end

-- The formulas a report declares, in words or symbols, LaTeX from the PDF
-- conversion or plain text: "Realisasi/Rencana", "\frac{100 -
-- Realisasi}{100 - Rencana}", "(2T−R)/T", "Rencana − (Realisasi −
-- Rencana)", "T/R". A paragraph is reduced to a skeleton first: target and
-- rencana become T, realisasi R (whole words, also the letters t and r
-- alone), \frac{a}{b} becomes a/b, the multiplication sign x, and
-- spaces, brackets and braces go. The skeleton patterns, most specific
-- first (only lower-is-better formulas: realisasi / target is the one
-- higher-is-better formula).
local declarations = {
  { key = "100-r", pattern = "100-R/100-T" },
  { key = "100-r", pattern = "100-R:100-T" },
  { key = "2t-r", pattern = "2xT-R" },
  { key = "2t-r", pattern = "2T-R" },
  { key = "2t-r", pattern = "T-R-T" },
  { key = "2t-r", pattern = "T+T-R" },
  { key = "t/r", pattern = "T/R" },
  { key = "t/r", pattern = "T:R" },
}

local SKELETON_WORDS = { target = "T", rencana = "T", realisasi = "R", t = "T", r = "R" }

-- skeleton(text) -> the paragraph reduced as above.
local function skeleton(text)
  local s = string.lower(text)
  -- each replacement needs its literal text: looked for plainly first, as
  -- most paragraphs have none of them (a pattern is tried at every byte)
  if string.find(s, "\u{2212}", 1, true) then s = string.gsub(s, "\u{2212}", "-") end   -- minus sign
  if string.find(s, "\u{2013}", 1, true) then s = string.gsub(s, "\u{2013}", "-") end   -- en dash
  if string.find(s, "\u{00D7}", 1, true) then s = string.gsub(s, "\u{00D7}", "x") end   -- multiplication sign
  if string.find(s, "*", 1, true) then s = string.gsub(s, "%*", "x") end
  if string.find(s, "\\", 1, true) then
    s = string.gsub(s, "\\text", "")
    s = string.gsub(s, "\\mathrm", "")
    s = string.gsub(s, "\\times", "x")
  end
  if string.find(s, "frac", 1, true) then s = string.gsub(s, "\\d?frac%s*(%b{})%s*(%b{})", "(%1)/(%2)") end
  -- each whole word target, rencana, realisasi, t, r (a run of letters:
  -- what "%f[%a]word%f[%A]" finds) in one pass; a replacement is an
  -- upper-case letter, which none of the words is, so one pass gives what
  -- a pass per word gave
  s = string.gsub(s, "%a+", SKELETON_WORDS)
  return (string.gsub(s, "[%s%(%)%[%]{}\\]", ""))
end
M.skeleton = skeleton

-- As term sets (lakip.terms), the same in every file's instance of this
-- module: made once per engine, kept in `shared`.
local signs = shared.signs or { formula = lakip.terms({ "=", "rumus" }), times = lakip.terms({ "x", "*", "\u{00D7}" }) }
shared.signs = signs
local FORMULA_SIGNS, TIMES_SIGNS = signs.formula, signs.times

-- declares(text) -> the key of the lower-is-better formula a paragraph
-- declares, or nil. Several rule files ask it of every paragraph: what it
-- answers is kept in `shared` (one store per engine for every file's
-- instance: sandbox.c), which is sound because the answer depends on the
-- text alone (and on this file's declarations and skeleton as loaded — a
-- rule that replaces M.skeleton does not change it). A second argument
-- (the text lower-cased, which callers passed once) is not used: the text
-- is lowered here, string.lower remembering paragraphs.
local store = shared.declares or { cache = {}, cached = 0 }
shared.declares = store

local function declares(t)
  local l = string.lower(t)
  -- a formula, not prose that mentions "target/realisasi": "=", "x100" in
  -- the skeleton (so an "x", "*" or "×" and a 1 and a 0 in the text), or
  -- the word rumus; looked for first, as plain text, since most
  -- paragraphs have none
  if not (lakip.find_any(l, FORMULA_SIGNS)
          or (lakip.find_any(l, TIMES_SIGNS) and string.find(l, "1", 1, true) and string.find(l, "0", 1, true))) then
    return nil
  end
  if not (string.find(l, "realisasi", 1, true) or string.find(l, "%f[%a][tr]%f[%A]")) then
    return nil
  end
  local s = skeleton(t)
  local formulaic = string.find(s, "=", 1, true) or string.find(s, "x100", 1, true)
                    or string.find(l, "rumus", 1, true)
  if not formulaic then return nil end
  for _, d in ipairs(declarations) do
    if string.find(s, d.pattern, 1, true) then return d.key end
  end
  return nil
end

local function remembered(t)
  local hit = store.cache[t]
  if hit ~= nil then return hit or nil end
  local key = declares(t)
  if store.cached >= 4096 then store.cache, store.cached = {}, 0 end
  store.cache[t], store.cached = key or false, store.cached + 1
  return key
end
M.declares = remembered

-- What declares() looks for before anything else (FORMULA_SIGNS,
-- TIMES_SIGNS): a paragraph without one of these, lower-cased, declares
-- nothing.
local DECLARATION_MARKS = { "=", "rumus", "x", "*", "\u{00D7}" }

-- The lower-is-better formula the report declares: key, paragraph (a
-- copy of report:paragraphs()'s: file, line, text, heading, index); or nil. Only the paragraphs that hold one
-- of DECLARATION_MARKS are asked (lakip.marked_paragraphs passes over the
-- others in C), unless a rule has replaced M.declares.
function M.declared(report)
  if M.declares == remembered then
    local list = lakip.marked_paragraphs(report, DECLARATION_MARKS)
    for i = 1, list and #list or 0 do
      local p = list[i]
      local key = remembered(p.text)
      if key then return key, p end
    end
    return nil
  end
  for _, p in report:paragraphs() do
    local key = M.declares(p.text)
    if key then return key, p end
  end
  return nil
end

-- The exact value as a string: terminating decimals in full (up to
-- `scale` + 3 digits), others cut with "…": "7,5", "66,666…".
function M.exact_text(num, den, scale, style)
  -- worked out in C with the same decimal steps (lakip.exact_text: every
  -- wrong capaian's message has one); nil when a step fails, and then
  -- the decimals below do it as before (and raise where they raised)
  local text = lakip.exact_text(num, den, scale, style)
  if text then return text end
  -- a value exact at some precision is exact at every finer one: when it
  -- is not at scale + 3 it is at none, and the search is skipped
  local cut = num:div(den, scale + 3, "truncate")
  if cut * den ~= num then return lib.text.num(cut, style) .. "…" end
  for s = 0, scale + 3 do
    local v = num:div(den, s, "truncate")
    if v * den == num then return lib.text.num(v, style) end
  end
end

-- computation(f, t, r, scale, style) -> "16 / 50 × 100 = 32%", or with
-- the value judged at the written precision when the exact value differs:
-- "2 / 3 × 100 = 66,666…% ≈ 67%". nil when the denominator is 0.
function M.computation(f, t, r, scale, style)
  local num, den = f.parts(t, r)
  if den:is_zero() then return nil end
  local rounded = num:div(den, scale, "half_up")
  local s = f.show(t, r, style) .. " = "
  if rounded * den == num then return s .. lib.text.pct(rounded, style) end
  return s .. M.exact_text(num, den, scale, style) .. "% ≈ " .. lib.text.pct(rounded, style)
end

return M
