target "default" {
  labels = {
    cr = "a\rb"
    nl = "a\nb"
    astral = "\U0001F600"
    nul = "x\u0000y"
    ctrl = "\u001b[0m"
    ls = "\u2028"
  }
}
