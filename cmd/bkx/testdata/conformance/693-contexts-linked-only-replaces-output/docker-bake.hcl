target "base" {
  output = ["type=registry"]
  tags = ["acme/base"]
  cache-to = ["type=inline"]
}
target "app" {
  contexts = { base = "target:base", alpine = "docker-image://alpine:3" }
}
