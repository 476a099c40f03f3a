-- rules/satuan.lua — target and realisasi of one row must be in the same
-- unit: "100 kk" against "100 org" compares households with people.
-- Spellings of one unit ("org", "orang", "Orang") are not findings.
local text = lib.text

return {
  rules = {
    {
      id = "satuan.mismatch", severity = "warning",
      fields = { "target", "realisasi", "target_unit", "realisasi_unit" },
      title = { id = "Satuan target dan realisasi berbeda", en = "Target and realisasi in different units" },
      explanation = {
        id = "Target dan realisasi pada satu baris ditulis dengan satuan yang berbeda, sehingga capaiannya membandingkan dua hal yang berbeda. Ejaan lain dari satuan yang sama (org/orang) tidak dianggap berbeda.",
        en = "The row's target and realisasi carry different units, so its capaian compares two different things. Other spellings of one unit (org/orang) do not count as different.",
      },
      message = { id = "Target {target} dan realisasi {realisasi}: satuan \"{target_unit}\" tidak sama dengan \"{realisasi_unit}\".",
                  en = "Target {target} and realisasi {realisasi}: unit \"{target_unit}\" is not \"{realisasi_unit}\"." },
      fix = { id = "Samakan satuannya, atau pisahkan menjadi dua indikator.", en = "Use one unit, or split the indicator in two." },
      example = "Tabel Urusan Sosial, baris 515: Jumlah PMKS yang mendapat bantuan UEP/KUBE, target 100 kk, realisasi 100 org.",
    },
  },

  -- check_row acts only on data rows whose target and realisasi carry
  -- units of different spelling: the engine tests that in C (docs/RULES.md)
  rows = { only = { { kind = "data", units_differ = { "target", "realisasi" } } } },

  check_row = function(ctx, t, row)
    if row.kind ~= "data" then return end
    local tc, rc = row:cell("target"), row:cell("realisasi")
    if not tc or not rc then return end
    if tc.unit == "" or rc.unit == "" then return end
    if text.unit(tc.unit) ~= text.unit(rc.unit) then
      ctx:emit("satuan.mismatch", row, {
        target = tc.text, realisasi = rc.text, target_unit = tc.unit, realisasi_unit = rc.unit,
      })
    end
  end,
}
