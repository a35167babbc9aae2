target "base" {
  platforms = ["linux/arm/v7", "linux/arm/v7"]
}
target "api" {
  platforms = ["linux/amd64", "linux/arm64"]
  contexts = { base = "target:base" }
}
