target "app" {
  no-cache-filter = ["st$${X}"]
  entitlements = ["network.host"]
}
