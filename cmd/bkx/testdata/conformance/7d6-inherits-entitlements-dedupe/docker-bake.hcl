target "a" {
  entitlements = ["network.host", "security.insecure"]
}
target "default" {
  inherits = ["a"]
  entitlements = ["network.host"]
}
