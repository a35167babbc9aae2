target "default" {
  tags = ["a"]
  inherits = ["base"]
  labels = { from = "a" }
}
target "base" { args = { BASE = "1" } }
