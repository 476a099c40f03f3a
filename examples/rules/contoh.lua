-- examples/rules/contoh.lua — an example rule family for `--rules`: an
-- indicator with a realisation but no target. Its ids start with the
-- file's name (contoh.*); its message names only the fields it lists.
-- Run its fixtures with: lakip-audit rules test examples/rules
local sel = lib.sel

return {
  rules = {
    {
      id = "contoh.target-kosong", severity = "warning",
      fields = { "realisasi" },
      title = { id = "Target kosong", en = "Target missing" },
      explanation = {
        id = "Indikator memiliki realisasi tetapi targetnya kosong, sehingga capaiannya tidak dapat dinilai.",
        en = "The indicator has a realisation but no target, so its achievement cannot be judged.",
      },
      message = {
        id = "Indikator \"{indicator}\" tidak memiliki target, padahal realisasinya {realisasi}.",
        en = "Indicator \"{indicator}\" has no target, although its realisation is {realisasi}.",
      },
      fix = { id = "Isi target indikator ini dari Perjanjian Kinerja.", en = "Fill in the indicator's target from the performance agreement." },
    },
  },

  check_row = function(ctx, t, row)
    if row.kind ~= "data" or not t:col("target") or not t:col("realisasi") then return end
    local target, realisasi = row:cell("target"), row:cell("realisasi")
    if sel.kosong(target) and realisasi.kind == "value" then
      ctx:emit("contoh.target-kosong", row, { cell = "target", realisasi = realisasi.text })
    end
  end,
}
