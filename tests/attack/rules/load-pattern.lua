-- catastrophic backtracking while the rule file loads
string.find(string.rep("a", 3000), string.rep("a*", 40) .. "b")
return {}
