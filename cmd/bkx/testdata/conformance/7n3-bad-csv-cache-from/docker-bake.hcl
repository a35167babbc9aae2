target "default" {
  cache-from = ["type=registry,\"ref=x"]
}
