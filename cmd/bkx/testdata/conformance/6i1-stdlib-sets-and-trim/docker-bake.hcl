target "default" {
  args = {
    HAS = sethaselement(["a", "b"], "b")
    SYMDIFF = jsonencode(setsymmetricdifference(["a", "b"], ["b", "c"]))
    TRIM = trimspace("\n\t x \n")
    TRIMS = trimsuffix(trimprefix("v1.2.3-rc", "v"), "-rc")
    FL = join(";", formatlist("%s=%d", ["a", "b"], [1, 2]))
    NEGMOD = -7 % 3
    PINT = parseint("-101", 2)
    SIGN0 = signum(0)
    MAXF = max(1.5, 2)
  }
}
