target "a" {
  contexts = { x = "docker-image://x" }
  output = ["type=docker"]
  cache-from = ["type=registry,ref=f"]
}
target "b" {}
