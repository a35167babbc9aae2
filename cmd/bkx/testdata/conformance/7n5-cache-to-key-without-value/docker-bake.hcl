target "default" {
  cache-to = ["type=registry,ref"]
}
