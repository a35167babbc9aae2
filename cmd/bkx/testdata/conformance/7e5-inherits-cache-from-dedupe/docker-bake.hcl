target "a" {
  cache-from = ["type=registry,ref=x"]
}
target "default" {
  inherits = ["a"]
  cache-from = ["type=registry,ref=x", "type=local,src=d"]
}
