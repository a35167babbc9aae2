target "dep" {
  platforms = ["linux/amd64"]
}
target "default" {
  platforms = ["linux/arm64"]
  contexts = { d = "target:dep" }
}
