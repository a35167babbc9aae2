target "m" {
  name = v == "a" ? "m" : "m-${v}"
  matrix = { v = ["a", "b"] }
  args = { V = v }
}
