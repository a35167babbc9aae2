target "default" {
  args = {
    A = true ? 1 : "x"
    B = false ? 1 : "x"
    C = true ? 1.5 : 2
  }
}
