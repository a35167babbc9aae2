target "default" {
  args = { A = { b = 1 } }
}
