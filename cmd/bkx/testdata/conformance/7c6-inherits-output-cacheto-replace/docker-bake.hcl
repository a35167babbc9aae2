target "a" {
  output = ["type=docker"]
  cache-to = ["type=inline"]
  cache-from = ["type=registry,ref=a"]
}
target "default" {
  inherits = ["a"]
  output = ["type=local,dest=out"]
  cache-to = ["type=registry,ref=c"]
  cache-from = ["type=registry,ref=b"]
}
