variable "SVCS" {
  default = [
    { name = "a", team = "x" },
    { name = "b", team = "y" },
    { name = "c", team = "x" },
  ]
}
target "default" {
  tags = SVCS[*].name
  args = {
    BY_TEAM = jsonencode({ for s in SVCS : s.team => s.name... })
    FIRST = SVCS.0.name
    COND = length(SVCS) > 2 ? "many" : "few"
  }
}
