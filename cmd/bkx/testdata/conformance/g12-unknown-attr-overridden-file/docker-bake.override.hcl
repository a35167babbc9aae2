target "default" {
  tagz = ["y"]
  platforms = ["linux/arm64"]
}
