target "parent" {
  name = "parent-${v}"
  matrix = { v = ["a", "b"] }
  args = { V = v }
}
target "child" {
  inherits = ["parent"]
}
