target "test" {
  entitlements = ["network.host", "security.insecure"]
  pull = false
}
