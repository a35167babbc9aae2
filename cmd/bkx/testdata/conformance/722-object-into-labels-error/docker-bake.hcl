target "default" {
  labels = { A = { b = "c" } }
}
