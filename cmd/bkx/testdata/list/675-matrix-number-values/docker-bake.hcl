target "n" {
  name = "n-${replace(v, ".", "_")}"
  matrix = { v = [1, 2.5, 10] }
  args = { V = v, DOUBLE = v * 2 }
}
