target "base" {
  name = "base-${v}"
  matrix = { v = ["a", "b"] }
  args = { V = v }
}
target "app" { inherits = ["base-a"] }
