target "base" {
  platforms = ["linux/s390x"]
}
target "app" {
  platforms = ["linux/amd64", "linux/arm64"]
  contexts = { base = "target:base" }
}
