target "default" {
  args = { A = "x" + 1 }
}
