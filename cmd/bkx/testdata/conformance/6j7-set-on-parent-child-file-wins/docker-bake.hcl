target "base" { args = { A = "base" } }
target "child" {
  inherits = ["base"]
  args = { A = "child" }
}
