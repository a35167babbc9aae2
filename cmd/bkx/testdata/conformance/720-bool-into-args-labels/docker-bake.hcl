target "default" {
  args = { A = true, B = false, C = !true }
  labels = { x = 1 == 1 }
  tags = [true, 1]
}
