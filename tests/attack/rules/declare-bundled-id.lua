-- declares the id of a bundled rule
return {
  rules = { { id = "capaian.arithmetic", severity = "info", title = "t", explanation = "e", message = "m" } },
  check_table = function() end,
}
