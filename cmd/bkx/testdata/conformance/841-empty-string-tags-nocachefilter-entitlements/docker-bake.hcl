target "default" {
  tags = ["a", "", "b"]
  no-cache-filter = ["", "x"]
  entitlements = ["", "network.host"]
}
