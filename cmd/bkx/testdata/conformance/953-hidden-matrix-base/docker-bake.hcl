target "_base" {
  name = "_base-${arch}"
  matrix = { arch = ["amd64", "arm64"] }
  platforms = ["linux/${arch}"]
  args = { ARCH = arch }
}
target "app" {
  name = "app-${arch}"
  matrix = { arch = ["amd64", "arm64"] }
  inherits = ["_base-${arch}"]
  tags = ["app:${arch}"]
}
target "tools" {
  contexts = { base = "target:_base-amd64" }
  platforms = ["linux/amd64"]
}
group "default" { targets = ["app", "tools"] }
