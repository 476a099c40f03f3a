-- rules/angka.lua — numbers that cannot be read, or were mistyped, in the
-- numeric columns of a table. The row is still checked by the other rules
-- for everything else.
local numeric_roles = {
  "target", "realisasi", "capaian", "pagu", "realisasi_anggaran", "capaian_anggaran",
  "kondisi_awal", "kondisi_akhir",
}

-- the columns scanned: the numeric roles and Renstra year columns
local scan_roles = { "tahun" }
for _, role in ipairs(numeric_roles) do scan_roles[#scan_roles + 1] = role end

-- the cells angka judges: of the scanned columns, those the loader found
-- unreadable, mistyped or ambiguous with nothing but the file's convention
-- to settle them (t:summary's invalid, malformed and unsettled)
local flagged = lakip.cell_census{ roles = scan_roles, count = { "invalid", "malformed", "unsettled" } }

local function text_pair(id, en) return { id = id, en = en } end

-- Per table: the numeric columns present, and the first ambiguous value.
local columns_of = setmetatable({}, { __mode = "k" })

local function numeric_columns(t)
  local cols = columns_of[t]
  if cols then return cols end
  cols = {}
  local columns = t:columns()
  for i, c in ipairs(columns) do
    for _, role in ipairs(numeric_roles) do
      if c.role == role or c.role == "tahun" then
        cols[#cols + 1] = { index = i, header = c.header, style = c.style, settled = c.style_basis ~= "file" }
        break
      end
    end
  end
  columns_of[t] = cols
  return cols
end


return {
  rules = {
    {
      id = "angka.invalid", severity = "error",
      fields = { "column", "text", "note" },
      title = text_pair("Angka tidak dapat dibaca", "Number cannot be read"),
      explanation = text_pair("Sel pada kolom angka berisi teks yang tampak seperti angka tetapi tidak dapat dibaca (misalnya dua koma desimal). Sel ini dilewati; pemeriksaan lain pada baris yang sama tetap berjalan.",
                              "A cell of a numeric column holds text that looks numeric but cannot be read (for instance two decimal commas). The cell is skipped; the other checks on the row still run."),
      message = text_pair("Kolom \"{column}\": \"{text}\" tidak dapat dibaca sebagai angka ({note}).",
                          "Column \"{column}\": \"{text}\" cannot be read as a number ({note})."),
      fix = text_pair("Tulis angkanya dengan koma desimal dan titik ribuan, misalnya 1.234,5.",
                      "Write the number with a decimal comma and dot thousands, e.g. 1.234,5."),
    },
    {
      id = "angka.malformed", severity = "warning",
      fields = { "column", "text", "note", "value" },
      title = text_pair("Angka salah ketik", "Mistyped number"),
      explanation = text_pair("Nilai dapat dibaca tetapi salah ketik, misalnya \"100%%\" (tanda persen ganda) atau \"94,%\" (koma tanpa angka desimal). Nilainya tetap dipakai dalam hitung ulang.",
                              "The value can be read but is mistyped, e.g. \"100%%\" (doubled percent sign) or \"94,%\" (comma without decimals). Its value is still used in the recomputation."),
      message = text_pair("Kolom \"{column}\": \"{text}\" salah ketik ({note}); dibaca sebagai {value}.",
                          "Column \"{column}\": \"{text}\" is mistyped ({note}); read as {value}."),
      fix = text_pair("Tulis {value}.", "Write {value}."),
      example = "Tabel Urusan PMD, baris 629: \"100%%\"; baris 637: \"94,%\".",
    },
    {
      id = "angka.ambiguous", severity = "info",
      fields = { "count", "text", "column", "value", "style_id", "style_en" },
      title = text_pair("Angka bermakna ganda", "Ambiguous number"),
      explanation = text_pair("Bentuk seperti \"4.179\" dapat berarti empat ribu seratus tujuh puluh sembilan (titik ribuan) atau empat koma seratus tujuh puluh sembilan (titik desimal). Konvensi ditentukan per kolom dari sel-sel lain di kolom itu (seperti 50,3 atau 1.234.567); bila kolom itu tidak memberi bukti, dari kolom lain di tabel bila semuanya sepakat dengan konvensi berkas. Temuan ini hanya muncul bila keduanya tidak memastikan konvensinya, dan menyebutkan bacaan yang dipakai.",
                              "A form like \"4.179\" can mean four thousand one hundred seventy-nine (dot thousands) or four point one seven nine (decimal point). The convention is decided per column from the column's other cells (such as 50,3 or 1.234.567); when the column gives no evidence, from the table's other columns if they all agree with the file's convention. This finding appears only when neither settles it, and says which reading was used."),
      message = text_pair("{count} nilai pada tabel ini dapat dibaca dua cara, misalnya \"{text}\" (kolom \"{column}\"), dibaca sebagai {value} menurut konvensi {style_id} berkas ini.",
                          "{count} values in this table can be read two ways, e.g. \"{text}\" (column \"{column}\"), read as {value} by this file's {style_en} convention."),
      fix = text_pair("Tidak perlu diubah bila bacaan ini benar; bila tidak, jalankan dengan --number-style.",
                      "Nothing to change if this reading is right; otherwise run with --number-style."),
    },
  },

  check_table = function(ctx, t)
    -- the loader flagged every cell judged here: a table whose numeric
    -- columns hold no unreadable, mistyped or unsettled ambiguous value
    -- (most tables) is not scanned cell by cell
    -- (one C count that stops at the first such cell: t:summary's table
    -- of every count, made for three of them, was most of what the rule
    -- cost a table)
    if lakip.count_cells(t, flagged, 1) == 0 then return end
    local cols = numeric_columns(t)
    if #cols == 0 then return end
    local count, first, first_row, first_col = 0, nil, nil, nil
    for _, row in t:rows() do
      for _, col in ipairs(cols) do
        local c = row:cell(col.index)
        if c.kind == "invalid" then
          ctx:emit("angka.invalid", row, { cell = col.index, column = col.header, text = c.text, note = c.note or "" })
        elseif c.kind == "value" then
          if c.malformed then
            ctx:emit("angka.malformed", row, {
              cell = col.index, column = col.header, text = c.text, note = c.note or "",
              value = c.value:format(col.style) .. (c.percent and "%" or ""),
            })
          end
          -- a column whose style its own cells (or the agreeing table, or
          -- the user) settled reads its ambiguous values without doubt
          if c.ambiguous and not col.settled then
            count = count + 1
            if not first then first, first_row, first_col = c, row, col end
          end
        end
      end
    end
    if first then
      ctx:emit("angka.ambiguous", first_row, {
        count = count, text = first.text, column = first_col.header,
        value = first.value:format(first_col.style, true),
        style_id = first_col.style == "en" and "titik desimal" or "titik ribuan",
        style_en = first_col.style == "en" and "decimal point" or "dot thousands",
      })
    end
  end,
}
