target "dep" {
  name = "dep-${v}"
  matrix = { v = ["a", "b"] }
}
target "app" { contexts = { d = "target:dep-b" } }
