target "m" {
  matrix = { v = ["a", "b"] }
  args = { V = v }
}
