target "src" {
  call = "check"
  entitlements = ["security.insecure"]
  no-cache-filter = ["a"]
  annotations = ["k=v"]
}
target "default" {
  call = target.src.call
  entitlements = target.src.entitlements
  no-cache-filter = target.src.no-cache-filter
  annotations = target.src.annotations
}
