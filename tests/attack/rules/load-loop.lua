-- endless loop while the rule file loads
while true do end
