target "base" {
  platforms = ["linux/amd64", "linux/arm64"]
  output = ["type=registry"]
  cache-to = ["type=inline"]
  labels = { a = "1" }
}
target "child" {
  inherits = ["base"]
  platforms = []
  output = []
  cache-to = []
  labels = {}
}
