target "default" {
  tags = ["base"]
  args = { A = "base", B = "base" }
}
