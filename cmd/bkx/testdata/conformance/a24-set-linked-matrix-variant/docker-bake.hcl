target "dep" {
  name = "dep-${v}"
  matrix = { v = ["x", "y"] }
}
target "app" { contexts = { d = "target:dep-x" } }
