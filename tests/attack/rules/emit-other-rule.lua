-- emits a finding of a bundled rule
return {
  rules = { { id = "emit-other-rule.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) ctx:emit("capaian.arithmetic", t, { reported = "1", expected = "2" }) end,
}
