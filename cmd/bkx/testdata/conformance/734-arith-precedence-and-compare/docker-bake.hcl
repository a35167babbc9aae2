target "default" {
  args = {
    A = 2 + 3 * 4 - 1
    B = (2 + 3) * 4
    C = -5 % 3
    D = 10 >= 10 && 3 < 2 || !false
    E = "a" == "a"
    F = 1 == "1"
  }
}
