target "a" {
  entitlements = ["security.insecure"]
  no-cache-filter = ["s1"]
}
target "b" {
  inherits = ["a"]
  entitlements = ["network.host"]
  no-cache-filter = ["s2", "s1"]
}
target "default" {
  inherits = ["b"]
  no-cache-filter = ["s3"]
}
