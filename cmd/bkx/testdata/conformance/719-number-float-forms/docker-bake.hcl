target "default" {
  args = {
    A = 1.0
    B = 100.50
    C = 2E2
    D = -3.25
    E = 10 / 4
    F = 7 % 3
    G = 1e21
    H = 123456789012
  }
}
