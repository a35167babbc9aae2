target "default" {
  args = {
    HOST_NEG = cidrhost("10.0.0.0/30", -1)
    HOST_ZERO = cidrhost("10.0.0.0/8", 0)
    HOST6 = cidrhost("fd00::/64", 17)
    NETMASK8 = cidrnetmask("10.0.0.0/8")
    NETMASK32 = cidrnetmask("1.2.3.4/32")
    SUBNET0 = cidrsubnet("192.168.0.0/16", 0, 0)
    SUBNETS6 = join(",", cidrsubnets("fd00::/56", 8, 8))
  }
}
