target "default" {
  args = {
    H6 = cidrhost("2001:db8::/32", 255)
    S6 = join(",", cidrsubnets("fd00::/56", 8, 8))
    MASK = cidrnetmask("10.0.0.0/30")
    TRY = try(cidrhost("10.0.0.0/30", 10), "out-of-range")
  }
}
