target "base" {
  args = { B = "base" }
}
target "app" {
  matrix = { v = ["1", "2"] }
  name = "app-${v}"
  inherits = ["base"]
  args = { V = v }
}
target "default" {
  inherits = ["app-2"]
}
