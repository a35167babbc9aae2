target "default" {
  args = {
    A = "3" + 4
    B = "2.5" * 2
  }
}
