-- string.rep of 2^40 bytes
return {
  rules = { { id = "string-rep-huge.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) return string.rep("x", 1 << 40) end,
}
