target "_deps" {
  dockerfile = "deps.Dockerfile"
  args = { LOCK = "yarn.lock" }
  platforms = ["linux/amd64", "linux/arm64"]
}
target "_assets" {
  context = "assets"
  contexts = { deps = "target:_deps" }
}
target "web" {
  platforms = ["linux/amd64"]
  contexts = {
    deps = "target:_deps"
    assets = "target:_assets"
  }
  tags = ["acme/web"]
}
