target "a" {
  cache-from = ["type=registry,ref=a"]
  annotations = ["k=v"]
}
target "default" {
  inherits = ["a", "a"]
}
