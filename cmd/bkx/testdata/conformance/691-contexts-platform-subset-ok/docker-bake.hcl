target "base" {
  platforms = ["linux/amd64", "linux/arm64"]
}
target "app" {
  platforms = ["linux/arm64", "linux/amd64", "linux/riscv64"]
  contexts = { base = "target:base" }
}
