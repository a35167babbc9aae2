variable "C" { default = true }
target "default" {
  tags = C ? ["a", "b"] : []
  platforms = !C ? ["linux/amd64"] : ["linux/arm64", "linux/amd64"]
}
