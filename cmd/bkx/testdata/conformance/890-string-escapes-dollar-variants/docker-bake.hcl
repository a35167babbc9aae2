target "default" {
  args = {
    A = "$$"
    B = "$${"
    C = "$$${x}"
    D = "%%"
    E = "%%%{"
    F = "\\$${x}"
    G = "a$b"
    H = "$"
  }
  tags = ["img:$${x}"]
}
