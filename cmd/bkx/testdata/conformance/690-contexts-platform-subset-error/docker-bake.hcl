target "base" {
  platforms = ["linux/amd64", "linux/arm64", "linux/s390x"]
}
target "app" {
  platforms = ["linux/amd64", "linux/arm64"]
  contexts = { base = "target:base" }
}
