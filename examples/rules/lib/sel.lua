-- examples/rules/lib/sel.lua — helpers shared by the rule files of this
-- folder, seen by them as lib.sel (each file gets its own instance).
local M = {}

-- A cell a reader can take no number from: left empty, or a placeholder
-- such as "-" or "n/a".
function M.kosong(cell)
  return cell.kind == "empty" or cell.kind == "missing"
end

return M
