target "base" {
  name = "base-${v}"
  matrix = { v = ["a", "b"] }
}
target "app" {
  contexts = { base = "target:base" }
}
