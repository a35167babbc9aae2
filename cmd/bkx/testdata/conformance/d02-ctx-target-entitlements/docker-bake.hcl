target "c" {
  entitlements = ["security.insecure", "network.host"]
}
target "b" {
  entitlements = ["network.host"]
  contexts = { x = "target:c" }
}
target "a" {
  entitlements = ["device=foo"]
  contexts = { y = "target:b" }
}
