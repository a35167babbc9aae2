target "base" { args = { X = "b", Y = "y" } }
target "app" {
  inherits = ["base"]
  args = { Z = "z" }
}
