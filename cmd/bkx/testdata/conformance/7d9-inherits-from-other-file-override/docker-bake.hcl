target "base" {
  tags = ["base"]
  args = { A = "1" }
}
target "default" {
  inherits = ["base"]
}
