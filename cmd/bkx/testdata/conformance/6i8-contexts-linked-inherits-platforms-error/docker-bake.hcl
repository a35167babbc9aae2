target "dep" { platforms = ["linux/amd64", "linux/arm64"] }
target "app" {
  platforms = ["linux/amd64", "linux/ppc64le"]
  contexts = { d = "target:dep" }
}
