-- declares an id in the reserved engine. namespace
return {
  rules = { { id = "engine.rule-timeout", severity = "info", title = "t", explanation = "e", message = "m" } },
  check_table = function() end,
}
