-- reaches for io, os, load and require
return {
  rules = { { id = "escape-globals.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  begin = function(ctx, report) local f = io.open("/etc/passwd") os.execute("true") load("return 1") require("os") end,
}
