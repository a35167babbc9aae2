target "default" {
  args = { B = true, N = 3.0, F = 1.50, NEG = -0 }
  labels = { B = false, N = 10 }
}
