-- names another report as a long-form group
return {
  rules = { { id = "forge-report-group.attack", severity = "warning", title = "t", explanation = "e", message = "m" } },
  check_table = function(ctx, t) ctx:emit("forge-report-group.attack", t, { report_group = "2019 · Dinas Lain" }) end,
}
