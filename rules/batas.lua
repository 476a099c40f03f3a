-- rules/batas.lua — targets and realisasi that are not plain numbers.
--
-- A target may be a bound ("<49", "≤ 10", "maks. 5", "minimal 80%"), a
-- range ("46–50", "80 - 90%"), a grade ("WTP", "BB", "Level 3",
-- "Tercapai"), a ratio ("1:20") or a rate with its base ("8,5 per 1.000
-- KH"); a realisasi may be missing ("n/a", "-", "belum ada data"). Each
-- cell is read into a typed value (row:value, model/value.c) and the row is
-- checked as far as it can be: a bound or range is met or not, a grade is
-- compared on its scale, a ratio as a ratio, two rates only on the same
-- base. What the report says about it — a capaian of 100% or more, or
-- "Tercapai" in the capaian, kategori or keterangan column — must agree.
-- Rows that cannot be judged are counted per table and named
-- (batas.not-checkable), never skipped in silence. Rows whose target and
-- realisasi are both plain numbers are rules/capaian.lua's.
local text = lib.text
local ind = lib.indikator

local function text_pair(id, en) return { id = id, en = en } end

local function compare(r, op, limit)
  if op == "<" then return r < limit end
  if op == "<=" then return r <= limit end
  if op == ">" then return r > limit end
  return r >= limit
end

-- The report's own verdict on the row: true (achieved), false, or nil.
local function claim(row, t)
  for _, role in ipairs({ "kategori", "keterangan", "capaian" }) do
    if t:col(role) then
      local v = row:value(role)
      if v.type == "grade" and v.scale == "status" then return v.word == "tercapai", v.text end
    end
  end
  if t:col("capaian") then
    local v = row:value("capaian")
    if v.type == "number" then return v.value >= 100, "capaian " .. v.text end
  end
  return nil
end

-- Whether realisasi r meets target tg; nil when the two cannot be compared.
local function meets(tg, r)
  if tg.type == "bound" and r.type == "number" then
    return compare(r.value, tg.op, tg.limit.value)
  elseif tg.type == "range" and r.type == "number" then
    return r.value >= tg.low.value and r.value <= tg.high.value
  elseif tg.type == "grade" and r.type == "grade" and tg.scale == r.scale then
    return r.rank >= tg.rank
  elseif tg.type == "grade" and tg.scale == "level" and r.type == "number"
         and r.value:scale() == 0 and (r.unit == "" or r.unit == "*") then
    -- "Level 3" against "3*": the level written as a number
    return r.value >= tg.rank
  end
  return nil
end

-- A ratio's size as one exact quotient pair: "1:17,9" -> 17,9 / 1.
local function ratio_parts(v) return v.second, v.first end

-- Whether the reported capaian follows from two ratios, either way round.
local function ratio_capaian(tg, r, cv)
  local tn, td = ratio_parts(tg)
  local rn, rd = ratio_parts(r)
  if td:is_zero() or rd:is_zero() or tn:is_zero() or rn:is_zero() then return nil end
  -- (r / t) and (t / r) of the quotients, × 100
  local num1, den1 = rn * td * 100, rd * tn
  local num2, den2 = tn * rd * 100, td * rn
  local a = num1:div(den1, cv:scale(), "half_up")
  local b = num2:div(den2, cv:scale(), "half_up")
  return a == cv or b == cv, a, b
end

local function plain(v) return v.type == "number" or v.type == "empty" end

return {
  rules = {
    {
      id = "batas.not-met", severity = "error",
      fields = { "target", "realisasi", "claimed" },
      title = text_pair("Target batas/rentang/predikat tidak terpenuhi, padahal dilaporkan tercapai",
                        "Bound, range or grade target not met, yet reported as achieved"),
      explanation = text_pair("Targetnya berupa batas (\"<49\", \"maks. 5\"), rentang (\"46–50\") atau predikat (\"WTP\", \"BB\", \"Level 3\"). Realisasi yang tertulis tidak memenuhinya, tetapi laporan menulis capaian 100% atau lebih, atau \"Tercapai\".",
                              "The target is a bound (\"<49\", \"maks. 5\"), a range (\"46–50\") or a grade (\"WTP\", \"BB\", \"Level 3\"). The realisasi written does not meet it, yet the report writes a capaian of 100% or more, or \"Tercapai\"."),
      message = text_pair("Target \"{target}\", realisasi \"{realisasi}\": tidak terpenuhi, tetapi dilaporkan \"{claimed}\".",
                          "Target \"{target}\", realisasi \"{realisasi}\": not met, yet reported as \"{claimed}\"."),
      fix = text_pair("Periksa realisasinya; bila benar, tulis capaian dan kategorinya sebagai tidak tercapai.",
                      "Check the realisasi; if it is right, report the row as not achieved."),
    },
    {
      id = "batas.met-understated", severity = "warning",
      fields = { "target", "realisasi", "claimed" },
      title = text_pair("Target batas/rentang/predikat terpenuhi, tetapi dilaporkan tidak tercapai",
                        "Bound, range or grade target met, yet reported as not achieved"),
      explanation = text_pair("Realisasi memenuhi target berupa batas, rentang atau predikat, tetapi laporan menulis capaian di bawah 100% atau \"Tidak Tercapai\".",
                              "The realisasi meets a bound, range or grade target, yet the report writes a capaian below 100% or \"Tidak Tercapai\"."),
      message = text_pair("Target \"{target}\", realisasi \"{realisasi}\": terpenuhi, tetapi dilaporkan \"{claimed}\".",
                          "Target \"{target}\", realisasi \"{realisasi}\": met, yet reported as \"{claimed}\"."),
      fix = text_pair("Tulis capaiannya sebagai tercapai, atau jelaskan rumus yang dipakai.",
                      "Report it as achieved, or explain the formula used."),
    },
    {
      id = "batas.ratio", severity = "error",
      fields = { "target", "realisasi", "reported", "a", "b" },
      title = text_pair("Capaian rasio tidak sesuai", "Ratio capaian does not follow"),
      explanation = text_pair("Target dan realisasi berupa rasio (\"1:20\", \"1:17,9\"). Capaian dihitung dari kedua rasio sebagai bilangan, ke dua arah (realisasi/target dan target/realisasi); tidak ada yang menghasilkan nilai yang dilaporkan.",
                              "Target and realisasi are ratios (\"1:20\", \"1:17,9\"). The capaian was computed from the two ratios as numbers, both ways round (realisasi/target and target/realisasi); neither gives the reported value."),
      message = text_pair("Target {target}, realisasi {realisasi}: capaian dilaporkan {reported}, padahal rasio memberi {a}% atau {b}%.",
                          "Target {target}, realisasi {realisasi}: capaian reported as {reported}, but the ratios give {a}% or {b}%."),
      fix = text_pair("Hitung ulang capaian dari rasio.", "Recompute the capaian from the ratios."),
    },
    {
      id = "batas.rate-base", severity = "error",
      fields = { "target", "realisasi", "target_base", "realisasi_base" },
      title = text_pair("Target dan realisasi pada basis berbeda", "Target and realisasi on different bases"),
      explanation = text_pair("Target dan realisasi berupa angka per basis (\"per 1.000 KH\", \"/100.000 penduduk\"), tetapi basisnya berbeda: membandingkan angkanya langsung keliru.",
                              "Target and realisasi are rates with a base (\"per 1.000 KH\", \"/100.000 penduduk\"), but the bases differ: comparing the numbers directly is wrong."),
      message = text_pair("Target \"{target}\" dan realisasi \"{realisasi}\" memakai basis berbeda ({target_base} dan {realisasi_base}).",
                          "Target \"{target}\" and realisasi \"{realisasi}\" use different bases ({target_base} and {realisasi_base})."),
      fix = text_pair("Nyatakan keduanya pada basis yang sama sebelum menghitung capaian.",
                      "State both on the same base before computing the capaian."),
    },
    {
      id = "batas.not-checkable", severity = "info",
      fields = { "count", "rows" },
      title = text_pair("Baris yang tidak dapat diperiksa", "Rows that cannot be checked"),
      explanation = text_pair("Target atau realisasi baris ini kosong-bermakna (\"n/a\", \"-\", \"belum ada data\"), berupa teks, atau berupa nilai yang tidak dapat dibandingkan (predikat pada skala berbeda, rasio tanpa capaian). Baris ini dihitung sebagai tidak dapat diperiksa, bukan sebagai bersih.",
                              "The target or realisasi of these rows says there is no value (\"n/a\", \"-\", \"belum ada data\"), is text, or cannot be compared (grades on different scales, a ratio without a capaian). They are counted as not checkable, not as clean."),
      message = text_pair("{count} baris tidak dapat diperiksa: baris {rows}.", "{count} rows cannot be checked: lines {rows}."),
      fix = text_pair("Lengkapi data atau jelaskan di narasi mengapa tidak tersedia.",
                      "Complete the data or explain in the narrative why it is not available."),
    },
  },

  check_table = function(ctx, t)
    -- the realisasi: its column, else (a quarterly or monthly table) the
    -- Jumlah or the last period with a value in the row
    -- (t:col's answers, lib.indikator.roles: without a call per role)
    local roles = ind.roles(t)
    if not roles.target then return end
    -- only a data row with a value that is not a plain number is judged
    -- here: a table whose target and realisasi cells all read as numbers
    -- or nothing (most tables) is not scanned row by row
    -- (one census over the target and realisasi columns: it reads only
    -- numbers and blanks exactly when each of them does)
    -- (lakip.plain_numbers: t:value_types's number + empty == cells,
    -- without its table of counts, and false at the first other cell)
    local real_cols
    if roles.realisasi then
      -- (asked before the list is made: most tables have a realisasi
      -- column and only plain numbers)
      if lakip.plain_numbers(t, "data", roles.target, roles.realisasi) then return end
      real_cols = { roles.realisasi }
    else
      real_cols = {}
      local cols = t:columns()
      for i, c in ipairs(cols) do if c.role == "jumlah" then real_cols[#real_cols + 1] = i end end
      for i = #cols, 1, -1 do if cols[i].role == "periode" then real_cols[#real_cols + 1] = i end end
      if #real_cols == 0 then return end
      if lakip.plain_numbers(t, "data", roles.target, table.unpack(real_cols)) then return end
    end
    local function realisasi(row)
      for _, c in ipairs(real_cols) do
        local v = row:value(c)
        if v.type ~= "empty" then return v end
      end
      return row:value(real_cols[1])
    end
    local unchecked = {}
    local function skip(row, why)
      -- counted once: a capaian with its target and realisasi columns is
      -- counted by rules/capaian.lua
      local capaian_counts = t:col("capaian") and t:col("realisasi") and row:cell("capaian").kind == "value"
      if not capaian_counts then ctx:not_checkable(row) end
      if #unchecked < 100 then unchecked[#unchecked + 1] = string.format("%d (%s)", row.line, why) end
    end
    for _, row in t:rows() do
      if row.kind == "data" then
        local tg, r = row:value("target"), realisasi(row)
        if not (plain(tg) and plain(r)) and not (tg.type == "empty" or r.type == "empty") then
          local fields = { target = tg.text, realisasi = r.text }
          if tg.type == "missing" or r.type == "missing" then
            skip(row, (tg.type == "missing" and tg or r).text)
          elseif tg.type == "ratio" and r.type == "ratio" then
            local cv = t:col("capaian") and row:num("capaian")
            if cv then
              local ok, a, b = ratio_capaian(tg, r, cv)
              if ok ~= nil then ctx:recomputed(row) end
              if ok == false then
                fields.reported = text.pct(cv, t.style)
                fields.a, fields.b = text.num(a, t.style), text.num(b, t.style)
                fields.cell = "capaian"
                ctx:emit("batas.ratio", row, fields)
              elseif ok == nil then
                skip(row, "rasio nol")
              end
            else
              skip(row, "rasio tanpa capaian")
            end
          elseif tg.type == "rate" and r.type == "rate" then
            ctx:recomputed(row)
            if tg.base ~= r.base then
              fields.target_base = "per " .. text.num(tg.base, t.style) .. (tg.base_unit ~= "" and (" " .. tg.base_unit) or "")
              fields.realisasi_base = "per " .. text.num(r.base, t.style) .. (r.base_unit ~= "" and (" " .. r.base_unit) or "")
              ctx:emit("batas.rate-base", row, fields)
            end
          else
            local met = meets(tg, r)
            if met ~= nil then ctx:recomputed(row) end        -- counted as checked (coverage)
            local said, said_text = claim(row, t)
            if met == nil then
              -- an unreadable number is angka.invalid's finding already
              if tg.type ~= "invalid" and r.type ~= "invalid" then
                skip(row, tg.type ~= "number" and tg.text or r.text)
              end
            elseif said ~= nil and said ~= met then
              fields.claimed = said_text
              ctx:emit(met and "batas.met-understated" or "batas.not-met", row, fields)
            end
          end
        end
      end
    end
    if #unchecked > 0 then
      ctx:emit("batas.not-checkable", t, { count = #unchecked, rows = table.concat(unchecked, ", ") })
    end
  end,
}
