-- rules/rumus.lua — the workbook behind the table: formulas as evidence.
--
-- A workbook keeps what no export does: the formula of every cell (and the
-- same formula in relative R1C1 notation, equal for every row of a column
-- filled down), whether a value was typed or computed, error values, and
-- rows, columns and sheets someone hid. Nothing is recalculated: the cached
-- value is the published one, and the formula is the evidence of how it was
-- made. Error values are also found in CSV exports, where Excel writes them
-- as text.
--
-- A column's pattern is the R1C1 formula most of its data rows share (at
-- least two of them, and more than half of the rows with formulas); group
-- and total rows have formulas of their own and are left out.
-- Spreadsheet error values (Excel and LibreOffice spellings).
local errors = {
  ["#DIV/0!"] = true, ["#N/A"] = true, ["#VALUE!"] = true, ["#REF!"] = true, ["#NAME?"] = true,
  ["#NUM!"] = true, ["#NULL!"] = true, ["#SPILL!"] = true, ["#CALC!"] = true, ["#GETTING_DATA"] = true,
  ["#NV"] = true, ["#NA"] = true,
}

local function is_error(s)
  if errors[s] then return true end
  return string.match(s, "^Err:%d%d%d$") ~= nil     -- LibreOffice: Err:502
end

-- A cell reference in an A1 formula (E7, $D$7, Sheet!A1), not a function name (LOG10().
local function has_reference(formula)
  for _, after in string.gmatch(formula, "%$?%u%u?%u?%$?%d+()(.?)") do
    if after ~= "(" then return true end
  end
  return false
end

-- What differs between a formula and its column's pattern, in R1C1 terms.
local function difference(r1c1, pattern)
  local function count(s, pat) local n = 0 for _ in string.gmatch(s, pat) do n = n + 1 end return n end
  if count(r1c1, "R%d+C%d+") > count(pattern, "R%d+C%d+") or count(r1c1, "C%d+") > count(pattern, "C%d+") then
    return "Rumus ini memakai rujukan mutlak ($), yang tidak ikut bergeser bila rumus disalin ke baris lain.",
           "This formula uses an absolute reference ($), which does not move when the formula is copied to other rows."
  end
  if count(r1c1, "R%[%-?%d+%]") > count(pattern, "R%[%-?%d+%]") then
    return "Rumus ini mengambil nilai dari baris lain.", "This formula takes a value from another row."
  end
  local function cols(s) local t = {} for c in string.gmatch(s, "C%[%-?%d+%]") do t[#t + 1] = c end return table.concat(t, " ") end
  if cols(r1c1) ~= cols(pattern) then
    return "Rumus ini mengambil nilai dari kolom lain (misalnya tahun sebelumnya).", "This formula takes a value from another column (e.g. the previous year)."
  end
  return "", ""
end

local function column_header(t, c)
  local cols = t:columns()
  return cols[c] and cols[c].header or tostring(c)
end

-- Per column: data rows with formulas and rows with typed numbers.
local function survey(t)
  local columns = {}
  for c = 1, t.column_count do columns[c] = { formulas = {}, constants = {}, count = {} } end
  for _, row in t:rows() do
    if row.kind == "data" then
      for c = 1, t.column_count do
        local cell = row:cell(c)
        local col = columns[c]
        if cell and cell.formula then
          col.formulas[#col.formulas + 1] = { row = row, cell = cell }
          col.count[cell.r1c1] = (col.count[cell.r1c1] or 0) + 1
        elseif cell and cell.value_type == "number" then
          col.constants[#col.constants + 1] = { row = row, cell = cell }
        end
      end
    end
  end
  for _, col in ipairs(columns) do
    local best, n = nil, 0
    for r1c1, k in pairs(col.count) do
      if k > n or (k == n and best and r1c1 < best) then best, n = r1c1, k end
    end
    if best and n >= 2 and n * 2 > #col.formulas then col.pattern, col.pattern_count = best, n end
  end
  return columns
end

-- The row following the pattern nearest to `row`, as an example.
local function example(col, row)
  local best
  for _, f in ipairs(col.formulas) do
    if f.cell.r1c1 == col.pattern and (not best or math.abs(f.row.line - row.line) < math.abs(best.row.line - row.line)) then
      best = f
    end
  end
  return best
end

local function check_formulas(ctx, t)
  local columns = survey(t)
  for c, col in ipairs(columns) do
    if col.pattern then
      -- one finding per formula that departs from the pattern, with every row using it
      local variants, order = {}, {}
      for _, f in ipairs(col.formulas) do
        -- a formula without references is rumus.hardcoded's
        if f.cell.r1c1 ~= col.pattern and has_reference(f.cell.formula) then
          local v = variants[f.cell.r1c1]
          if not v then
            v = { first = f, rows = {} }
            variants[f.cell.r1c1] = v
            order[#order + 1] = f.cell.r1c1
          end
          v.rows[#v.rows + 1] = tostring(f.row.line)
        end
      end
      for _, r1c1 in ipairs(order) do
        local v = variants[r1c1]
        local ex = example(col, v.first.row)
        local why_id, why_en = difference(r1c1, col.pattern)
        ctx:emit("rumus.pattern", v.first.row, {
          cell = c, column = column_header(t, c), value = v.first.cell.text,
          count = tostring(#v.rows), at_lines = table.concat(v.rows, ", "),
          r1c1 = r1c1, pattern_r1c1 = col.pattern, pattern = ex.cell.formula,
          example_line = ex.row.line, others = tostring(col.pattern_count),
          why_id = why_id ~= "" and " " .. why_id or "", why_en = why_en ~= "" and " " .. why_en or "",
        })
      end
    end
    -- typed numbers in a column computed by formulas
    if #col.formulas >= 2 and #col.formulas * 2 >= #col.formulas + #col.constants then
      local ref = col.pattern and example(col, col.formulas[1].row) or col.formulas[1]
      for _, k in ipairs(col.constants) do
        ctx:emit("rumus.hardcoded", k.row, {
          cell = c, column = column_header(t, c), value = k.cell.text,
          pattern = ref.cell.formula, example_line = ref.row.line,
          what_id = "diketik sebagai angka", what_en = "is typed in as a number",
        })
      end
    end
    -- formulas without a single cell reference: a number dressed as a formula
    -- (an error such as =NA() is rumus.error's)
    for _, f in ipairs(col.formulas) do
      if not has_reference(f.cell.formula) and f.cell.value_type ~= "error" and #col.formulas >= 2 then
        local ref = col.pattern and example(col, f.row)
        ctx:emit("rumus.hardcoded", f.row, {
          cell = c, column = column_header(t, c), value = f.cell.text,
          pattern = ref and ref.cell.formula or "", example_line = ref and ref.row.line or f.row.line,
          what_id = "berupa rumus tanpa rujukan sel (" .. f.cell.formula .. ")",
          what_en = "is a formula without any cell reference (" .. f.cell.formula .. ")",
        })
      end
    end
  end
end

local function check_hidden(ctx, t)
  local rows, cols, seen_col = {}, {}, {}
  local first_row
  for _, row in t:rows() do
    local has_data = false
    for c = 1, t.column_count do
      local cell = row:cell(c)
      if cell and cell.text ~= "" then
        has_data = true
        if cell.hidden == "column" and not seen_col[c] then
          seen_col[c] = true
          cols[#cols + 1] = column_header(t, c)
        end
      end
    end
    if row.hidden and has_data then
      rows[#rows + 1] = tostring(row.line)
      first_row = first_row or row
    end
  end
  if #rows > 0 then
    ctx:emit("rumus.hidden", first_row, {
      what_id = #rows .. " baris tersembunyi berisi data:", what_en = #rows .. " hidden rows hold data:",
      hidden_lines = " " .. table.concat(rows, ", "), count = tostring(#rows),
    })
  end
  if #cols > 0 then
    ctx:emit("rumus.hidden", t, {
      what_id = "Kolom tersembunyi berisi data: " .. table.concat(cols, ", "),
      what_en = "Hidden columns hold data: " .. table.concat(cols, ", "),
      hidden_lines = "", count = tostring(#cols),
    })
  end
end

return {
  rules = {
    {
      id = "rumus.error", severity = "error",
      fields = { "column", "value", "formula_note_id", "formula_note_en" },
      title = { id = "Nilai galat spreadsheet di tabel", en = "Spreadsheet error value in a table" },
      explanation = {
        id = "Sel berisi nilai galat spreadsheet (#DIV/0!, #N/A, #REF!, ...): rumusnya gagal dihitung, misalnya karena pembagi kosong atau rujukan yang hilang, dan tabel yang diterbitkan tidak memuat angkanya.",
        en = "The cell holds a spreadsheet error value (#DIV/0!, #N/A, #REF!, ...): its formula could not be computed, e.g. a blank divisor or a lost reference, and the published table has no number there.",
      },
      message = { id = "Kolom {column} berisi {value}{formula_note_id}.", en = "Column {column} holds {value}{formula_note_en}." },
      fix = { id = "Perbaiki rumus atau isi data yang dirujuknya, lalu hitung ulang.", en = "Fix the formula or the data it refers to, then recalculate." },
      example = "Kolom % capaian berisi #DIV/0! karena target baris itu kosong.",
    },
    {
      id = "rumus.pattern", severity = "warning",
      fields = { "count", "column", "at_lines", "r1c1", "others", "pattern_r1c1", "pattern", "example_line", "why_id", "why_en" },
      title = { id = "Rumus menyimpang dari pola kolomnya", en = "Formula differs from its column's pattern" },
      explanation = {
        id = "Baris-baris data satu kolom biasanya dihitung dengan rumus yang sama (dalam notasi R1C1 relatif identik). Rumus sel ini berbeda, misalnya merujuk baris lain atau kolom tahun lalu; walaupun nilainya kebetulan benar, rumus itu akan salah begitu datanya berubah.",
        en = "The data rows of a column are usually computed by one formula (identical in relative R1C1 notation). This cell's formula differs, e.g. it refers to another row or to last year's column; even when its value happens to be right, it breaks as soon as the data change.",
      },
      message = {
        id = "{count} baris kolom {column} ({at_lines}) memakai rumus {r1c1}, padahal {others} baris lain memakai {pattern_r1c1} (mis. {pattern} di baris {example_line}).{why_id}",
        en = "{count} rows of column {column} ({at_lines}) use the formula {r1c1}, while {others} other rows use {pattern_r1c1} (e.g. {pattern} on line {example_line}).{why_en}",
      },
      fix = { id = "Salin rumus baris lain ke sel ini (isi ke bawah), lalu periksa nilainya.", en = "Copy the other rows' formula into this cell (fill down), then check the value." },
      example = "Kolom % capaian: =D7/C6*100 di antara =D6/C6*100, =D8/C8*100.",
    },
    {
      id = "rumus.hardcoded", severity = "warning",
      fields = { "value", "column", "what_id", "pattern", "example_line", "what_en" },
      title = { id = "Angka diketik di kolom yang dihitung dengan rumus", en = "Number typed into a column computed by formulas" },
      explanation = {
        id = "Baris lain di kolom ini dihitung dengan rumus, tetapi nilai di sel ini diketik langsung (atau rumusnya tidak merujuk sel mana pun). Angka yang diketik tidak ikut berubah ketika target atau realisasi diperbaiki, dan sering kali itulah asal capaian yang salah.",
        en = "The other rows of this column are computed by formulas, but this cell's value is typed in (or its formula refers to no cell). A typed number does not follow when target or realisasi are corrected, and it is often where a wrong capaian comes from.",
      },
      message = {
        id = "Nilai {value} di kolom {column} {what_id}, padahal baris lain dihitung dengan rumus (mis. {pattern} di baris {example_line}).",
        en = "The value {value} in column {column} {what_en}, while the other rows are computed by formulas (e.g. {pattern} on line {example_line}).",
      },
      fix = { id = "Ganti angka itu dengan rumus kolomnya.", en = "Replace the number with the column's formula." },
      example = "Tabel PK: capaian 101,24% diketik, padahal baris lain =D7/C7.",
    },
    {
      id = "rumus.unread", severity = "info",
      fields = { "sheet", "count" },
      title = { id = "Rumus lembar kerja tidak terbaca", en = "Formulas of a sheet not read" },
      explanation = {
        id = "Buku kerja .xls menyimpan rumus dalam bentuk terurai; rumus yang memakai nama (defined name), fungsi tambahan atau konstanta larik tidak dapat ditulis kembali. Nilai tersimpan tetap diperiksa seperti biasa, tetapi rumus lembar itu tidak dipakai sebagai bukti (pola kolom, angka yang diketik), supaya rumus yang tidak terbaca tidak dikira angka yang diketik.",
        en = "An .xls workbook stores formulas in parsed form; formulas using a defined name, an add-in function or an array constant cannot be written back. The stored values are still checked as usual, but that sheet's formulas are not used as evidence (column patterns, typed numbers), so an unread formula is never taken for a typed number.",
      },
      message = {
        id = "Lembar \"{sheet}\": {count} rumus tidak dapat dibaca; rumus lembar ini tidak diperiksa (nilainya tetap diperiksa).",
        en = "Sheet \"{sheet}\": {count} formulas could not be read; this sheet's formulas were not checked (its values were).",
      },
      fix = { id = "Simpan buku kerja sebagai .xlsx agar rumusnya terbaca, lalu audit lagi.", en = "Save the workbook as .xlsx so its formulas can be read, and audit again." },
      example = "Lembar \"PK 2019\": 1 rumus tidak dapat dibaca.",
    },
    {
      id = "rumus.hidden", severity = "info",
      fields = { "what_id", "hidden_lines", "what_en" },
      title = { id = "Data tersembunyi di buku kerja", en = "Hidden data in the workbook" },
      explanation = {
        id = "Baris, kolom atau lembar yang disembunyikan tetap berisi data. Data itu tidak tampak di tabel yang dicetak, tetapi bisa dirujuk rumus atau memuat angka lama; pastikan memang tidak perlu diterbitkan.",
        en = "Hidden rows, columns or sheets still hold data. It does not show in the printed table but formulas may refer to it, or it may hold old numbers; make sure it is not meant to be published.",
      },
      message = { id = "{what_id}{hidden_lines}.", en = "{what_en}{hidden_lines}." },
      fix = { id = "Tampilkan dan periksa data itu; hapus bila tidak dipakai.", en = "Unhide and check the data; delete it when unused." },
      example = "Lembar \"PK 2018\" disembunyikan dan berisi 40 sel data.",
    },
  },

  -- (check_table reads only a workbook's tables, whose cells have notes:
  -- not called for another; finish reads only the report's notes)
  needs = { check_table = { has_notes = true }, finish = { notes = 1 } },

  check_table = function(ctx, t)
    if not t.has_notes then return end
    check_formulas(ctx, t)
    check_hidden(ctx, t)
  end,

  -- check_row acts only on a row with a cell starting like an error
  -- value ("#DIV/0!", "Err:502"): the engine tests that in C (docs/RULES.md)
  rows = { only = { { text_starts = { "#", "E" } } } },

  check_row = function(ctx, t, row)
    for c = 1, t.column_count do
      local s = row:text(c)
      if s and #s >= 3 and (string.byte(s, 1) == 35 or string.byte(s, 1) == 69) then   -- '#' or 'E'
        local v = string.match(s, "^%s*(.-)%s*$")
        if is_error(v) then
          local cell = row:cell(c)
          local f = cell and cell.formula
          ctx:emit("rumus.error", row, {
            cell = c, column = column_header(t, c), value = v,
            formula_note_id = f and (" (rumus " .. f .. ")") or "",
            formula_note_en = f and (" (formula " .. f .. ")") or "",
          })
        end
      end
    end
  end,

  finish = function(ctx, report)
    -- (counted in C first: most reports have no note, and the list of
    -- them was made for every report)
    if lakip.note_count(report) == 0 then return end
    for _, n in ipairs(report:notes()) do
      if n.kind == "formula-unread" then
        ctx:emit("rumus.unread", { file = n.file, line = n.line }, { sheet = n.text, count = n.detail })
      end
      if n.kind == "hidden-sheet" then
        ctx:emit("rumus.hidden", { file = n.file, line = n.line }, {
          what_id = "Lembar \"" .. n.text .. "\" disembunyikan dan berisi " .. n.detail .. " sel data",
          what_en = "Sheet \"" .. n.text .. "\" is hidden and holds " .. n.detail .. " cells of data",
          hidden_lines = "", count = n.detail,
        })
      end
    end
  end,
}
