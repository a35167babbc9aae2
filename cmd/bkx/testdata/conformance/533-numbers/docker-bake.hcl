target "default" {
  args = {
    A = 0.1 + 0.2
    B = 1e3
    C = -7 / 2
    D = 2 * 1.5
    E = 100000000000000000000 + 1
    F = 10 % 3
    G = 5.0
    H = floor(7 / 2)
  }
}
