-- rules/pk.lua — every indicator the agency agreed in its Perjanjian
-- Kinerja (PK) must be measured in the report. The PK table lists the
-- year's indicators and targets; Bab III reports their realisasi (the
-- "pengukuran kinerja" / capaian tables). An agreed indicator that no
-- table gives a realisasi for is one the report passes over in silence,
-- and a reviewer reading only the capaian tables cannot see it is missing.
--
-- Names are matched with lib.indikator.same_loose (documented there):
-- the exact key first, then the same words in any order with "%" read as
-- "persentase" and a few unambiguous abbreviations spelled out. Nothing
-- fuzzy: a PK name worded differently elsewhere ("Jumlah kasus" against
-- "Persentase kasus") is reported, and the message says which names came
-- closest, so the reviewer can see whether it is a rewording.
local ind = lib.indikator

local function text_pair(id, en) return { id = id, en = en } end

-- A PK table: caption or titles say Perjanjian Kinerja / PK, an indicator
-- and a target column, no realisasi of the report year, and no other year
-- named in its caption.
local function pk_targets(t, year)
  if not ind.roles(t).indikator then return nil end    -- (t:col's answer, shared by the families)
  -- the columns first: most tables measure (a realisasi), and reading
  -- them is cheaper than reading the caption and titles
  local cols = ind.value_columns(t, year)
  if not cols.target or cols.realisasi then return nil end
  if ind.table_kind(t) ~= "pk" or ind.other_year(t, year) then return nil end
  return cols
end

-- The label a reviewer recognises: the indicator cell without numbering.
local function label_of(row, col)
  local s = row:text(col) or ""
  s = string.gsub(s, "^%s*%d+[%.%)]?%s*", "")
  return (string.gsub(s, "%s+$", ""))
end

-- Words two names share, for "closest name" hints.
local function shared_words(a, b)
  local set, n = {}, 0
  for w in string.gmatch(a, "%S+") do set[w] = true end
  for w in string.gmatch(b, "%S+") do
    if set[w] then n = n + 1; set[w] = nil end
  end
  return n
end

return {
  rules = {
    {
      id = "pk.unreported", severity = "warning",
      fields = { "what_id", "what_en", "status_id", "status_en", "closest_id", "closest_en", "target", "reported" },
      title = text_pair("Indikator Perjanjian Kinerja tanpa realisasi di laporan",
                        "A Perjanjian Kinerja indicator has no realisasi in the report"),
      explanation = text_pair(
        "Setiap indikator yang diperjanjikan dalam tabel Perjanjian Kinerja (tabel yang judulnya menyebut Perjanjian Kinerja, Penetapan Kinerja atau PK, dengan kolom indikator dan target tetapi tanpa realisasi) harus diukur di Bab III: sedikitnya satu tabel lain memuat indikator itu dengan realisasi tahun laporan. Nama dicocokkan seperti pada konsistensi.value, ditambah urutan kata, \"%\" = persentase dan singkatan yang hanya punya satu arti (lib.indikator.same_loose); tidak ada pencocokan kira-kira. Baris yang menyebut indikator itu tetapi realisasinya kosong atau \"-\" juga dilaporkan. Bila lebih dari tiga indikator satu tabel PK tidak dilaporkan, temuannya satu untuk tabel itu, dengan daftar barisnya. Bila laporan tidak memuat satu pun tabel realisasi, indikator PK dihitung sebagai tidak dapat diperiksa, bukan temuan.",
        "Every indicator agreed in the Perjanjian Kinerja table (a table whose caption names the Perjanjian Kinerja, Penetapan Kinerja or PK, with indicator and target columns but no realisasi) must be measured in Bab III: at least one other table holds the indicator with a realisasi for the report year. Names are matched as in konsistensi.value, and also in any word order, with \"%\" read as persentase and abbreviations that have one meaning spelled out (lib.indikator.same_loose); nothing approximate. A row that names the indicator but whose realisasi is empty or \"-\" is reported too. When more than three indicators of one PK table are not reported, there is one finding for the table, listing their lines. When the report holds no realisasi table at all, the PK indicators are counted as not checkable, not as findings."),
      message = text_pair("{what_id} {status_id}{closest_id}.", "{what_en} {status_en}{closest_en}."),
      fix = text_pair("Laporkan realisasi dan capaian indikator ini di tabel pengukuran kinerja Bab III, atau jelaskan mengapa tidak dapat diukur; bila namanya ditulis lain di tabel itu, samakan namanya.",
                      "Report this indicator's realisasi and capaian in the Bab III measurement table, or explain why it could not be measured; if the table words its name differently, use one name."),
      example = "Tabel II. PERJANJIAN KINERJA TAHUN 2019: indikator yang tidak muncul di tabel realisasi mana pun.",
    },
  },

  finish = function(ctx, report)
    local year = report.year
    local pks = {}
    for _, t in report:tables() do
      local cols = pk_targets(t, year)
      if cols then pks[#pks + 1] = { table = t, cols = cols } end
    end
    -- most reports of a long-form export have no PK table without
    -- realisasi: then there is nothing to look for, and no need to index
    -- every realisasi row (nor to list the other tables: they are listed
    -- again here, in the same order, for the reports that have one)
    if #pks == 0 then return end
    local reported, others, k = {}, {}, 1
    for _, t in report:tables() do
      if pks[k] and pks[k].table == t then k = k + 1 else others[#others + 1] = t end
    end
    -- realisasi places: key -> { {row=, file=, has=bool, text=}, ... }
    local places, names, any_realisasi = {}, {}, false
    for _, t in ipairs(others) do
      if t:col("indikator") and not ind.other_year(t, year) and not ind.renstra_years(t) then
        local vc = ind.value_columns(t, year)
        if vc.realisasi then
          any_realisasi = true
          local ic, file = t:col("indikator"), t.file
          for _, row in t:rows() do
            if row.kind == "data" then
              local name = row:text(ic)
              local key = ind.loose_key(name)
              if key ~= "" then
                local c = row:cell(vc.realisasi)
                local has = c.kind ~= "empty" and c.kind ~= "missing"
                local l = places[key]
                if not l then
                  l = {}
                  places[key] = l
                  names[#names + 1] = { key = key, row = row, ic = ic }   -- label_of only for a hint
                end
                l[#l + 1] = { row = row, has = has, file = file, text = c.text }
              end
            end
          end
        end
      end
    end

    for _, pk in ipairs(pks) do
      local t, ic = pk.table, pk.table:col("indikator")
      local missing, total = {}, 0
      for _, row in t:rows() do
        local tc = row.kind == "data" and row:cell(pk.cols.target)
        local key = tc and tc.kind ~= "empty" and ind.loose_key(row:text(ic)) or ""
        if key ~= "" and not reported[key] then
          reported[key] = true
          total = total + 1
          if not any_realisasi then
            ctx:not_checkable(row)
          else
            local l = places[key]
            local with_value = false
            for _, p in ipairs(l or {}) do
              if p.has then with_value = true end
            end
            ctx:compared(row)                    -- looked for in every realisasi table
            if not with_value then
              missing[#missing + 1] = { row = row, key = key, places = l, target = tc.text }
            end
          end
        end
      end
      if #missing > 3 then
        -- one finding for the table: a PK that Bab III does not measure at all
        local lines, names_ = {}, {}
        for i, m in ipairs(missing) do
          lines[#lines + 1] = tostring(m.row.line)
          if i <= 3 then names_[#names_ + 1] = "\"" .. label_of(m.row, ic) .. "\"" end
        end
        local n, of = tostring(#missing), tostring(total)
        ctx:emit("pk.unreported", t, {
          what_id = n .. " dari " .. of .. " indikator PK tabel ini (baris " .. table.concat(lines, ", ")
            .. "; mis. " .. table.concat(names_, ", ") .. ")",
          what_en = n .. " of the " .. of .. " PK indicators of this table (lines " .. table.concat(lines, ", ")
            .. "; e.g. " .. table.concat(names_, ", ") .. ")",
          status_id = "tidak ada di tabel realisasi mana pun", status_en = "are in no realisasi table",
          closest_id = "", closest_en = "", reported = n,
        })
      else
        for _, m in ipairs(missing) do
          local what = "\"" .. label_of(m.row, ic) .. "\" (target " .. m.target .. ")"
          local fields = { what_id = "Indikator PK " .. what, what_en = "PK indicator " .. what, closest_id = "", closest_en = "",
                           indicator = label_of(m.row, ic), target = m.target }
          if m.places then
            local at = {}
            for _, p in ipairs(m.places) do at[#at + 1] = ind.place(p.file, p.row.line) .. " (\"" .. p.text .. "\")" end
            fields.status_id = "disebut di " .. table.concat(at, ", ") .. " tanpa nilai realisasi"
            fields.status_en = "appears at " .. table.concat(at, ", ") .. " without a realisasi value"
          else
            fields.status_id = "tidak ada di tabel realisasi mana pun"
            fields.status_en = "is in no realisasi table"
            -- the realisasi name sharing most words, when it shares at
            -- least half of the PK name's: a rewording the reviewer can judge
            local best, bn = nil, 0
            local nwords = select(2, string.gsub(m.key, "%S+", ""))
            for _, n in ipairs(names) do
              local sw = shared_words(m.key, n.key)
              if sw > bn then best, bn = n, sw end
            end
            if best and bn * 2 >= nwords then
              local first = places[best.key][1]
              local p = ind.place(first.file, first.row.line)
              local label = label_of(best.row, best.ic)
              fields.closest_id = "; nama terdekat: \"" .. label .. "\" (" .. p .. ")"
              fields.closest_en = "; closest name: \"" .. label .. "\" (" .. p .. ")"
            end
          end
          ctx:emit("pk.unreported", m.row, fields)
        end
      end
    end
  end,
}
